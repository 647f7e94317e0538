"""Input the admin cannot use, answered as a form error or ignored, never as a 500.

Ids a key column cannot hold ("one", 2**70) posted to choice fields or put in a list's
filters, NUL bytes in those filters, and searches far longer than anything anyone types.
RecordAdmin (core/admin.py), the inlines and the project's other admins use these mixins.
"""

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.constants import LOOKUP_SEP


class CheckedAutocompleteMixin:
    """An autocomplete widget that re-shows a refused choice without looking it up.

    Django's autocomplete widgets query the submitted ids to re-render a form with errors;
    an id the key column cannot hold ("one", 2**70) made that query fail with a 500 after
    the field had already said "Select a valid choice". Such values are simply not shown.
    """

    def optgroups(self, name, value, attr=None):
        remote_model = self.field.remote_field.model
        key = remote_model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or remote_model._meta.pk.name
        )
        holdable = [item for item in value if _column_can_hold(key, item, self.db)]
        return super().optgroups(name, holdable, attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


def _column_can_hold(field: models.Field, value, using: str | None) -> bool:
    """Whether a submitted value fits the field's column, so looking it up cannot fail."""
    if value in (None, ""):
        return True
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(field, models.IntegerField):
        low, high = connections[using or DEFAULT_DB_ALIAS].ops.integer_field_range(
            field.get_internal_type()
        )
        return (low is None or low <= value) and (high is None or value <= high)
    return True


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids the key column cannot hold before looking them up.

    Django looks a whole list up with one `IN` query, which fails with an overflow on an id
    such as 2**70 instead of answering "not a valid value" (a single id is looked up safely).
    """

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for item in value if isinstance(value, list | tuple) else []:
            if not _column_can_hold(key, item, self.queryset.db):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class CheckedIdsAdminMixin:
    """For admins and inlines: forged ids in choice fields are a form error, never a 500.

    Autocomplete fields use the checked widgets above; many-to-many fields the checked field.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# Longer is no name or phrase anyone searches for; SQLite refuses LIKE patterns over 50,000 bytes.
MAX_SEARCH_LENGTH = 200


class BoundedSearchMixin:
    """Admin searches (lists and autocompletes) read at most MAX_SEARCH_LENGTH characters."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term[:MAX_SEARCH_LENGTH])


# Lookups whose values are of the field's own type (others, such as isnull, are not).
_VALUE_LOOKUPS = {"exact", "in", "gt", "gte", "lt", "lte"}


class CheckedLookupsMixin:
    """Admin lists: a filter the database cannot be asked is the admin's own "?e=1" answer (the
    list without filters, flagged), never a 500.

    Django checks a filter's field and lookup when it builds a list, but its values reach the
    database only when the list is counted, after those checks: a NUL byte (PostgreSQL refuses
    it) or an id no key column holds (`?speaker=` 2**70: an overflow) failed there.
    """

    def get_changelist_instance(self, request):
        for key, values in request.GET.lists():
            for value in values:
                if "\x00" in value or not _lookup_can_hold(self.model, key, value):
                    raise IncorrectLookupParameters(f"The list cannot be filtered by {key!r}.")
        return super().get_changelist_instance(request)


def _lookup_can_hold(model: type[models.Model], key: str, value: str) -> bool:
    """Whether each value of a `field__lookup=value` filter fits the field's column (True for a
    parameter that names no field: the list's own, or a list filter's, checked by them)."""
    parts = key.split(LOOKUP_SEP)
    lookup = parts.pop() if len(parts) > 1 and parts[-1] in _VALUE_LOOKUPS else "exact"
    try:
        field = get_fields_from_path(model, LOOKUP_SEP.join(parts))[-1]
    except (FieldDoesNotExist, NotRelationField):
        return True
    if field.is_relation:
        field = field.target_field
    items = value.split(",") if lookup == "in" else [value]
    return all(_column_can_hold(field, item, None) for item in items)
