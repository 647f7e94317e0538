"""The editors' and publishers' admin for statements, fact-checks and the rest of claims.

Workflow steps (submit for review, publish, retract) are admin actions and
buttons on the change form; both call claims.services, which checks the
permission on the server. This module never changes a status itself.
"""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst

from claims.admin_choices import NarrowedAutocompleteMixin
from claims.admin_review import SendBackForm
from claims.admin_verification import PublicationWarningsMixin, QuoteNotFoundAdmin
from claims.matching.admin_candidates import RepeatCandidatesMixin
from claims.models import (
    AuditEntry,
    Citation,
    Correction,
    Endorsement,
    FactCheck,
    Position,
    QuoteNotFound,
    Rating,
    RatingScale,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from claims.models.corrections import CORRECTABLE_MODELS
from claims.resources import StatementResource
from claims.services import TransitionError, publish, retract, send_back, submit_for_review
from core.admin import (
    AllOrNothingImportExportMixin,
    PartialDateYearFilter,
    RecordAdmin,
    RecordInline,
)
from core.admin_input import BoundedSearchMixin, CheckedLookupsMixin
from core.concurrency import VersionedModelForm
from core.plain_text import validate_multiline_text
from core.record_ids import parse_record_id
from sources.models import Source


def person_search(relation: str) -> list[str]:
    """Search fields for a related person or organization: the name and the aliases (editors
    type "AOC" or "NYPD" as often as the full name)."""
    return [f"{relation}__name", f"{relation}__aliases"]


EDITORIAL_FIELDS = ("status", "published_at", "retracted_at", "retraction_reason")

# The query parameter that starts a new statement's first citation with a source.
CITE_SOURCE = "cite_source"


class RetractionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        validators=[validate_multiline_text],
        help_text="Why it is retracted. Readers will see this next to the retracted record.",
    )


