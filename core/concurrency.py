"""Optimistic concurrency: a save from a stale copy is refused, never silently applied.

Every versioned row carries a `version` number. An UPDATE only matches the row
when the version it was read at is still current, and bumps it; a stale save
matches nothing and raises StaleEditError. Forms carry the version they were
rendered with, so the editor who loses the race is shown what changed.
Queryset `update()` bypasses this on purpose (bulk maintenance only).
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property


class StaleEditError(Exception):
    """Raised when a row was changed by someone else since it was read."""

    def __init__(self, instance: models.Model):
        self.instance = instance
        super().__init__(
            f"{instance._meta.verbose_name} {instance.pk} was changed by someone else "
            "since you opened it; reload it and apply your change again"
        )


class VersionedModel(models.Model):
    """A model whose saves are refused when made from a stale copy."""

    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every save; used to detect concurrent edits."
    )

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        if update_fields is not None and "version" not in update_fields:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        read_version = self.version
        values = [
            (field, model, read_version + 1 if field.attname == "version" else value)
            for field, model, value in values
        ]
        if base_qs.filter(pk=pk_val, version=read_version)._update(values) > 0:
            self.version = read_version + 1
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise StaleEditError(self)
        return False


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that refuses to save over changes made since it was rendered."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    @cached_property
    def changed_data(self):
        # The version names the copy the form was read from, not a change of the editor's: an
        # inline row left alone is not saved (nor checked) whatever its version.
        return [name for name in super().changed_data if name != "version"]

    def saves_instance(self) -> bool:
        """Whether submitting this form saves its record: an admin's own form always does."""
        return True

    def clean(self):
        cleaned = super().clean()
        submitted = cleaned.get("version")
        if not self.instance.pk or submitted is None or not self.saves_instance():
            # Nothing to compare against, or nothing to save: keep the model's own version (an
            # empty hidden field would otherwise be written as NULL).
            cleaned.pop("version", None)
            return cleaned
        current = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if current is None or current.version == submitted:
            if current is not None:
                self.instance.version = submitted
            return cleaned
        changes = describe_changes(current, since_version=submitted)
        raise ValidationError(
            "Someone else saved this record while you were editing it (now version %(theirs)s, "
            "you started from version %(yours)s). What they changed: %(changes)s. Nothing was "
            "saved: reload the page and apply your change again.",
            code="stale",
            params={"theirs": current.version, "yours": submitted, "changes": changes},
        )


class VersionedInlineForm(VersionedModelForm):
    """A row of an inline formset: saved only when the editor changed it (or ticked delete),
    so only then refused when someone else saved the row since it was rendered."""

    def saves_instance(self) -> bool:
        return self.has_changed()


def describe_changes(current: models.Model, *, since_version: int) -> str:
    """Say which fields differ between the stored row and its copy at an older version."""
    history = getattr(current, "history", None)
    older = (
        history.filter(version=since_version).order_by("-history_date").first() if history else None
    )
    if older is None:
        return "their version is not in the history"
    changed = []
    # Only what history keeps: a field it leaves out (derived, such as a statement's
    # fingerprint) has no older value to compare.
    kept = {field.attname for field in older._meta.concrete_fields}
    for field in current._meta.concrete_fields:
        if field.attname in {"version", "updated_at"} or field.attname not in kept:
            continue
        before = getattr(older, field.attname, None)
        after = getattr(current, field.attname)
        if before != after:
            changed.append(
                f"{field.verbose_name} “{as_read(field, before)}” → “{as_read(field, after)}”"
            )
    return "; ".join(changed) or "no field you can see"


def as_read(field: models.Field, value) -> str:
    """A stored value as editors read it in the form: a choice's label, a related record's
    name, a moment in local time, nothing for no value (not "in_review", an id or "None")."""
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one:
        related = field.related_model._base_manager.filter(pk=value).first()
        return f"#{value}" if related is None else str(related)
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(moment, "j F Y H:i")
    return str(value)
