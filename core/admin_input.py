"""Input the admin cannot use, answered as a form error or ignored, never as a 500.

Ids a key column cannot hold ("one", 2**70) posted to choice fields, and searches far longer
than anything anyone types. RecordAdmin (core/admin.py) and the inlines use these mixins.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models


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
