"""No admin form takes a web address without its scheme by guessing one: Django's URLField
form field stores "example.org" as "http://example.org" (a source's address refuses it)."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_admin_form_or_inline_has_a_url_field_that_adds_a_scheme():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    guessing = []
    for model, model_admin in admin.site._registry.items():
        form_classes = [model_admin.get_form(request)]
        form_classes += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form_class in form_classes:
            guessing += [
                f"{model._meta.label}.{name}"
                for name, field in form_class.base_fields.items()
                if isinstance(field, forms.URLField)
            ]
    assert guessing == []
