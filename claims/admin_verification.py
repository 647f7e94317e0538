"""The admin list of quotes that were not found in the archived copy of their source."""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from claims.models import QuoteNotFound


class QuoteNotFoundAdmin(admin.ModelAdmin):
    """Read-only list: each quote whose words are not in its source's latest copy."""

    list_display = ["quote", "statement_link", "source_link", "snapshot_taken", "verified_at"]
    list_select_related = [
        "statement__speaker",
        "statement__speaker_organization",
        "source",
        "snapshot",
    ]
    search_fields = ["statement__text", "source__title", "source__url"]

    def get_queryset(self, request):
        return super().get_queryset(request).quotes_not_found()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Quote")
    def quote(self, citation: QuoteNotFound) -> str:
        text = citation.statement.text
        return text if len(text) <= 120 else text[:117] + "..."

    @admin.display(description="Statement")
    def statement_link(self, citation: QuoteNotFound) -> str:
        return _change_link(
            "admin:claims_statement_change",
            citation.statement_id,
            citation.statement.speaker_display,
        )

    @admin.display(description="Source")
    def source_link(self, citation: QuoteNotFound) -> str:
        return _change_link("admin:sources_source_change", citation.source_id, str(citation.source))

    @admin.display(description="Archived copy")
    def snapshot_taken(self, citation: QuoteNotFound) -> str:
        return f"{citation.snapshot.fetched_at:%d %b %Y %H:%M}" if citation.snapshot else "-"


def _change_link(url_name: str, pk: int, label: str) -> str:
    """A link to the record's admin page, or just its label when it has none."""
    try:
        url = reverse(url_name, args=[pk])
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)