class EditorialAdmin(NarrowedAutocompleteMixin, RecordAdmin):
    """Admin for records in the workflow: actions and buttons, and public records protected."""

    change_form_template = "admin/claims/editorial_change_form.html"

    class Media:
        # The review desk's notes, and inline tables that fit a 1280 px wide window.
        css = {"all": ["claims/admin/desk.css"]}

    # The workflow buttons sit in the submit rows, at the top and the bottom, inside the form.
    save_on_top = True
    actions = ["submit_selected_for_review", "publish_selected", "retract_selected"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *EDITORIAL_FIELDS]

    def view_on_site(self, record):
        """The reader page; before publication, its staff preview, where the record has one."""
        if record.is_public:
            return record.get_absolute_url() if hasattr(record, "get_absolute_url") else None
        return record.get_preview_url() if hasattr(record, "get_preview_url") else None

    def get_list_display(self, request):
        # The status, with a publisher's note when the record was sent back.
        return [
            "review_status" if name == "status" else name
            for name in super().get_list_display(request)
        ]

    @admin.display(description="status", ordering="status")
    def review_status(self, record):
        if not record.is_returned:
            return record.get_status_display()
        note = record.return_note
        note = note if len(note) <= 120 else note[:117] + "..."
        return format_html(
            '{}<br><span class="returned-note">Sent back: {}</span>',
            record.get_status_display(),
            note,
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def has_delete_permission(self, request, obj=None):
        # A record that has been public is never deleted; it is retracted.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.is_public)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                type(self).delete_drafts,
                "delete_selected",
                "Delete selected drafts",
            )
        return actions

    def delete_drafts(self, request, queryset):
        """Django's delete action, refused with a message when a public record is selected."""
        public = queryset.published().count()
        if public:
            self.message_user(
                request,
                f"Nothing was deleted: {public} of the selected "
                f"{model_ngettext(self.opts, public)} "
                f"{'has' if public == 1 else 'have'} been published and cannot be deleted; "
                "retract them with a reason instead.",
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

    @admin.action(description="Submit selected for review")
    def submit_selected_for_review(self, request, queryset):
        self.apply_transition(request, queryset, submit_for_review, "submitted for review")

    @admin.action(permissions=["publish"], description="Publish selected")
    def publish_selected(self, request, queryset):
        self.apply_transition(request, queryset, publish, "published")

    @admin.action(permissions=["publish"], description="Retract selected (asks for a reason)")
    def retract_selected(self, request, queryset):
        form = RetractionForm(request.POST if "retract" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self.apply_transition(request, queryset, retract, "retracted", reason=reason)
            return None
        return self.render_retraction_page(request, form, records=queryset)

    def apply_transition(self, request, records, transition, done, **arguments) -> None:
        """Run a claims.services transition on each record; report what happened and why not."""
        changed = 0
        for record in records:
            try:
                transition(record=record, by=request.user, **arguments)
            except TransitionError as error:
                self.message_user(request, f"“{record}” was not {done}: {error}", messages.ERROR)
            else:
                changed += 1
        if changed:
            noun = model_ngettext(self.opts, changed)
            self.message_user(request, f"{changed} {noun} {done}.", messages.SUCCESS)

    def render_retraction_page(self, request, form, *, records, record=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Retract: readers will see the reason",
            "opts": self.opts,
            "form": form,
            "records": records,
            "record": record,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/retract.html", context)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/submit-for-review/",
                self.admin_site.admin_view(self.submit_for_review_view),
                name=f"{prefix}_submit_for_review",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{prefix}_publish",
            ),
            path(
                "<path:object_id>/retract/",
                self.admin_site.admin_view(self.retract_view),
                name=f"{prefix}_retract",
            ),
            path(
                "<path:object_id>/send-back/",
                self.admin_site.admin_view(self.send_back_view),
                name=f"{prefix}_send_back",
            ),
            *super().get_urls(),
        ]

    def change_url(self, record) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )

    def get_visible_record(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_view_permission(request, record):
            raise PermissionDenied
        return record

    def submit_for_review_view(self, request, object_id):
        """Change-form button: submit this record for review (POST only)."""
        return self.transition_view(request, object_id, submit_for_review, "submitted for review")

    def publish_view(self, request, object_id):
        """Change-form button: publish this record (POST only; services check the permission)."""
        return self.transition_view(request, object_id, publish, "published")

    def transition_view(self, request, object_id, transition, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_visible_record(request, object_id)
        self.apply_transition(request, [record], transition, done)
        return HttpResponseRedirect(self.change_url(record))

    def retract_view(self, request, object_id):
        """Change-form button: ask for the reason, then retract (services check the permission)."""
        record = self.get_visible_record(request, object_id)
        form = RetractionForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self.apply_transition(request, [record], retract, "retracted", reason=reason)
            return HttpResponseRedirect(self.change_url(record))
        return self.render_retraction_page(request, form, records=[record], record=record)

    def send_back_view(self, request, object_id):
        """Ask for the note, then send the record back to its editor (publishers only)."""
        record = self.get_visible_record(request, object_id)
        form = SendBackForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            note = form.cleaned_data["note"]
            self.apply_transition(request, [record], send_back, "sent back", note=note)
            return HttpResponseRedirect(self.change_url(record))
        context = {
            **self.admin_site.each_context(request),
            "title": "Send back to its editor, with a note",
            "opts": self.opts,
            "form": form,
            "record": record,
        }
        return TemplateResponse(request, "admin/claims/send_back.html", context)

    # The workflow buttons of the change form: each saves the form first, then takes its step
    # (EditorialAdmin.take_step), in the change form's one transaction.
    WORKFLOW_STEPS = {
        "_submit_for_review": "Save and submit for review",
        "_publish": "Save and publish",
        "_send_back": "Save and send back…",
        "_retract": "Save and retract…",
    }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        # A save refused because someone else saved first shows their version's values in no
        # field, so no step may act from this page: the editor reloads first.
        refused = form.is_bound and form.has_error(NON_FIELD_ERRORS, code="stale")
        buttons = [] if refused else self.workflow_buttons(request, obj)
        context = {**context, "workflow_buttons": buttons}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_buttons(self, request, record) -> list[dict]:
        """The steps this user may take on this record (None: a new one) from its form."""
        user = request.user
        if record is None:
            steps = ["_submit_for_review"]
            if self.has_publish_permission(request):
                steps.append("_publish")
        elif not record.editable_by(user):
            steps = []
        else:
            steps = []
            if record.status == Status.DRAFT:
                steps.append("_submit_for_review")
            if record.status in (Status.DRAFT, Status.IN_REVIEW) and record.publishable_by(user):
                steps.append("_publish")
            if record.status == Status.IN_REVIEW and record.publishable_by(user):
                steps.append("_send_back")
            if record.status == Status.PUBLISHED and record.publishable_by(user):
                steps.append("_retract")
        return [{"name": name, "label": self.WORKFLOW_STEPS[name]} for name in steps]

    def requested_step(self, request) -> str | None:
        return next((name for name in self.WORKFLOW_STEPS if name in request.POST), None)

    def response_add(self, request, obj, post_url_continue=None):
        step = self.requested_step(request)
        if step is None:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request, f"The {self.opts.verbose_name} “{obj}” was added.", messages.SUCCESS
        )
        return self.take_step(request, obj, step)

    def response_change(self, request, obj):
        step = self.requested_step(request)
        if step is None:
            return super().response_change(request, obj)
        self.message_user(
            request, f"The {self.opts.verbose_name} “{obj}” was saved.", messages.SUCCESS
        )
        return self.take_step(request, obj, step)

    def take_step(self, request, record, step: str):
        """After the form saved the record (and its inlines): take the button's step on it.

        Runs inside the change form's transaction, after the save, so the step moves the
        version just saved. A refused step leaves the save in place and says why."""
        if step == "_submit_for_review":
            self.apply_transition(request, [record], submit_for_review, "submitted for review")
        elif step == "_publish":
            confirmation = self.confirm_publication(request, record)
            if confirmation is not None:
                return confirmation
            self.apply_transition(request, [record], publish, "published")
        elif step in ("_retract", "_send_back"):
            # Both ask for a reason on a page of their own, after the save.
            page = "retract" if step == "_retract" else "send_back"
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_{page}",
                    args=[record.pk],
                )
            )
        return HttpResponseRedirect(self.change_url(record))

    def confirm_publication(self, request, record) -> TemplateResponse | None:
        """A page asking the publisher to confirm, or None to publish at once: None here;
        PublicationWarningsMixin asks about quotes it could not confirm."""


