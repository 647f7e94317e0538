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

# Never brought back by a restore: identity and bookkeeping. Nor is a record's editorial
# state (status, publication, who submitted it, a publisher's note), which only the workflow
# services (claims.services) change: a model that has one names its fields in
# WORKFLOW_FIELDS (claims.models.EditorialRecord), read by _never_restored.
NEVER_RESTORED = frozenset({"id", "version", "created_at", "updated_at"})


class RestoreError(Exception):
    """A restore that is not allowed or not possible; the message says why, for people."""

    @classmethod
    def not_allowed(cls, record: models.Model) -> RestoreError:
        return cls(
            f"You may not change this {record._meta.verbose_name}, "
            "so you cannot restore an earlier version of it."
        )


def may_change(user, record: models.Model) -> bool:
    """Whether the user may change this record (and so restore an earlier version of it)."""
    # A record that carries its own rule names it `editable_by`: only publishers change public
    # editorial records (claims' EditorialRecord) or a source a public record cites (Source).
    own_rule = getattr(record, "editable_by", None)
    if own_rule is not None:
        return own_rule(user)
    meta = record._meta
    return bool(
        user and user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
    )


@transaction.atomic
def restore_version(
    *, record: models.Model, history_id: int, by, permitted: bool | None = None
) -> models.Model:
    """Save the values of an earlier version on top of the record, as a new version.

    `record` is the copy the user is looking at: if someone saved since it was read,
    the save is refused with StaleEditError (for versioned models), as any edit would be.
    Whether `by` may change it is may_change's to say, unless the caller has already asked a
    rule that includes may_change's and passes its answer as `permitted` (the admin's
    has_change_permission: core.admin.RecordAdmin), so that the rule is asked once.
    """
    if not (may_change(by, record) if permitted is None else permitted):
        raise RestoreError.not_allowed(record)
    earlier = record.history.filter(history_id=history_id).first()
    if earlier is None:
        raise RestoreError(f"There is no version #{history_id} of this record to restore.")
    # Fields the history leaves out (a source's archive state) stay as they are now.
    tracked = {field.attname for field in earlier._meta.concrete_fields}
    never = _never_restored(record)
    for field in record._meta.concrete_fields:
        if field.primary_key or field.name in never or field.attname not in tracked:
            continue
        setattr(record, field.attname, getattr(earlier, field.attname))
    links = _earlier_links(earlier)
    try:
        record.full_clean(exclude=sorted(never))
        _check_links_exist(record, links)
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
    for name, ids in links.items():
        getattr(record, name).set(ids)
    version_restored.send(sender=type(record), record=record, by=by, history_id=history_id)
    return record


def _never_restored(record: models.Model) -> set[str]:
    """The names of the fields a restore leaves as they are now on this record."""
    workflow = getattr(record, "WORKFLOW_FIELDS", frozenset())
    return {
        field.name
        for field in record._meta.concrete_fields
        if field.name in NEVER_RESTORED or field.attname in workflow
    }


def set_change_reason(record: models.Model, reason: str) -> None:
    """Say why the next save of `record` happened, in its history row.

    django-simple-history keeps the reason in a column of 100 characters (PostgreSQL refuses
    a longer one), so a longer reason is cut with an ellipsis; the whole of it stays where it
    belongs (a retraction's reason on the record, a note in the audit log).
    """
    limit = record.history.model._meta.get_field("history_change_reason").max_length
    record._change_reason = reason if len(reason) <= limit else f"{reason[: limit - 1]}…"


def _earlier_links(earlier) -> dict[str, list[int]]:
    """The ids each many-to-many field the history tracks (a source's authors) linked to in
    the earlier version, by field name."""
    links = {}
    for field in getattr(earlier, "_history_m2m_fields", []):
        target = f"{field.m2m_reverse_field_name()}_id"
        links[field.name] = [getattr(link, target) for link in getattr(earlier, field.name).all()]
    return links


def _check_links_exist(record: models.Model, links: dict[str, list[int]]) -> None:
    """Raise ValidationError, by field, for links to records deleted since (an author who is
    gone), which the database would refuse only when the transaction ends."""
    errors = {}
    for name, ids in links.items():
        related = record._meta.get_field(name).related_model
        existing = set(related._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        missing = ", ".join(f"#{pk}" for pk in ids if pk not in existing)
        if missing:
            errors[name] = f"it names {related._meta.verbose_name} {missing}, deleted since."
    if errors:
        raise ValidationError(errors)
