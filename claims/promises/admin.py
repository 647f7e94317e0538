"""The editors' and publishers' admin for promises, their status changes and the status scales.

Promises and status changes are editorial records: editors draft them, publishers publish
them with the same buttons and actions as fact-checks (claims.admin.EditorialAdmin, which
calls claims.services). A status change is its own record, with its citations inline, so
each is reviewed and published on its own; the promise's form lists them.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from claims.admin import EDITORIAL_FIELDS, EditorialAdmin, EditorialChildInline
from claims.promises.models import (
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
)
from core.admin import PartialDateYearFilter, RecordAdmin, RecordInline
from core.concurrency import VersionedModelForm


class PromiseCitationInline(EditorialChildInline):
    model = PromiseCitation
    fk_name = "promise"
    extra = 1
    fields = ["source", "statement", "excerpt", "locator"]
    autocomplete_fields = ["source", "statement"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}
    }


class StatusChangeCitationInline(PromiseCitationInline):
    fk_name = "status_change"


class StatusChangeListInline(admin.TabularInline):
    """The promise's status changes, as a list: each is edited and published on its own page."""

    model = PromiseStatusChange
    fields = ["changed_on", "rating", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "status changes (each edited and published on its own page)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rating")


class PromisedYearFilter(PartialDateYearFilter):
    title = "year promised"
    parameter_name = "promised_year"
    field_name = "promised_on"


class PromiseForm(VersionedModelForm):
    class Meta:
        model = Promise
        fields = ["version", "person", "wording", "promised_on", "topic", "deadline", "scale"]


@admin.register(Promise)
class PromiseAdmin(EditorialAdmin):
    form = PromiseForm
    fieldsets = [
        (None, {"fields": ["version", "person", "wording", "promised_on", "topic"]}),
        ("Tracking", {"fields": ["deadline", "scale", "add_status_change"]}),
        ("Editorial status", {"fields": list(EDITORIAL_FIELDS)}),
    ]
    list_display = ["short_wording", "person", "topic", "promised_on", "deadline", "status"]
    list_select_related = ["person", "topic__parent"]
    list_filter = [
        "status",
        ("topic", admin.RelatedOnlyFieldListFilter),
        ("person", admin.RelatedOnlyFieldListFilter),
        PromisedYearFilter,
    ]
    search_fields = ["wording", "person__name", "topic__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["person", "topic"]
    inlines = [PromiseCitationInline, StatusChangeListInline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "add_status_change"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "scale" not in initial and (scale := PromiseScale.objects.first()) is not None:
            initial["scale"] = scale.pk
        return initial

    @admin.display(description="status changes")
    def add_status_change(self, promise):
        if promise.pk is None:
            return "Save the promise first; then add its status changes."
        url = reverse("admin:claims_promisestatuschange_add")
        return format_html('<a href="{}?promise={}">Add a status change</a>', url, promise.pk)

    @admin.display(description="promise", ordering="wording")
    def short_wording(self, promise):
        return promise.wording if len(promise.wording) <= 80 else promise.wording[:77] + "..."


class StatusChangeForm(VersionedModelForm):
    class Meta:
        model = PromiseStatusChange
        fields = ["version", "promise", "changed_on", "rating", "analysis"]


@admin.register(PromiseStatusChange)
class PromiseStatusChangeAdmin(EditorialAdmin):
    form = StatusChangeForm
    fieldsets = [
        (None, {"fields": ["promise", "changed_on", "rating", "analysis"]}),
        ("Editorial status", {"fields": list(EDITORIAL_FIELDS)}),
    ]
    list_display = ["__str__", "promise_person", "changed_on", "rating", "status"]
    list_select_related = ["promise__person", "rating"]
    list_filter = ["status", "rating", ("promise__topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["analysis", "promise__wording", "promise__person__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["promise"]
    inlines = [StatusChangeCitationInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rating":
            kwargs["queryset"] = PromiseRating.objects.select_related("scale")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="person", ordering="promise__person__name")
    def promise_person(self, change):
        return change.promise.person


class PromiseRatingInline(RecordInline):
    model = PromiseRating
    extra = 1
    fields = ["name", "slug", "order", "outcome", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PromiseScale)
class PromiseScaleAdmin(RecordAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PromiseRatingInline]