class EditorialChildInline(NarrowedAutocompleteMixin, RecordInline):
    """An inline whose rows belong to an editorial record: editable only while the record is."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _parent_editable(request, obj)


def _parent_editable(request, parent) -> bool:
    return parent is None or parent.editable_by(request.user)


class CitationInline(EditorialChildInline):
    model = Citation
    extra = 1
    fields = ["source", "excerpt", "locator", "verification"]
    readonly_fields = ["verification"]
    autocomplete_fields = ["source"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}
    }


class SaidYearFilter(PartialDateYearFilter):
    title = "year said"
    parameter_name = "said_year"
    field_name = "said_on"


class StatementForm(VersionedModelForm):
    class Meta:
        model = Statement
        fields = ["version", *Statement.EDITABLE_FIELDS]
        help_texts = {
            "subject": (
                "Whose position this statement shows. Leave empty when the speaker speaks for "
                "themselves: it then becomes the speaker. Choose someone else when the speaker "
                "characterizes another person's position (Chowdhury says Mamdani wants reform)."
            ),
        }


@admin.register(Statement)
class StatementAdmin(
    RepeatCandidatesMixin, PublicationWarningsMixin, AllOrNothingImportExportMixin, EditorialAdmin
):
    form = StatementForm
    resource_classes = [StatementResource]
    fieldsets = [
        (
            "Who said it",
            {
                "fields": ["version", "speaker", "speaker_organization", "speaker_label"],
                "description": "The person who spoke or acted; or the organization, or a "
                "description of an unnamed speaker.",
            },
        ),
        (
            "Whose position it shows",
            {
                "fields": ["subject"],
                "description": "The subject is whose stance this is. It is the speaker "
                "unless the speaker describes someone else's position.",
            },
        ),
        ("What was said", {"fields": ["kind", "text", "said_on", "venue"]}),
        ("Topic and position", {"fields": ["topic", "position"]}),
        ("Editorial status", {"fields": list(EDITORIAL_FIELDS)}),
    ]
    list_display = ["short_text", "speaker_column", "subject", "kind", "said_on", "topic", "status"]
    list_select_related = ["speaker", "speaker_organization", "subject", "topic", "position"]
    list_filter = [
        "status",
        "kind",
        ("topic", admin.RelatedOnlyFieldListFilter),
        ("speaker", admin.RelatedOnlyFieldListFilter),
        SaidYearFilter,
    ]
    search_fields = [
        "text",
        "venue",
        "speaker_label",
        *person_search("speaker"),
        *person_search("speaker_organization"),
        *person_search("subject"),
        "topic__name",
        "citations__source__url",
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["speaker", "speaker_organization", "subject", "topic", "position"]
    inlines = [CitationInline]

    def get_search_results(self, request, queryset, search_term):
        # "Which statements did we take from this article?": its address as pasted matches
        # no word of the stored (normalized) one, so match it as an address as well.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        cited = Citation.objects.filter(source__in=Source.objects.at_address(search_term))
        return results | queryset.filter(pk__in=cited.values("statement")), may_have_duplicates

    # After the workflow steps, a faster way to enter a story: the next statement keeps the
    # speaker, subject, topic and source of this one.
    WORKFLOW_STEPS = {
        **EditorialAdmin.WORKFLOW_STEPS,
        "_add_next_by_speaker": "Save and add another by this speaker",
    }

    def workflow_buttons(self, request, record) -> list[dict]:
        buttons = super().workflow_buttons(request, record)
        if self.has_add_permission(request) and (
            record is None or record.editable_by(request.user)
        ):
            label = self.WORKFLOW_STEPS["_add_next_by_speaker"]
            buttons.append({"name": "_add_next_by_speaker", "label": label})
        return buttons

    def take_step(self, request, record, step: str):
        if step != "_add_next_by_speaker":
            return super().take_step(request, record, step)
        return HttpResponseRedirect(self.next_statement_url(record))

    def next_statement_url(self, statement) -> str:
        """The add form, with this statement's speaker, subject, topic and first source."""
        kept = {
            "speaker": statement.speaker_id,
            "speaker_organization": statement.speaker_organization_id,
            "speaker_label": statement.speaker_label,
            "subject": statement.subject_id if statement.is_about_someone_else else None,
            "topic": statement.topic_id,
            CITE_SOURCE: statement.citations.order_by("pk")
            .values_list("source_id", flat=True)
            .first(),
        }
        query = urlencode({name: value for name, value in kept.items() if value})
        return f"{reverse('admin:claims_statement_add')}?{query}"

    def get_formset_kwargs(self, request, obj, inline, prefix):
        # "Add a statement from this source" (the source's page) and the next statement by a
        # speaker arrive with ?cite_source=: the first citation row starts with that source.
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        source = parse_record_id(request.GET.get(CITE_SOURCE, ""))
        if (
            isinstance(inline, CitationInline)
            and obj.pk is None
            and source is not None
            and Source.objects.filter(pk=source).exists()
        ):
            kwargs["initial"] = [{"source": source}]
        return kwargs

    @admin.display(description="statement", ordering="text")
    def short_text(self, statement):
        return statement.text if len(statement.text) <= 80 else statement.text[:77] + "..."

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_column(self, statement):
        return statement.speaker_display


