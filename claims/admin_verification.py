"""The admin's part of quote verification: the list of quotes not found in their source,
and the warning a publisher sees before publishing a statement whose quote was not found.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from claims.models import QuoteNotFound, Statement, Status
from claims.verification import needs_confirmation, publication_warnings
from core.admin_input import BoundedSearchMixin, CheckedLookupsMixin

# Posted by the confirmation page: the publisher has read the warnings and publishes anyway.
CONFIRMED = "publish_despite_warnings"


class QuoteNotFoundAdmin(BoundedSearchMixin, CheckedLookupsMixin, admin.ModelAdmin):
    """Read-only list: each citation whose words are not in its source's latest copy."""

    list_display = ["words", "cited_by", "source_link", "snapshot_taken", "verified_at"]
    list_select_related = [
        "statement__speaker",
        "statement__speaker_organization",
        "endorsement__endorser_person",
        "endorsement__endorser_organization",
        "endorsement__endorsed",
    ]
    search_fields = ["excerpt", "statement__text", "source__title", "source__url"]

    def get_queryset(self, request):
        # The changelist adds list_select_related only to a queryset without any: given here.
        citations = super().get_queryset(request).quotes_not_found()
        return citations.with_sources(*self.list_select_related)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Words attributed to the source")
    def words(self, citation: QuoteNotFound) -> str:
        statement = citation.statement
        text = statement.text if statement and statement.kind == Statement.Kind.QUOTE else ""
        text = text or citation.excerpt
        return text if len(text) <= 160 else text[:157] + "..."

    @admin.display(description="Cited by")
    def cited_by(self, citation: QuoteNotFound) -> str:
        if citation.statement_id:
            return _change_link(
                "admin:claims_statement_change",
                citation.statement_id,
                citation.statement.speaker_display,
            )
        return _change_link(
            "admin:claims_endorsement_change", citation.endorsement_id, str(citation.endorsement)
        )

    @admin.display(description="Source")
    def source_link(self, citation: QuoteNotFound) -> str:
        return _change_link("admin:sources_source_change", citation.source_id, str(citation.source))

    @admin.display(description="Archived copy")
    def snapshot_taken(self, citation: QuoteNotFound) -> str:
        return f"{citation.snapshot.fetched_at:%d %b %Y %H:%M}" if citation.snapshot else "-"


class PublicationWarningsMixin:
    """For the statement admin (in front of the class with the publish action and button):
    a publisher sees the unverified quotes on the change form, and publishing a statement
    whose quote is not found in its source's copy asks for confirmation first."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            statement = self.get_object(request, unquote(object_id))
            if (
                statement is not None
                and statement.status in (Status.DRAFT, Status.IN_REVIEW)
                and statement.publishable_by(request.user)
            ):
                for warning in publication_warnings(statement):
                    self.message_user(request, f"Before publishing: {warning}", messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(permissions=["publish"], description="Publish selected")
    def publish_selected(self, request, queryset):
        if CONFIRMED not in request.POST:
            warnings = self._warnings_by_statement(queryset)
            if warnings:
                return self._confirmation_page(request, warnings, records=queryset)
        return super().publish_selected(request, queryset)

    def publish_view(self, request, object_id):
        if request.method == "POST" and CONFIRMED not in request.POST:
            statement = self.get_object(request, unquote(object_id))
            if statement is not None and statement.publishable_by(request.user):
                warnings = self._warnings_by_statement([statement])
                if warnings:
                    return self._confirmation_page(request, warnings, record=statement)
        return super().publish_view(request, object_id)

    def confirm_publication(self, request, record):
        """Save and publish: the edit is saved; the warnings are confirmed before publishing."""
        if record.publishable_by(request.user):
            warnings = self._warnings_by_statement([record])
            if warnings:
                return self._confirmation_page(request, warnings, record=record)
        return super().confirm_publication(request, record)

    def _warnings_by_statement(self, statements) -> list[tuple]:
        """The statements with a quote not found, each with all its warnings."""
        found_wanting = []
        for statement in statements:
            if statement.status not in (Status.DRAFT, Status.IN_REVIEW):
                continue
            warnings = publication_warnings(statement)
            # A source without a copy (a call, an interview) is noted on the form, but only a
            # quote the copy or the cited excerpt contradicts asks for confirmation.
            if needs_confirmation(statement):
                found_wanting.append((statement, warnings))
        return found_wanting

    def _confirmation_page(self, request, warnings, *, records=(), record=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish despite unverified quotes?",
            "opts": self.opts,
            "warnings": warnings,
            "records": records,
            "record": record,
            "confirmed_name": CONFIRMED,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/publish_warnings.html", context)


def _change_link(url_name: str, pk: int, label: str) -> str:
    """A link to the record's admin page, or just its label when it has none."""
    try:
        url = reverse(url_name, args=[pk])
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)
