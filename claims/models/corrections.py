"""Corrections: a public note on a published record, with what changed."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialQuerySet, EditorialRecord
from core.plain_text import validate_multiline_text

# The records (all in `claims`) whose corrections readers see: on their pages, in the feeds
# and the API. A correction of anything else would be published and shown nowhere. Each with
# the relations its name (__str__) reads besides its own row, loaded with it in lists.
CORRECTABLE_MODELS = {
    "statement": ("speaker", "speaker_organization"),
    "factcheck": ("rating",),
    "endorsement": ("endorser_person", "endorser_organization", "endorsed"),
    "stanceshift": ("subject", "topic__parent"),
    "promise": ("person",),
    "promisestatuschange": ("promise", "rating"),
}


class CorrectionQuerySet(EditorialQuerySet):
    def with_corrected_records(self):
        """With the record each corrects, named without a query per row: one per kind."""
        # By name: the promise models import this package, so this module cannot import them.
        get_model = self.model._meta.apps.get_model
        return self.select_related("content_type").prefetch_related(
            GenericPrefetch(
                "record",
                [
                    get_model("claims", name)._default_manager.select_related(*related)
                    for name, related in CORRECTABLE_MODELS.items()
                ],
            )
        )

    def of_records(self, records: models.QuerySet):
        """The corrections of any of these records (a queryset of one correctable model)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(records.model),
            object_id__in=records.values("pk"),
        )


class Correction(EditorialRecord):
    """A public note on a published record: what changed, when and why."""

    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    what_changed = models.TextField(
        validators=[validate_multiline_text], help_text="What was corrected, for readers."
    )
    reason = models.TextField(validators=[validate_multiline_text], help_text="Why.")

    history = HistoricalRecords()

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_correction", "Can publish and retract corrections")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_target")]

    def __str__(self) -> str:
        return f"Correction to {self.content_type.model} {self.object_id}"

    def clean(self):
        super().clean()
        if self.content_type_id is None:
            return
        if (self.content_type.app_label, self.content_type.model) not in {
            ("claims", model) for model in CORRECTABLE_MODELS
        }:
            raise ValidationError(
                {
                    "content_type": "A correction is of a statement, fact-check, endorsement, "
                    "stance shift, promise or promise status change: readers see no other."
                }
            )
        if self.object_id is not None and self.record is None:
            raise ValidationError(
                {
                    "object_id": f"There is no {self.content_type.name} #{self.object_id}: "
                    "give the number in the address of its admin page."
                }
            )

    def publication_problems(self) -> list[str]:
        record = self.record
        if record is not None and not record.is_public:
            return [
                f"Publish the {self.content_type.name} first: the {self.content_type.name} it "
                "corrects is not public, so readers would see the correction nowhere."
            ]
        return []