class FactCheckForm(VersionedModelForm):
    class Meta:
        model = FactCheck
        fields = [
            "version",
            "statement",
            "claim_reviewed",
            "rating",
            "analysis",
            "reviewer",
            "reviewed_on",
        ]
        # Django's own says only "Enter a valid date.", where partial dates say what to type.
        error_messages = {
            "reviewed_on": {
                "invalid": "Enter a day of the calendar as YYYY-MM-DD (for example 2025-06-24)."
            }
        }


@admin.register(FactCheck)
class FactCheckAdmin(EditorialAdmin):
    form = FactCheckForm
    list_display = ["claim_reviewed", "speaker", "rating", "reviewer", "reviewed_on", "status"]
    list_select_related = [
        "rating__scale",
        "reviewer",
        "statement__speaker",
        "statement__speaker_organization",
    ]
    list_filter = ["status", "rating", "reviewed_on"]
    search_fields = [
        "claim_reviewed",
        "analysis",
        "statement__text",
        *person_search("statement__speaker"),
        *person_search("statement__speaker_organization"),
        *person_search("statement__subject"),
    ]
    date_hierarchy = "reviewed_on"
    # The reviewer is a user account: a plain list of staff (editors cannot search users).
    autocomplete_fields = ["statement", "rating"]

    @admin.display(description="said by", ordering="statement__speaker__name")
    def speaker(self, fact_check):
        return fact_check.statement.speaker_display

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewer":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"reviewer": request.user.pk, **super().get_changeform_initial_data(request)}


class EndorsementCitationInline(CitationInline):
    fk_name = "endorsement"


