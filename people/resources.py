"""Import and export of people and organizations (django-import-export), as CSV or JSON.

Rows are matched on their slug: a known slug updates that record, a new one adds it.
Every row is validated like an admin form (clean_model_instances); when any row is
bad the whole file is rolled back and the admin lists each bad row with its field.
"""

from import_export import fields, widgets

from core.resources import EditorialResource
from people.models import Organization, Person


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
