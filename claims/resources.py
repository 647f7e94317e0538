"""Import and export of statements (django-import-export), as CSV or JSON.

People, organizations and topics are named by slug, the position by its id.
Rows with an id update that statement; rows without one add a draft. Status is
exported for reading but never imported: only the workflow services change it.
A file with any bad row changes nothing.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from claims.models import Position, Statement, Topic
from core.resources import EditorialResource, PartialDateWidget
from people.models import Organization, Person


class StatementResource(EditorialResource):
    speaker = fields.Field(
        attribute="speaker",
        column_name="speaker",
        widget=widgets.ForeignKeyWidget(Person, field="slug"),
    )
    speaker_organization = fields.Field(
        attribute="speaker_organization",
        column_name="speaker_organization",
        widget=widgets.ForeignKeyWidget(Organization, field="slug"),
    )
    subject = fields.Field(
        attribute="subject",
        column_name="subject",
        widget=widgets.ForeignKeyWidget(Person, field="slug"),
    )
    said_on = fields.Field(attribute="said_on", column_name="said_on", widget=PartialDateWidget())
    topic = fields.Field(
        attribute="topic", column_name="topic", widget=widgets.ForeignKeyWidget(Topic, field="slug")
    )
    position = fields.Field(
        attribute="position", column_name="position", widget=widgets.ForeignKeyWidget(Position)
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Statement
        import_id_fields = ["id"]
        fields = ["id", *Statement.EDITABLE_FIELDS, "status"]

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if instance.pk and user is not None and not instance.editable_by(user):
            raise ValidationError(
                {"id": f"Statement {instance.pk} is public; only a publisher may change it."}
            )
        super().import_instance(instance, row, **kwargs)