@admin.register(Endorsement)
class EndorsementAdmin(EditorialAdmin):
    list_display = ["endorser", "endorsed", "kind", "endorsed_on", "status"]
    list_select_related = ["endorser_person", "endorser_organization", "endorsed"]
    list_filter = ["status", "kind"]
    search_fields = [
        *person_search("endorser_person"),
        *person_search("endorser_organization"),
        *person_search("endorsed"),
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["endorser_person", "endorser_organization", "endorsed"]
    inlines = [EndorsementCitationInline]


@admin.register(StanceShift)
class StanceShiftAdmin(EditorialAdmin):
    list_display = ["__str__", "subject", "topic", "rating", "status"]
    list_select_related = ["subject", "topic__parent"]
    list_filter = ["status", "rating", ("topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*person_search("subject"), "topic__name", "analysis"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["subject", "topic", "earlier", "later"]


@admin.register(Correction)
class CorrectionAdmin(EditorialAdmin):
    list_display = ["what_changed", "corrects", "status", "published_at"]
    list_filter = ["status", "content_type"]
    search_fields = ["what_changed", "reason"]
    date_hierarchy = "published_at"

    def get_queryset(self, request):
        return super().get_queryset(request).with_corrected_records()

    def get_search_results(self, request, queryset, search_term):
        # Editors know a correction by what it corrects: find the records the way their own
        # lists do (a statement's words, speaker or topic; a fact-check's claim), then theirs.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term:
            return results, may_have_duplicates
        for name in CORRECTABLE_MODELS:
            records_admin = self.admin_site.get_model_admin(apps.get_model("claims", name))
            records, _ = records_admin.get_search_results(
                request, records_admin.get_queryset(request), search_term
            )
            results |= queryset.of_records(records)
        return results, may_have_duplicates

    @admin.display(description="corrects")
    def corrects(self, correction):
        record = correction.record
        if record is None:
            return f"{correction.content_type.name} #{correction.object_id}, deleted"
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "content_type":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Only the records readers see corrections of, named as editors know them.
        kwargs["queryset"] = ContentType.objects.filter(
            app_label="claims", model__in=list(CORRECTABLE_MODELS)
        ).order_by("model")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = lambda content_type: capfirst(content_type.name)
        return field


class CitationForm(VersionedModelForm):
    """Refuses to attach a citation to a record the user may not edit (a published one)."""

    editing_user = None  # set by CitationAdmin.get_form for the request's user

    class Meta:
        model = Citation
        fields = ["version", "statement", "endorsement", "source", "excerpt", "locator"]

    def clean(self):
        cleaned = super().clean()
        for name in ("statement", "endorsement"):
            record = cleaned.get(name)
            if record is not None and not record.editable_by(self.editing_user):
                self.add_error(
                    name, f"This {name} is public: only a publisher may change its citations."
                )
        return cleaned


@admin.register(Citation)
class CitationAdmin(NarrowedAutocompleteMixin, RecordAdmin):
    form = CitationForm
    list_display = ["__str__", "supports", "locator", "verification"]
    list_select_related = [
        "source",
        "statement__speaker",
        "statement__speaker_organization",
        "endorsement__endorser_person",
        "endorsement__endorser_organization",
        "endorsement__endorsed",
    ]
    list_filter = ["verification"]
    search_fields = [
        "excerpt",
        "source__title",
        "source__url",
        "statement__text",
        *person_search("statement__speaker"),
        *person_search("statement__speaker_organization"),
        *person_search("endorsement__endorsed"),
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["statement", "endorsement", "source"]
    readonly_fields = ["verification", "verified_at", "found_at"]

    def get_search_results(self, request, queryset, search_term):
        # A source's address as pasted (tracking parameters, a fragment), as the source list.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        at_address = queryset.filter(source__in=Source.objects.at_address(search_term))
        return results | at_address, may_have_duplicates

    @admin.display(description="supports")
    def supports(self, citation):
        return citation.supported

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editing_user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        # A citation is part of the record it supports: editable only while that record is.
        allowed = super().has_change_permission(request, obj)
        supported = obj and obj.supported
        return allowed and (not supported or supported.editable_by(request.user))


class PositionInline(RecordInline):
    model = Position
    extra = 1
    fields = ["name", "slug", "axis_value", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(NarrowedAutocompleteMixin, RecordAdmin):
    list_display = ["name", "parent", "slug"]
    list_select_related = ["parent__parent"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(NarrowedAutocompleteMixin, RecordAdmin):
    list_display = ["name", "topic", "axis_value"]
    list_select_related = ["topic__parent"]
    list_filter = [("topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "topic__name"]
    autocomplete_fields = ["topic"]
    prepopulated_fields = {"slug": ["name"]}


class RatingInline(RecordInline):
    model = Rating
    extra = 1
    fields = ["name", "slug", "value", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RatingScale)
class RatingScaleAdmin(RecordAdmin):
    list_display = ["name", "best", "worst"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RatingInline]


@admin.register(Rating)
class RatingAdmin(RecordAdmin):
    list_display = ["name", "scale", "value"]
    list_select_related = ["scale"]
    list_filter = ["scale"]
    search_fields = ["name", "scale__name"]
    autocomplete_fields = ["scale"]


@admin.register(AuditEntry)
class AuditEntryAdmin(BoundedSearchMixin, CheckedLookupsMixin, admin.ModelAdmin):
    """The audit log: readable by publishers, changed by nobody (not even superusers)."""

    list_display = (
        "at",
        "actor_name",
        "action",
        "content_type",
        "object_repr",
        "from_status",
        "to_status",
        "version",
    )
    list_filter = ("action", "content_type")
    search_fields = ("actor_name", "object_repr", "note")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(QuoteNotFound, QuoteNotFoundAdmin)
