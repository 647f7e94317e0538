"""The kernel's two models: timestamps every record shares, and the content revision."""

from django.db import models


class TimestampedModel(models.Model):
    """Adds created_at and updated_at."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ContentRevision(models.Model):
    """One row counting changes to the published content: ETags and cached pages key on it.

    core.revisions advances it after every committed change to a record of people,
    sources or claims, so "the same revision" means "the same content" everywhere,
    across processes, without comparing rows (see core/revisions.py).
    """

    number = models.PositiveBigIntegerField(default=1, help_text="Moves on every change.")
    changed_at = models.DateTimeField()
    public_number = models.PositiveBigIntegerField(
        default=1, help_text="Moves on the changes the public may see."
    )
    public_changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content revision"

    def __str__(self) -> str:
        return f"revision {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
