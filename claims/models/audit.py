"""The audit log: every editorial action, append-only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from claims.models.editorial import Status


class AuditLogIsAppendOnly(Exception):
    """Raised on an attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries are written once and never changed or removed, not even in bulk."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("The audit log cannot be changed.")

    update.queryset_only = True

    def delete(self):
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from.")

    delete.queryset_only = True


class AuditEntry(models.Model):
    """One editorial action (submit, return, publish, retract, restore, a change to a source
    public records cite): who, what, when, from what."""

    affects_public_content = False  # publishers read it in the admin only (core.revisions)

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned to draft"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"
        RESTORED = "restored", "Restored an earlier version"
        SOURCE_CHANGED = "source_changed", "Changed a source public records cite"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The log outlives accounts; actor_name keeps who it was.
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_name = models.CharField(max_length=150, help_text="The actor's username at the time.")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=300, help_text="The record as it read then.")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    history_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The history entry this action created."
    )
    from_history_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="For a restore: the history entry restored."
    )
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The record's version after the action, if versioned."
    )
    note = models.TextField(blank=True, help_text="The reason given, if any.")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_entry_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display().lower()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AuditLogIsAppendOnly("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from.")
