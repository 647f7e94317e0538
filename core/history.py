"""Restoring an earlier version of any record that keeps history (django-simple-history).

A restore is an ordinary new save of the earlier values on top of the current
row: it goes through the model's validation and optimistic concurrency, and it
appears in the history as a new version naming who restored which version.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal

# Sent inside the restore's transaction, so a receiver's write (claims' audit log) commits
# or rolls back with it. Arguments: record, by, history_id. `people` cannot import claims.
version_restored = Signal()

# Never brought back by a restore: identity and bookkeeping, and the editorial state,
# which only the workflow services (claims.services) may change.
NEVER_RESTORED = frozenset(
    {
        "id",
        "version",
        "created_at",
        "updated_at",
        "status",
        "published_at",
        "retracted_at",
        "retraction_reason",
    }
)


class RestoreError(Exception):
    """A restore that is not allowed or not possible; the message says why, for people."""


def may_change(user, record: models.Model) -> bool:
    """Whether the user may change this record (and so restore an earlier version of it)."""
    # Editorial records (claims) carry their own rule: only publishers change public ones.
    editable_by = getattr(record, "editable_by", None)
    if editable_by is not None:
        return editable_by(user)
    meta = record._meta
    return bool(
        user and user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
    )


@transaction.atomic
def restore_version(*, record: models.Model, history_id: int, by) -> models.Model:
    """Save the values of an earlier version on top of the record, as a new version.

    `record` is the copy the user is looking at: if someone saved since it was read,
    the save is refused with StaleEditError (for versioned models), as any edit would be.
    """
    if not may_change(by, record):
        raise RestoreError(
            f"You may not change this {record._meta.verbose_name}, "
            "so you cannot restore an earlier version of it."
        )
    earlier = record.history.filter(history_id=history_id).first()
    if earlier is None:
        raise RestoreError(f"There is no version #{history_id} of this record to restore.")
    # Fields the history leaves out (a source's archive state) stay as they are now.
    tracked = {field.attname for field in earlier._meta.concrete_fields}
    for field in record._meta.concrete_fields:
        if field.primary_key or field.name in NEVER_RESTORED or field.attname not in tracked:
            continue
        setattr(record, field.attname, getattr(earlier, field.attname))
    try:
        record.full_clean(exclude=sorted(NEVER_RESTORED))
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise RestoreError(
            f"Version #{history_id} cannot be restored as it is ({problems})."
        ) from None
    record._history_user = by
    set_change_reason(
        record,
        f"Restored by {by} from the version of {earlier.history_date:%Y-%m-%d %H:%M} "
        f"(#{history_id})",
    )
    record.save()
    _restore_many_to_many(record, earlier)
    version_restored.send(sender=type(record), record=record, by=by, history_id=history_id)
    return record


def set_change_reason(record: models.Model, reason: str) -> None:
    """Say why the next save of `record` happened, in its history row.

    django-simple-history keeps the reason in a column of 100 characters (PostgreSQL refuses
    a longer one), so a longer reason is cut with an ellipsis; the whole of it stays where it
    belongs (a retraction's reason on the record, a note in the audit log).
    """
    limit = record.history.model._meta.get_field("history_change_reason").max_length
    record._change_reason = reason if len(reason) <= limit else f"{reason[: limit - 1]}…"


def _restore_many_to_many(record: models.Model, earlier) -> None:
    """Bring back the many-to-many links the history tracks (a source's authors)."""
    for field in getattr(earlier, "_history_m2m_fields", []):
        target = field.m2m_reverse_field_name()
        links = getattr(earlier, field.name).all()
        getattr(record, field.name).set([getattr(link, f"{target}_id") for link in links])
