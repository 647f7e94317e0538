"""Choices narrowed to the context, in the admin's autocomplete boxes.

A statement's position box offers only the chosen topic's positions, each named with its
topic; a stance shift's earlier and later boxes offer only the subject's statements on the
topic, each shown with its date, kind and first words. The boxes send the values they depend
on (claims/static/claims/admin/narrowed_choices.js adds them to the request); the answers
come from NarrowedAutocompleteView, Django's autocomplete view with the narrowing and the
labels added. Without those values (no topic chosen yet) a box offers everything, labelled
the same way. Wired in config/urls.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import reverse

from claims.models import Position
from core.admin_input import CheckedAutocompleteSelect
from core.record_ids import parse_record_id

# (model, field) -> the request values the choices depend on, as the box's model filter.
NARROWED_FIELDS = {
    ("statement", "position"): {"topic": "topic_id"},
    ("stanceshift", "earlier"): {"subject": "subject_id", "topic": "topic_id"},
    ("stanceshift", "later"): {"subject": "subject_id", "topic": "topic_id"},
}


class NarrowedAutocompleteView(AutocompleteJsonView):
    """Django's autocomplete answers, narrowed by the values the box depends on."""

    def get_queryset(self):
        records = super().get_queryset()
        narrowing = NARROWED_FIELDS.get(
            (self.source_field.model._meta.model_name, self.source_field.name), {}
        )
        for parameter, lookup in narrowing.items():
            value = parse_record_id(self.request.GET.get(parameter, ""))
            if value is not None:
                records = records.filter(**{lookup: value})
        if records.model is Position:
            records = records.select_related("topic")
        return records

    def serialize_result(self, obj, to_field_name):
        label = obj.choice_label() if hasattr(obj, "choice_label") else str(obj)
        return {"id": str(getattr(obj, to_field_name)), "text": label}


class NarrowedAutocompleteSelect(CheckedAutocompleteSelect):
    """An autocomplete box answered by NarrowedAutocompleteView, which sends the values its
    choices depend on and says how to add a record it cannot find. Checked: a forged id is
    shown back as a form error, never looked up."""

    def get_url(self):
        return reverse("admin-narrowed-autocomplete")

    @property
    def media(self):
        # After Django's autocomplete.js, whose box setup narrowed_choices.js replaces.
        # Naming autocomplete.js too keeps that order when the form's media are merged.
        return super().media + forms.Media(
            js=["admin/js/autocomplete.js", "claims/admin/narrowed_choices.js"]
        )


class NarrowedAutocompleteMixin:
    """For a ModelAdmin or inline: every autocomplete box is a NarrowedAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NarrowedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def narrowed_autocomplete_view(request):
    return NarrowedAutocompleteView.as_view(admin_site=admin.site)(request)
