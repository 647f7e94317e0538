"""Import and export of sources (django-import-export), as CSV or JSON.

Rows are matched on their URL (normalized as the model stores it); publisher and
`via` name an organization's slug and a source's URL, authors are person slugs
separated by "|". A file with any bad row changes nothing.
"""

from import_export import fields, widgets

from core.resources import EditorialResource, PartialDateWidget
from people.models import Organization, Person
from sources.models import Source, normalize_url


class NormalizedURLWidget(widgets.CharWidget):
    """Reads a URL in the canonical form the model stores, so rows match existing sources."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return normalize_url(value) if value else None


class SourceResource(EditorialResource):
    url = fields.Field(attribute="url", column_name="url", widget=NormalizedURLWidget())
    publisher = fields.Field(
        attribute="publisher",
        column_name="publisher",
        widget=widgets.ForeignKeyWidget(Organization, field="slug"),
    )
    authors = fields.Field(
        attribute="authors",
        column_name="authors",
        widget=widgets.ManyToManyWidget(Person, field="slug", separator="|"),
    )
    published_on = fields.Field(
        attribute="published_on", column_name="published_on", widget=PartialDateWidget()
    )
    via = fields.Field(
        attribute="via", column_name="via", widget=widgets.ForeignKeyWidget(Source, field="url")
    )

    class Meta:
        model = Source
        import_id_fields = ["url"]
        fields = ["url", "title", "publisher", "authors", "kind", "published_on", "via", "notes"]
