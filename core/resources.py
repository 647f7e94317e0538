"""What every import and export shares (django-import-export): partial dates, all-or-nothing
validation like the admin's, and CSV a spreadsheet cannot run as formulas."""

import re

import tablib
from import_export import resources, widgets
from import_export.formats import base_formats

from core.partial_dates import FORMAT_HINT, PartialDate


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
