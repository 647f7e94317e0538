from django.contrib import admin

from sources.admin_archive import ArchiveAdminMixin
from sources.models import Source


@admin.register(Source)
class SourceAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    """A minimal source admin until the full one lands; it carries the archive's parts."""

    list_display = ["title", "url"]
    search_fields = ["title", "url"]
