"""The editorial workflow every claims record goes through: draft -> in review -> published
-> retracted. Published records are never deleted; they are retracted with a reason."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import Truncator

from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.plain_text import validate_multiline_text
from core.visibility import is_staff


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


PUBLIC_STATUSES = (Status.PUBLISHED, Status.RETRACTED)
NON_PUBLIC = tuple(status for status in Status if status not in PUBLIC_STATUSES)


class PublishedRecordError(Exception):
    """Raised on an attempt to delete a record that has been public."""


class EditorialQuerySet(models.QuerySet):
    def published(self):
        """Records a reader may see: published, and retracted ones (shown as retracted)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def live(self):
        """Published and not retracted."""
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What the public may see: published (or retracted) records, of which every record
        they reveal is public too (the model's `reveals`: a public shift must not point at a
        draft statement, nor a fact-check rate one). The one place each such rule is written."""
        revealed = {f"{name}__status__in": PUBLIC_STATUSES for name in self.model.reveals}
        return self.filter(status__in=PUBLIC_STATUSES, **revealed)

    def standing(self):
        """What counts in a scorecard or a ClaimReview: published, and so is every record it
        reveals. A retraction withdraws what rests on the record too: a rating of words we
        no longer stand by is not a rating of the speaker (EditorialRecord.stands)."""
        live = {f"{name}__status": Status.PUBLISHED for name in self.model.reveals}
        return self.filter(status=Status.PUBLISHED, **live)

    def visible_to(self, user):
        """Everything for staff; only what is public for everyone else."""
        if is_staff(user):
            return self
        return self.public()

    def delete(self):
        if self.filter(status__in=PUBLIC_STATUSES).exists():
            raise PublishedRecordError(
                "Published records cannot be deleted; retract them with a reason instead."
            )
        return super().delete()

    delete.queryset_only = True


class EditorialRecord(TimestampedModel, VersionedModel):
    """A record that goes through draft, review, publication and retraction."""

    # The editorial records this one shows to whoever sees it (relation names): it is public
    # only while they are too (EditorialQuerySet.public).
    reveals: tuple[str, ...] = ()

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(
        blank=True, editable=False, help_text="Why it was retracted; shown to readers."
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last submitted for review."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        # The record outlives the account; the audit log keeps the name.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last submitted it for review: the editor it goes back to.",
    )
    return_note = models.TextField(
        blank=True,
        editable=False,
        validators=[validate_multiline_text],
        help_text="What a publisher asked its editor to change; cleared when it is submitted again.",
    )
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        # As for submitted_by.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EditorialQuerySet.as_manager()

    # What the workflow sets, rather than an editor: not a change to the record's content.
    WORKFLOW_FIELDS = frozenset(
        {
            "id",
            "status",
            "published_at",
            "retracted_at",
            "retraction_reason",
            "submitted_at",
            "submitted_by_id",
            "return_note",
            "returned_at",
            "returned_by_id",
            "version",
            "created_at",
            "updated_at",
        }
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_retracted(self) -> bool:
        return self.status == Status.RETRACTED

    @property
    def stands(self) -> bool:
        """One record as EditorialQuerySet.standing reads the table (its revealed records
        fetched, or prefetched, one by one)."""
        return self.status == Status.PUBLISHED and all(
            getattr(self, name).status == Status.PUBLISHED for name in self.reveals
        )

    @property
    def affects_public_content(self) -> bool:
        """Whether a change to it may show to the public (core.revisions): once published.
        A published record never goes back to draft (retracted stays public); published_at
        is checked too, so one forced back would still count."""
        return self.is_public or self.published_at is not None

    def delete(self, *args, **kwargs):
        if self.is_public:
            raise PublishedRecordError(
                f"This {self._meta.verbose_name} has been published and cannot be deleted; "
                "retract it with a reason instead."
            )
        return super().delete(*args, **kwargs)

    def publication_problems(self) -> list[str]:
        """What keeps this record from being published: by default, a record it reveals that
        is not public yet. Published first, it would show nowhere (EditorialQuerySet.public),
        and its published_at would come before readers first saw it."""
        problems = []
        for name in self.reveals:
            revealed = getattr(self, name)
            if not revealed.is_public:
                shown = Truncator(str(revealed)).chars(80)
                problems.append(
                    f"Publish the {revealed._meta.verbose_name} “{shown}” first: until it is "
                    f"public, readers cannot see this {self._meta.verbose_name}."
                )
        return problems

    def rule_problems(self) -> list[str]:
        """The record's own rules (full_clean), checked again at publication: a record saved
        before a rule existed, or by a path that skipped it, is not published against it."""
        try:
            self.full_clean(validate_unique=False)
        except ValidationError as error:
            return [
                message if name == NON_FIELD_ERRORS else f"{self._field_label(name)}: {message}"
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        return []

    def _field_label(self, name: str) -> str:
        try:
            return str(self._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:
            return name

    @property
    def is_returned(self) -> bool:
        """Sent back to its editor with a note, and not submitted again since."""
        return self.status == Status.DRAFT and bool(self.return_note)

    def made_or_last_changed_by(self, user) -> bool:
        """Whether the user created this record or made the latest change to its content (a
        workflow step, or a save that changed nothing, is not a change): read from its history."""
        entries = list(self.history.order_by("history_date", "history_id"))
        if not entries or user is None:
            return False
        if entries[0].history_type == "+" and entries[0].history_user_id == user.pk:
            return True
        # Content is what history keeps (not what is derived from it, such as a statement's
        # fingerprint of its text), less the workflow's own fields.
        kept = {field.attname for field in self.history.model._meta.concrete_fields}
        content = [
            field.attname
            for field in self._meta.concrete_fields
            if field.attname in kept and field.attname not in self.WORKFLOW_FIELDS
        ]
        for older, newer in zip(reversed(entries[:-1]), reversed(entries[1:]), strict=True):
            if any(getattr(older, name) != getattr(newer, name) for name in content):
                return newer.history_user_id == user.pk
        return False

    def publishable_by(self, user) -> bool:
        """Whether the user may publish and retract this record (publishers only)."""
        meta = self._meta
        return bool(
            user and user.is_active and user.has_perm(f"{meta.app_label}.publish_{meta.model_name}")
        )

    def editable_by(self, user) -> bool:
        """Editors change drafts and records in review; only publishers change public ones."""
        meta = self._meta
        if not (
            user and user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        ):
            return False
        return not self.is_public or self.publishable_by(user)
