"""Which records the seed files made, so loading them again changes nothing."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SeedKey(models.Model):
    """The stable key a seed file gives a record, so loading the file again finds that record."""

    affects_public_content = False  # never shown (core.revisions)

    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    key = models.CharField(
        max_length=200, help_text="The record's key in the seed file (for example a statement's)."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "key"], name="seed_key_unique_per_model"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.key}"
