"""Corrections: a public note on a published record, with what changed."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialRecord
from core.plain_text import validate_multiline_text


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

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_correction", "Can publish and retract corrections")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_target")]

    def __str__(self) -> str:
        return f"Correction to {self.content_type.model} {self.object_id}"
