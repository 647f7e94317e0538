"""The editors' admin for sources and their archived snapshots."""

from django.contrib import admin

from core.admin import AllOrNothingImportExportMixin, PartialDateYearFilter, RecordAdmin
from core.admin_input import BoundedSearchMixin, CheckedLookupsMixin
from core.concurrency import VersionedModelForm
from sources.admin_archive import ArchiveAdminMixin
from sources.models import Snapshot, Source
from sources.resources import SourceResource


class PublishedYearFilter(PartialDateYearFilter):
    title = "year published"
    parameter_name = "published_year"
    field_name = "published_on"


class SourceForm(VersionedModelForm):
    class Meta:
        model = Source
        fields = [
            "version",
            "url",
            "title",
            "kind",
            "publisher",
            "authors",
            "published_on",
            "via",
            "notes",
        ]


class SnapshotInline(admin.TabularInline):
    """Archived copies are evidence: shown, never edited by hand."""

    model = Snapshot
    extra = 0
    fields = ["fetched_at", "http_status", "content_type", "size", "sha256"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).described()


@admin.register(Source)
class SourceAdmin(ArchiveAdminMixin, AllOrNothingImportExportMixin, RecordAdmin):
    form = SourceForm

    resource_classes = [SourceResource]
    list_display = ["title", "kind", "publisher", "published_on", "url"]
    list_select_related = ["publisher"]
    list_filter = ["kind", PublishedYearFilter, ("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "title",
        "url",
        "publisher__name",
        "publisher__aliases",
        "authors__name",
        "authors__aliases",
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["publisher", "authors", "via"]
    inlines = [SnapshotInline]

    def get_search_results(self, request, queryset, search_term):
        # A pasted address matches none of the words of the stored (normalized) one when it
        # carries tracking parameters or a fragment: match it as an address as well.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return results | queryset.at_address(search_term), may_have_duplicates


@admin.register(Snapshot)
class SnapshotAdmin(BoundedSearchMixin, CheckedLookupsMixin, admin.ModelAdmin):
    """Read-only: snapshots are made by archiving, and are the evidence a quote is checked against."""

    list_display = ["source", "fetched_at", "http_status", "content_type", "size"]
    list_select_related = ["source"]
    list_filter = ["http_status", "content_type"]
    search_fields = ["source__title", "source__url", "final_url", "sha256"]
    date_hierarchy = "fetched_at"
    readonly_fields = [
        "source",
        "fetched_at",
        "final_url",
        "http_status",
        "content_type",
        "size",
        "sha256",
        "text",
    ]

    def get_queryset(self, request):
        # The list shows no text; a copy's own page reads it (one query more, for one copy).
        return super().get_queryset(request).described()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
