"""The review desk in the admin: the queue of records waiting for a publisher, and the drafts
sent back to an editor with a note. Generic over every editorial model (selectors.
editorial_models), so a new one joins by subclassing EditorialRecord.

Thin: the reads are claims.selectors.records_in_review / returned_to; sending back is
claims.services.send_back, called from EditorialAdmin. Wired in config/urls.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from claims.models import EditorialRecord
from claims.selectors import count_in_review, editorial_models, records_in_review, returned_to
from core.plain_text import validate_multiline_text


class SendBackForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        validators=[validate_multiline_text],
        help_text="What the editor should change. They will see it on the record and in their list.",
    )


@dataclass
class DeskRow:
    """One record on the desk, as the queue and the index show it."""

    record: EditorialRecord
    kind: str
    change_url: str


def reviews_for(user) -> bool:
    """Whether this user reviews: may publish some editorial model."""
    return any(
        user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")
        for model in editorial_models()
    )


def _related_for_names() -> dict:
    # Each record's name reads what its admin list joins; the same joins serve the desk.
    return {
        model: getattr(admin.site._registry.get(model), "list_select_related", None) or ()
        for model in editorial_models()
    }


def _rows(records) -> list[DeskRow]:
    rows = []
    for record in records:
        meta = record._meta
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
        except NoReverseMatch:
            url = ""
        rows.append(
            DeskRow(record=record, kind=str(meta.verbose_name).capitalize(), change_url=url)
        )
    return rows


def desk_summary(user) -> dict:
    """What the admin index shows of the desk: the queue's size, and what came back to you."""
    reviewer = reviews_for(user)
    return {
        "reviewer": reviewer,
        "in_review": count_in_review() if reviewer else 0,
        "returned": _rows(returned_to(user, _related_for_names())),
    }


def review_queue_view(request):
    """Everything waiting for review, oldest submission first: what, who submitted it, when."""
    if not reviews_for(request.user):
        raise PermissionDenied
    rows = _rows(records_in_review(_related_for_names()))
    context = {
        **admin.site.each_context(request),
        "title": f"Review queue ({len(rows)})",
        "rows": rows,
    }
    return TemplateResponse(request, "admin/claims/review_queue.html", context)
