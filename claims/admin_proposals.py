"""The admin's "Propose statements" page: review a source's quotes and accept them as drafts.

Thin: the quotes come from `claims.proposals.proposals_for_source`, the writes go through
`claims.proposals.accept_proposals`. Wired in config/urls.py under the source's admin URL.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.models import Statement, Topic
from claims.proposals import AcceptedProposal, ProposalError, accept_proposals, proposals_for_source
from core.partial_dates import PartialDateFormField
from sources.models import Source


class ProposalForm(forms.Form):
    """One proposal: tick to accept, correct the speaker, subject, kind, topic, date and venue.

    Speakers and subjects are chosen among the people the text names (anyone else: describe
    them, or change the draft statement afterwards)."""

    accept = forms.BooleanField(required=False)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(strip=False, widget=forms.HiddenInput)
    speaker = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    speaker_label = forms.CharField(
        max_length=300,
        required=False,
        label="or describe the speaker",
        help_text="When no known person said it (for example: a police spokesperson).",
    )
    subject = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Whose position it shows; the speaker when left empty.",
    )
    kind = forms.ChoiceField(choices=Statement.Kind.choices)
    topic = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    # No max_length: its validator would measure the parsed PartialDate, not the text typed.
    said_on = PartialDateFormField(required=False, label="Said on", max_length=None)
    venue = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, people: dict, topics: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.topics = people, topics
        person_choices = [("", "---------"), *((pk, p.name) for pk, p in people.items())]
        self.fields["speaker"].choices = person_choices
        self.fields["subject"].choices = person_choices
        self.fields["topic"].choices = [
            ("", "---------"),
            *((pk, str(t)) for pk, t in topics.items()),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept"):
            if not cleaned.get("said_on"):
                self.add_error("said_on", "Give the date it was said (at least the year).")
            if cleaned.get("speaker") is None and not cleaned.get("speaker_label", "").strip():
                self.add_error("speaker", "Choose the speaker, or describe them.")
        return cleaned

    def accepted(self) -> AcceptedProposal:
        data = self.cleaned_data
        return AcceptedProposal(
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
            said_on=data["said_on"],
            speaker=self.people.get(data["speaker"]),
            speaker_label=data["speaker_label"],
            subject=self.people.get(data["subject"]),
            kind=data["kind"],
            topic=self.topics.get(data["topic"]),
            venue=data["venue"],
        )


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0)


def _initial(item, source: Source) -> dict:
    proposal = item.proposal
    subject_differs = item.subject is not None and item.subject != item.speaker
    return {
        "start": proposal.start,
        "end": proposal.end,
        "quote": proposal.quote,
        "speaker": item.speaker.pk if item.speaker else None,
        "speaker_label": "" if item.speaker else (proposal.speaker_name or ""),
        "subject": item.subject.pk if item.subject else None,
        "kind": Statement.Kind.CHARACTERIZATION if subject_differs else Statement.Kind.QUOTE,
        "said_on": source.published_on,
        "venue": proposal.venue,
    }


def propose_statements_view(request, source_id: int):
    """List a source's proposed quotes; accept the ticked ones as draft statements."""
    if not request.user.has_perms(["claims.add_statement", "claims.add_citation"]):
        raise PermissionDenied
    source = get_object_or_404(Source.objects.select_related("publisher"), pk=source_id)
    context = {
        **admin.site.each_context(request),
        "title": f"Propose statements from “{source}”",
        "source": source,
        "opts": Source._meta,
        "errors": [],
        "source_url": "",
    }
    try:
        review = proposals_for_source(source)
    except ProposalError as error:
        context["errors"].append(str(error))
        return TemplateResponse(request, "admin/claims/propose_statements.html", context)
    form_kwargs = {
        "people": dict(sorted(review.people.items(), key=lambda item: item[1].name)),
        "topics": Topic.objects.select_related("parent").in_bulk(),
    }
    items = review.to_review
    if request.method == "POST":
        formset = ProposalFormSet(request.POST, form_kwargs=form_kwargs)
        if formset.is_valid():
            choices = [form.accepted() for form in formset if form.cleaned_data.get("accept")]
            try:
                created = accept_proposals(source=source, choices=choices, by=request.user)
            except ProposalError as error:
                context["errors"].append(str(error))
            else:
                messages.success(request, f"{len(created)} draft statement(s) created.")
                return redirect(request.path)
        by_key = {item.key: item for item in items}
        rows = [
            (form, by_key.get(f"{form['start'].value()}-{form['end'].value()}")) for form in formset
        ]
    else:
        formset = ProposalFormSet(
            initial=[_initial(item, source) for item in items], form_kwargs=form_kwargs
        )
        rows = list(zip(formset, items, strict=True))
    context.update(
        review=review,
        formset=formset,
        rows=rows,
        statements_url=reverse("admin:claims_statement_changelist")
        if admin.site.is_registered(Statement)
        else "",
    )
    if admin.site.is_registered(Source):
        context["source_url"] = reverse("admin:sources_source_change", args=[source.pk])
    return TemplateResponse(request, "admin/claims/propose_statements.html", context)
