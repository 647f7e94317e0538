"""The editors' admin for people, organizations and roles (on the kernel's RecordAdmin)."""

from django.contrib import admin

from core.admin import AllOrNothingImportExportMixin, RecordAdmin, RecordInline
from core.concurrency import VersionedModelForm
from people.models import Organization, Person, Role
from people.resources import OrganizationResource, PersonResource


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["version", "name", "slug", "aliases", "description", "wikidata_id"]


class RoleInline(RecordInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["title", "organization", "start", "end"]


@admin.register(Person)
class PersonAdmin(AllOrNothingImportExportMixin, RecordAdmin):
    form = PersonForm
    resource_classes = [PersonResource]
    list_display = ["name", "description", "wikidata_id", "updated_at"]
    search_fields = ["name", "aliases", "slug", "wikidata_id"]
    list_filter = ["created_at"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]


@admin.register(Organization)
class OrganizationAdmin(AllOrNothingImportExportMixin, RecordAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "kind", "parent", "url"]
    list_select_related = ["parent"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "slug"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Role)
class RoleAdmin(RecordAdmin):
    list_display = ["person", "title", "organization", "start", "end"]
    list_select_related = ["person", "organization"]
    list_filter = ["organization__kind"]
    search_fields = [
        "title",
        "person__name",
        "person__aliases",
        "organization__name",
        "organization__aliases",
    ]
    autocomplete_fields = ["person", "organization"]
