"""The archive's part of the source admin: "Archive now", the change flag and the diff.

ArchiveAdminMixin goes in front of ModelAdmin in the SourceAdmin (see sources/admin.py).
"""

from __future__ import annotations

import difflib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from sources.models import Source
from sources.tasks import queue_archive


def text_diff_table(earlier: str, later: str) -> str:
    """A side-by-side HTML table of the lines that differ (difflib escapes the texts)."""
    table = difflib.HtmlDiff(wrapcolumn=80).make_table(
        earlier.splitlines(),
        later.splitlines(),
        fromdesc="Earlier copy",
        todesc="Latest copy",
        context=True,
        numlines=1,
    )
    # HtmlDiff escapes &, < and > in every line it shows, so the page's text cannot inject markup.
    return mark_safe(table)


class ArchiveAdminMixin:
    """Adds archiving to a Source admin: an action, status columns and a changes view."""

    actions = ["archive_now", "mark_changes_reviewed"]
    archive_readonly_fields = (
        "archive_status",
        "last_archive_attempt_at",
        "archive_problem",
        "changes_link",
    )

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.archive_readonly_fields)

    def get_list_display(self, request):
        columns = tuple(super().get_list_display(request))
        return columns if "archive_status" in columns else (*columns, "archive_status")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), "changed_since_archived")

    @admin.display(description="Archive")
    def archive_status(self, source: Source) -> str:
        if source.archive_queued_at and source.archive_problem:
            return format_html("Retrying (last attempt failed: {})", source.archive_problem)
        if source.archive_queued_at:
            return f"Queued for archiving at {source.archive_queued_at:%d %b %Y %H:%M}"
        if source.archive_problem:
            return format_html("Not archived: {}", source.archive_problem)
        if source.changed_since_archived:
            return "Changed since archived"
        if source.last_archive_attempt_at:
            return f"Archived {source.last_archive_attempt_at:%d %b %Y %H:%M}"
        return "Never archived"

    @admin.display(description="Changes")
    def changes_link(self, source: Source) -> str:
        if source.pk is None or source.snapshots.count() < 2:
            return "Fewer than two copies: nothing to compare."
        url = reverse(f"admin:{self._archive_url_prefix()}_changes", args=[source.pk])
        return format_html('<a href="{}">Compare the two latest copies</a>', url)

    @admin.action(description="Archive now", permissions=["change"])
    def archive_now(self, request, queryset):
        """Queue a copy of each selected source; a worker takes it (sources/tasks.py)."""
        sources = list(queryset.order_by("pk"))
        queued = set(queue_archive(sources, by=request.user))
        # Actions run outside a transaction: the tasks were sent (or not) already.
        not_sent = set(
            queryset.filter(pk__in=queued)
            .unqueued_for_want_of_a_queue()
            .values_list("pk", flat=True)
        )
        for source in sources:
            if source.pk in not_sent:
                self.message_user(
                    request,
                    f"“{source}” was not queued for archiving: the task queue could not be "
                    "reached. Try again later.",
                    messages.ERROR,
                )
            elif source.pk in queued:
                self.message_user(
                    request,
                    f"“{source}” queued for archiving; its status here shows the result.",
                    messages.SUCCESS,
                )
            elif not source.url:
                self.message_user(
                    request, f"“{source}” was not archived: it has no URL.", messages.WARNING
                )
            else:
                self.message_user(request, f"“{source}” is already queued for archiving.")

    @admin.action(description="Mark changes as reviewed", permissions=["change"])
    def mark_changes_reviewed(self, request, queryset):
        count = queryset.mark_changes_reviewed()
        self.message_user(request, f"{count} source(s) no longer flagged as changed.")

    def _archive_url_prefix(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def get_urls(self):
        changes = path(
            "<int:pk>/changes/",
            self.admin_site.admin_view(self.changes_view),
            name=f"{self._archive_url_prefix()}_changes",
        )
        return [changes, *super().get_urls()]

    def changes_view(self, request, pk: int):
        """The differences between a source's two latest archived copies."""
        source = self.get_object(request, str(pk))
        if source is None:
            raise Http404("No such source.")
        if not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        snapshots = source.latest_snapshots(2)
        latest, earlier = (snapshots + [None, None])[:2]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Changes to “{source}”",
            "source": source,
            "latest": latest,
            "earlier": earlier,
            "identical": earlier is not None and earlier.text == latest.text,
            "diff_table": (
                text_diff_table(earlier.text, latest.text)
                if earlier is not None and earlier.text != latest.text
                else ""
            ),
        }
        return TemplateResponse(request, "admin/sources/source/changes.html", context)
