"""The admin for claims: their wording and topic, the statements that make them, and the
workflow buttons every editorial record has (claims.admin.EditorialAdmin). Statements join a
claim from their own form (claims.matching.admin_candidates)."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from claims.admin import EDITORIAL_FIELDS, EditorialAdmin
from claims.matching.models import Claim, ClaimAppearance, RepeatProposal
from claims.matching.services import confirm_same_claim, dismiss_match
from claims.services import TransitionError
from core.admin_input import CheckedLookupsMixin
from core.concurrency import VersionedModelForm


class ClaimForm(VersionedModelForm):
    class Meta:
        model = Claim
        fields = ["version", "wording", "topic"]
        widgets = {"wording": forms.Textarea(attrs={"rows": 3, "cols": 80})}


class AppearanceInline(admin.TabularInline):
    """The statements that make the claim, earliest said first."""

    model = ClaimAppearance
    fields = ["statement_link", "said_on", "speaker", "confirmed_by", "created_at"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = "appearances (statements link here from their own form)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("statement__speaker", "statement__speaker_organization", "confirmed_by")
            .order_by("statement__said_on", "statement__pk")
        )

    @admin.display(description="statement")
    def statement_link(self, appearance):
        statement = appearance.statement
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_statement_change", args=[statement.pk]),
            statement.choice_label(),
        )

    @admin.display(description="said")
    def said_on(self, appearance):
        return appearance.statement.said_on

    @admin.display(description="speaker")
    def speaker(self, appearance):
        return appearance.statement.speaker_display


@admin.register(Claim)
class ClaimAdmin(EditorialAdmin):
    form = ClaimForm
    fieldsets = [
        (None, {"fields": ["version", "wording", "topic"]}),
        ("Editorial status", {"fields": list(EDITORIAL_FIELDS)}),
    ]
    list_display = ["__str__", "topic", "status"]
    list_select_related = ["topic__parent"]
    list_filter = ["status", ("topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["wording"]
    autocomplete_fields = ["topic"]
    inlines = [AppearanceInline]


@admin.register(RepeatProposal)
class RepeatProposalAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    """The backfill's proposed repeats (manage.py propose_repeats), best first: an editor
    says "same claim" or "not the same" to each, which removes it."""

    list_display = ["score", "statement_column", "other_column"]
    list_select_related = [
        "statement__speaker",
        "statement__speaker_organization",
        "other__speaker",
        "other__speaker_organization",
    ]
    actions = ["confirm_selected", "dismiss_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="statement")
    def statement_column(self, proposal):
        return self._statement_link(proposal.statement)

    @admin.display(description="may repeat")
    def other_column(self, proposal):
        return self._statement_link(proposal.other)

    @staticmethod
    def _statement_link(statement):
        return format_html(
            '<a href="{}">{}</a><br>{}',
            reverse("admin:claims_statement_change", args=[statement.pk]),
            f"{statement.speaker_display}, {statement.said_on}",
            statement.text if len(statement.text) <= 200 else statement.text[:197] + "...",
        )

    @admin.action(description="Same claim: create or join a claim")
    def confirm_selected(self, request, queryset):
        self._apply(request, queryset, confirm_same_claim, "linked as the same claim")

    @admin.action(description="Not the same: never propose again")
    def dismiss_selected(self, request, queryset):
        self._apply(request, queryset, dismiss_match, "dismissed")

    def _apply(self, request, queryset, step, done: str) -> None:
        changed = 0
        for proposal in queryset.select_related("statement", "other"):
            try:
                step(statement=proposal.statement, other=proposal.other, by=request.user)
            except TransitionError as error:
                self.message_user(request, f"{proposal}: {error}", messages.ERROR)
            else:
                changed += 1
        if changed:
            self.message_user(request, f"{changed} pairs {done}.", messages.SUCCESS)
