"""Bad input in the people admin: a form error on the field, and nothing saved."""

import pytest
from django.urls import reverse

from people.models import Role
from tests.admin_forms import change_form_data
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_role_cannot_end_before_it_starts(client, editor):
    person = PersonFactory()
    client.force_login(editor)
    add = reverse("admin:people_role_add")
    data = change_form_data(
        client.get(add),
        person=person.pk,
        organization=OrganizationFactory().pk,
        title="Chief of Department",
        start="2021-03",
        end="2020",
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == [
        "A role cannot end (2020) before it starts (March 2021)."
    ]
    assert not Role.objects.exists()


def test_a_role_end_before_its_start_is_refused_in_the_person_form(client, editor):
    person = PersonFactory()
    client.force_login(editor)
    change = reverse("admin:people_person_change", args=[person.pk])
    data = change_form_data(
        client.get(change),
        **{
            "roles-TOTAL_FORMS": "1",
            "roles-0-title": "Nominee",
            "roles-0-start": "2025-06-24",
            "roles-0-end": "2025-06-01",
        },
    )
    response = client.post(change, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["end"]
    assert not Role.objects.exists()
