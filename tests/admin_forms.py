"""Read an admin change form from a test client response, as the browser would post it."""

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

MULTIPLE_CHOICE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def change_form_data(response, **changes) -> dict:
    """The data the admin form in this response would post, with some values changed."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update(changes)
    return data


def action_data(action: str, records, **extra) -> dict:
    """What the changelist posts when an action is chosen for some records."""
    return {"action": action, ACTION_CHECKBOX_NAME: [record.pk for record in records], **extra}


def messages_in(response) -> list[str]:
    """The flash messages shown on a page (follow=True responses)."""
    return [str(message) for message in response.context["messages"]]


def _add_form(data: dict, form) -> None:
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is False:
            continue  # an unticked checkbox is not posted
        if value is None:
            if isinstance(form.fields[name], MULTIPLE_CHOICE_FIELDS):
                continue  # an empty multiple select is not posted
            value = ""  # empty inputs are posted as empty strings
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
