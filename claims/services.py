"""Editorial transitions: the only place a record changes status.

Each function is atomic, takes the acting user, checks their permission on the
server, and leaves a history entry naming them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from claims.models import AuditEntry, EditorialRecord, Status
from core.history import set_change_reason

EDITOR_GROUP = "Editor"
PUBLISHER_GROUP = "Publisher"


class TransitionError(Exception):
    """A workflow step that is not allowed; the message says why, for people."""


def _save(record: EditorialRecord, by, reason: str) -> EditorialRecord:
    set_change_reason(record, reason)
    record._history_user = by
    record.save()
    return record


def record_audit_entry(
    *,
    record,
    by,
    action: str,
    from_status: str = "",
    note: str = "",
    from_history_id: int | None = None,
) -> AuditEntry:
    """Write the audit-log line for an editorial action, in the caller's transaction."""
    latest = record.history.order_by("-history_date", "-history_id").first()
    return AuditEntry.objects.create(
        actor=by,
        actor_name=by.get_username() if by is not None else "",
        action=action,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        object_repr=str(record)[:300],
        from_status=from_status,
        to_status=getattr(record, "status", ""),
        history_id=latest.history_id if latest else None,
        from_history_id=from_history_id,
        version=getattr(record, "version", None),
        note=note,
    )


def audit_restore(sender, *, record, by, history_id: int, **kwargs) -> None:
    """Log a restore of an earlier version (sent by core.history.restore_version)."""
    record_audit_entry(
        record=record,
        by=by,
        action=AuditEntry.Action.RESTORED,
        from_status=getattr(record, "status", ""),
        from_history_id=history_id,
    )


# Machine bookkeeping of the archiver: not an editorial change (Source.history excludes it too).
_SOURCE_BOOKKEEPING = {"last_archive_attempt_at", "archive_problem", "changed_since_archived"}


def audit_public_source_change(sender, *, instance, created, raw=False, **kwargs) -> None:
    """Log a change to a source a public record cites (only publishers make one:
    Source.editable_by), naming the fields changed; connected to Source's post_save."""
    update_fields = kwargs.get("update_fields")
    if (
        created
        or raw
        or (update_fields and set(update_fields) <= {*_SOURCE_BOOKKEEPING, "updated_at"})
    ):
        return
    _audit_if_public(instance)


def audit_public_source_authors_change(
    sender, *, instance, action, reverse, raw=False, **kwargs
) -> None:
    """Log a change to the bylines of a source a public record cites; connected to
    m2m_changed of Source.authors, since a save's post_save comes before its authors change
    (the admin and the API set them after saving the source)."""
    if reverse or raw or action not in ("post_add", "post_remove", "post_clear"):
        return
    _audit_if_public(instance)


def _audit_if_public(instance) -> None:
    """The audit-log line for the source's latest history entry, when a public record cites
    it and that entry changed something an editor sees."""
    if not instance.is_public:
        return
    latest, previous = instance.history.order_by("-history_date", "-history_id")[:2]
    changed = sorted(
        change.field
        for change in latest.diff_against(previous).changes
        if change.field != "version"
    )
    if not changed:
        return
    by = getattr(instance, "_history_user", None) or latest.history_user
    record_audit_entry(
        record=instance,
        by=by,
        action=AuditEntry.Action.SOURCE_CHANGED,
        note="Changed: " + ", ".join(changed) + ".",
    )


