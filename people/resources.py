"""Import and export of people and organizations (django-import-export), as CSV or JSON.

Rows are matched on their slug: a known slug updates that record, a new one adds it.
Every row is validated like an admin form (clean_model_instances); when any row is
bad the whole file is rolled back and the admin lists each bad row with its field.
"""

import re

import tablib
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from people.models import Organization, Person
from people.partial_dates import FORMAT_HINT, PartialDate


class PartialDateWidget(widgets.Widget):
    """Reads and writes partial dates as "2020", "2025-06" or "2025-06-24"."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as error:
            raise ValueError(f"{error} (write it as {FORMAT_HINT})") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class EditorialResource(resources.ModelResource):
    """Settings every import shares: validate like the admin, one transaction, history kept."""

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        # Bulk mode would skip the history rows and the version checks.
        use_bulk = False


class PersonResource(EditorialResource):
    class Meta(EditorialResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        fields = ["slug", "name", "aliases", "description", "wikidata_id"]


class OrganizationResource(EditorialResource):
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=widgets.ForeignKeyWidget(Organization, field="slug"),
    )

    class Meta(EditorialResource.Meta):
        model = Organization
        import_id_fields = ["slug"]
        fields = ["slug", "name", "aliases", "kind", "parent", "url", "wikidata_id"]


class FormulaSafeCSV(base_formats.CSV):
    """CSV whose export cannot run as a spreadsheet formula (OWASP "CSV injection")."""

    def export_data(self, dataset, **kwargs):
        escaped = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            escaped.append([escape_formula(cell) for cell in row])
        return super().export_data(escaped, **kwargs)


def escape_formula(cell):
    """Prefix a quote to text a spreadsheet would read as a formula; leave numbers alone."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) and not _NUMBER.match(cell):
        return f"'{cell}"
    return cell


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")

# What the admin offers for import and export.
FORMATS = [FormulaSafeCSV, base_formats.JSON]
