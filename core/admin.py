"""The base every admin in the project builds on (RecordAdmin, and RecordInline for the rows
edited inside another record's form): full history with a restore button, every form carrying
the version it was read at so a save from a stale copy is refused (as a form error, or as a
message when it loses the race after its checks), a Save that changes nothing saving nothing
(no new version, no history entry), forged ids in choice fields answered as form errors, and
searches of a bounded length. Also all-or-nothing import and export, and a year filter for
partial dates."""

import dataclasses
import re

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db.models.functions import Substr
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin_input import BoundedSearchMixin, CheckedIdsAdminMixin, CheckedLookupsMixin
from core.concurrency import StaleEditError, VersionedInlineForm, VersionedModelForm, as_read
from core.history import RestoreError, may_change, restore_version
from core.record_ids import parse_record_id
from core.resources import FORMATS

# Never shown as a change on a history page: a counter every save bumps, not an editor's change.
NOT_EDITORS_CHANGES = frozenset({"version"})


class ReadableHistoryChanges(HistoricalRecordContextHelper):
    """The changes a history page lists, as the form reads them: a choice by its label, a
    related record by its name, no value as a dash (not "in_review" or "None")."""

    def context_for_delta_changes(self, delta):
        kept = [change for change in delta.changes if change.field not in NOT_EDITORS_CHANGES]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=kept))

    def prepare_delta_change_value(self, change, value):
        if value is None or value == "":
            return "—"
        field = self.model._meta.get_field(change.field)
        if field.is_relation:
            # The diff gives related records as themselves (or, deleted since, as simple-history's
            # DeletedObject), which name themselves.
            return super().prepare_delta_change_value(change, value)
        return as_read(field, value)


class VersionedFormMixin:
    """For admins and inlines of versioned records (core.concurrency.VersionedModel): the form
    posts the version it was rendered with, hidden, so a stale save is refused.

    A form of the admin's own (`form = ...`) derives from VersionedModelForm (or, for an
    inline, VersionedInlineForm); the version joins the fields an admin lists by itself."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": ["version", *options["fields"]]}), *rest]


class RecordInline(VersionedFormMixin, CheckedIdsAdminMixin, admin.TabularInline):
    """Rows edited inside another record's form (a statement's citations): a row someone else
    saved since the form was rendered is refused if changed here, and left alone if not."""

    form = VersionedInlineForm


class RecordAdmin(
    VersionedFormMixin,
    BoundedSearchMixin,
    CheckedLookupsMixin,
    CheckedIdsAdminMixin,
    SimpleHistoryAdmin,
):
    """An admin with visible history, restore of earlier versions, and stale edits refused."""

    object_history_list_template = "admin/history_list_with_restore.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as error:
            # Someone saved between this form's checks and its save; the transaction rolled back.
            self.message_user(request, f"Nothing was saved: {error}.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            # Left for save_related, which sees the inline rows too: a Save that changed
            # nothing must not bump the version (making other editors' open forms stale) nor
            # write an empty history entry.
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and not form.has_changed() and self.changes_anything(form, formsets):
            # Only inline rows changed: they are part of the record as readers see it (a
            # statement's citations), so the record is saved too, before them, as Django would.
            super().save_model(request, form.instance, form, change)
        # Unchanged rows and relations are not written (formset.save() and save_m2m() skip
        # them), and Django's change message needs the formsets' saved lists.
        super().save_related(request, form, formsets, change)

    def changes_anything(self, form, formsets) -> bool:
        """Whether the editor changed the record's form or any of its inline rows (adding,
        changing or deleting one); the version the form was read at is no change."""
        return form.has_changed() or any(formset.has_changed() for formset in formsets)

    def has_change_permission(self, request, obj=None):
        # The record's own rule too (core.history.may_change): editors may view a public
        # editorial record, or a source one cites, but only publishers change it.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change(request.user, obj))

    def revert_disabled(self, request, obj=None):
        # Simple-history's revert form bypasses the version and workflow checks; restore_view does not.
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        context = {
            "may_restore": record is not None and self.has_change_permission(request, record),
            "current_version": getattr(record, "version", ""),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def restore_view(self, request, object_id, history_id):
        """Restore an earlier version (POST only), then show the record or the refusal."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        history_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[record.pk]
        )
        seen_version = parse_record_id(request.POST.get("version", ""))
        if hasattr(record, "version") and seen_version is not None:
            # Restore on top of the version the user saw, so a later edit is not silently undone.
            record.version = seen_version
        try:
            # The admin's rule, which adds its own to the record's (a citation of a public
            # statement is read-only to an editor): the history page hides the button, and a
            # forged POST is refused too.
            permitted = self.has_change_permission(request, record)
            restore_version(
                record=record, history_id=history_id, by=request.user, permitted=permitted
            )
        except (RestoreError, StaleEditError) as error:
            self.message_user(request, f"Nothing was restored: {error}.", messages.ERROR)
            return HttpResponseRedirect(history_url)
        self.message_user(request, f"Restored version #{history_id} of “{record}”.")
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        )


class AllOrNothingImportExportMixin(ImportExportMixin):
    """Import/export from the admin where a file with any bad row changes nothing."""

    formats = FORMATS

    def get_import_data_kwargs(self, **kwargs):
        # Without this, the confirm step would save the good rows of a file that has bad ones.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: the file has rows with errors. Import it again to see them.",
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().process_result(result, request)


class PartialDateYearFilter(admin.SimpleListFilter):
    """Filter by the year of a partial date (subclasses name the field)."""

    field_name = ""

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .exclude(**{f"{self.field_name}__isnull": True})
            .annotate(year=Substr(self.field_name, 1, 4))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        year = self.value()
        if not year:
            return queryset
        if not re.fullmatch(r"\d{4}", year):
            # The admin answers with its "?e=1" page; a NUL byte would be a 500 on PostgreSQL.
            raise IncorrectLookupParameters(f"A year is four digits, not {year!r}.")
        return queryset.filter(**{f"{self.field_name}__startswith": year})