def _locked(record: EditorialRecord) -> EditorialRecord:
    """The record as stored now, locked for this transaction (fresh status and version)."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


@transaction.atomic
def submit_for_review(*, record: EditorialRecord, by) -> EditorialRecord:
    """Draft -> in review. Anyone who may edit the record may submit it."""
    record = _locked(record)
    if record.status != Status.DRAFT:
        raise TransitionError(
            f"Only drafts can be submitted for review (this one is {record.get_status_display().lower()})."
        )
    if not record.editable_by(by):
        raise TransitionError("You may not edit this record, so you cannot submit it.")
    record.status = Status.IN_REVIEW
    record.submitted_at = timezone.now()
    record.submitted_by = by
    # Answered by this submission; the history and the audit log keep the note.
    record.return_note = ""
    _save(record, by, "Submitted for review")
    record_audit_entry(
        record=record, by=by, action=AuditEntry.Action.SUBMITTED, from_status=Status.DRAFT
    )
    return record


@transaction.atomic
def return_to_draft(*, record: EditorialRecord, by) -> EditorialRecord:
    """In review -> draft, for more work."""
    record = _locked(record)
    if record.status != Status.IN_REVIEW:
        raise TransitionError("Only records in review can be sent back to draft.")
    if not record.editable_by(by):
        raise TransitionError("You may not edit this record.")
    record.status = Status.DRAFT
    _save(record, by, "Returned to draft")
    record_audit_entry(
        record=record, by=by, action=AuditEntry.Action.RETURNED, from_status=Status.IN_REVIEW
    )
    return record


@transaction.atomic
def send_back(*, record: EditorialRecord, by, note: str) -> EditorialRecord:
    """In review -> draft, back to the editor who submitted it, with a note saying what to
    change (required). Publishers only."""
    record = _locked(record)
    if not record.publishable_by(by):
        raise TransitionError("Only publishers can send a record back.")
    if record.status != Status.IN_REVIEW:
        raise TransitionError("Only records in review can be sent back.")
    note = (note or "").strip()
    if not note:
        raise TransitionError("Write a note saying what to change: the editor will see it.")
    record.status = Status.DRAFT
    record.return_note = note
    record.returned_at = timezone.now()
    record.returned_by = by
    _save(record, by, "Sent back to its editor")
    record_audit_entry(
        record=record,
        by=by,
        action=AuditEntry.Action.RETURNED,
        from_status=Status.IN_REVIEW,
        note=note,
    )
    return record


def second_reviewer_required() -> bool:
    """Whether nobody may publish a record they created or last changed (settings)."""
    return bool(getattr(settings, "REQUIRE_SECOND_REVIEWER", False))


@transaction.atomic
def publish(*, record: EditorialRecord, by) -> EditorialRecord:
    """Draft or in review -> published. Publishers only; the record must be complete."""
    record = _locked(record)
    if not record.publishable_by(by):
        raise TransitionError("Only publishers can publish.")
    if record.status not in (Status.DRAFT, Status.IN_REVIEW):
        raise TransitionError(f"This record is already {record.get_status_display().lower()}.")
    if second_reviewer_required() and record.made_or_last_changed_by(by):
        raise TransitionError(
            "A second pair of eyes is required: you created or last changed this record, so "
            "another publisher must publish it."
        )
    # The rules every save checks, checked again: what was saved before a rule, or by a path
    # around it, is not published against it.
    problems = [*record.rule_problems(), *record.publication_problems()]
    if problems:
        raise TransitionError(" ".join(problems))
    from_status = record.status
    record.status = Status.PUBLISHED
    record.published_at = timezone.now()
    _save(record, by, "Published")
    record_audit_entry(
        record=record, by=by, action=AuditEntry.Action.PUBLISHED, from_status=from_status
    )
    return record


@transaction.atomic
def retract(*, record: EditorialRecord, by, reason: str) -> EditorialRecord:
    """Published -> retracted, with a reason readers will see. Publishers only."""
    record = _locked(record)
    if not record.publishable_by(by):
        raise TransitionError("Only publishers can retract.")
    if record.status != Status.PUBLISHED:
        raise TransitionError("Only published records can be retracted.")
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError("Give the reason for the retraction; readers will see it.")
    record.status = Status.RETRACTED
    record.retracted_at = timezone.now()
    record.retraction_reason = reason
    _save(record, by, f"Retracted: {reason}")
    record_audit_entry(
        record=record,
        by=by,
        action=AuditEntry.Action.RETRACTED,
        from_status=Status.PUBLISHED,
        note=reason,
    )
    return record


# Editors work on everything but cannot delete, publish or retract; publishers can.
_EDITORIAL_APPS = ("people", "sources", "claims")


def ensure_editorial_groups() -> None:
    """Create or update the Editor and Publisher groups with their permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(
        content_type__app_label__in=_EDITORIAL_APPS
    ).select_related("content_type")
    editor_permissions = [
        permission
        for permission in permissions
        if permission.codename.split("_", 1)[0] in {"add", "change", "view"}
        # The audit log is for publishers to read, and nobody writes it by hand.
        and permission.content_type.model != "auditentry"
    ]
    token_permissions = Permission.objects.filter(content_type__app_label="authtoken")
    editor, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editor.permissions.set(editor_permissions)
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER_GROUP)
    publisher.permissions.set(
        [
            *(
                permission
                for permission in permissions
                if permission.content_type.model != "auditentry"
                or permission.codename == "view_auditentry"
            ),
            *token_permissions.filter(codename__startswith="view"),
        ]
    )
