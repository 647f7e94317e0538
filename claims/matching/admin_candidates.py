"""On the statement form: the statements on record that may make the same claim, with their
score and the shared words marked, and a button each to say "same claim" or "not the same".

While the text is typed (before the statement is saved) claims/admin/repeats.js asks the
candidates endpoint (staff only, reads nothing but statements, changes nothing) and lists
them under the text. Kept apart from claims.admin so that module only names this mixin.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.matching.candidates import PROPOSAL_THRESHOLD, TEXT_LIMIT, Candidate, candidates
from claims.matching.services import confirm_same_claim, dismiss_match
from claims.models import Statement
from claims.services import TransitionError
from core.plain_text import validate_multiline_text
from core.record_ids import parse_record_id

REPEATS_FIELDSET = (
    "Repeats of the same claim",
    {
        "fields": ["repeat_candidates"],
        "description": "Statements on record that may make the same claim, best first. "
        "A negation or an opposite position is never proposed.",
    },
)


def typed_text_problem(text: str | None) -> str | None:
    """Why a text cannot be matched (for the endpoint's 400), or None."""
    if text is None or not text.strip():
        return "Give the statement's text (the field `text`) to look for repeats."
    if len(text) > TEXT_LIMIT:
        return f"The text takes at most {TEXT_LIMIT:,} characters (it has {len(text):,})."
    try:
        validate_multiline_text(text)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


class RepeatCandidatesMixin:
    """For StatementAdmin: candidates on the change form, the endpoint, confirm and dismiss."""

    @property
    def media(self):
        return super().media + forms.Media(js=["claims/admin/repeats.js"])

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), REPEATS_FIELDSET]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "repeat_candidates"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "matching/candidates/",
                view(self.candidates_view),
                name="claims_statement_candidates",
            ),
            path(
                "<path:object_id>/matching/<str:other_id>/same-claim/",
                view(self.same_claim_view),
                name="claims_statement_same_claim",
            ),
            path(
                "<path:object_id>/matching/<str:other_id>/not-the-same/",
                view(self.not_the_same_view),
                name="claims_statement_not_the_same",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="likely repeats")
    def repeat_candidates(self, statement):
        box = format_html(
            '<div id="repeat-candidates" data-url="{}" data-statement="{}">{}</div>',
            reverse("admin:claims_statement_candidates"),
            statement.pk or "",
            self._candidates_html(statement) if statement.pk else "",
        )
        if statement.pk is None:
            return format_html("{}<p>Type the text: likely repeats show here.</p>", box)
        return box

    def _candidates_html(self, statement: Statement):
        appearance = getattr(statement, "claim_appearance", None)
        intro = ""
        if appearance is not None:
            claim = appearance.claim
            intro = format_html(
                '<p>Makes the claim <a href="{}">#{} “{}”</a>.</p>',
                reverse("admin:claims_claim_change", args=[claim.pk]),
                claim.pk,
                claim,
            )
        found = [
            candidate
            for candidate in candidates(statement.text, exclude=statement)
            if candidate.proposed
        ]
        if not found:
            return format_html("{}<p>No likely repeat on record.</p>", intro)
        rows = format_html_join(
            "", "{}", ((self._candidate_row(statement, candidate),) for candidate in found)
        )
        return format_html('{}<ol class="repeat-candidates">{}</ol>', intro, rows)

    def _candidate_row(self, statement: Statement, candidate: Candidate):
        other = candidate.statement
        same = reverse("admin:claims_statement_same_claim", args=[statement.pk, other.pk])
        not_same = reverse("admin:claims_statement_not_the_same", args=[statement.pk, other.pk])
        return format_html(
            '<li class="repeat-candidate" data-statement="{}"><strong>{}</strong> · score {} · '
            '<a href="{}">{}</a>, {} ({})<br>{}<br>'
            '<button type="submit" formaction="{}" name="_same_claim">Same claim</button> '
            '<button type="submit" formaction="{}" name="_not_the_same">Not the same</button>'
            "</li>",
            other.pk,
            "Proposed" if candidate.proposed else "Possible",
            f"{candidate.score:.0f}",
            reverse("admin:claims_statement_change", args=[other.pk]),
            other.speaker_display,
            other.said_on,
            other.get_status_display(),
            candidate.highlighted(),
            same,
            not_same,
        )

    def candidates_view(self, request):
        """JSON: the candidates for `text` (GET or POST), leaving out `statement`'s own."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        given = request.POST if request.method == "POST" else request.GET
        text = given.get("text")
        problem = typed_text_problem(text)
        if problem:
            return JsonResponse({"error": problem}, status=400)
        exclude = parse_record_id(given.get("statement", ""))
        found = candidates(text, exclude=exclude)
        return JsonResponse(
            {
                "threshold": PROPOSAL_THRESHOLD,
                "candidates": [candidate.as_dict() for candidate in found],
            }
        )

    def same_claim_view(self, request, object_id, other_id):
        """The change form's "Same claim" button: create or join the claim (POST only)."""
        return self._pair_step(request, object_id, other_id, confirm_same_claim, "the same claim")

    def not_the_same_view(self, request, object_id, other_id):
        """The change form's "Not the same" button: remember it (POST only)."""
        return self._pair_step(request, object_id, other_id, dismiss_match, "not the same claim")

    def _pair_step(self, request, object_id, other_id, step, done: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        statement = self.get_visible_record(request, object_id)
        other_pk = parse_record_id(other_id)
        other = Statement.objects.filter(pk=other_pk).first() if other_pk else None
        if other is None:
            raise Http404("No such statement.")
        if other.pk == statement.pk:
            return HttpResponseBadRequest("A statement is not compared with itself.")
        try:
            step(statement=statement, other=other, by=request.user)
        except TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, f"Recorded: “{other}” is {done} as this statement.", messages.SUCCESS
            )
        return HttpResponseRedirect(self.change_url(statement))
