"""Admin for claims."""

from django.contrib import admin

from claims.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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
