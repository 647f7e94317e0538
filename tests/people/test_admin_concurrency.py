"""Two editors, one person: the second save from a stale form is refused and shows what changed."""

import pytest
from django.db.models import F
from django.db.models.signals import pre_save
from django.urls import reverse

from people.models import Person
from tests.admin_forms import change_form_data, messages_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_second_of_two_stale_person_forms_is_refused(client, editor, second_editor):
    person = PersonFactory(description="Original description.")
    change = reverse("admin:people_person_change", args=[person.pk])
    client.force_login(editor)
    first_form = change_form_data(client.get(change), description="The first editor's.")
    client.force_login(second_editor)
    second_form = change_form_data(client.get(change), description="The second editor's.")

    client.force_login(editor)
    assert client.post(change, first_form).status_code == 302
    client.force_login(second_editor)
    refused = client.post(change, second_form)

    assert refused.status_code == 200
    error = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "Someone else saved this record" in error
    assert "“Original description.” → “The first editor's.”" in error
    assert Person.objects.get(pk=person.pk).description == "The first editor's."


def test_a_change_saved_between_the_check_and_the_save_is_a_message_not_an_error(client, editor):
    """Another save lands after the form was validated: nothing of ours is saved, no 500."""
    person = PersonFactory(description="Original description.")
    change = reverse("admin:people_person_change", args=[person.pk])
    client.force_login(editor)
    form = change_form_data(client.get(change), description="Ours.")

    def another_editor_saves_first(sender, instance, **kwargs):
        pre_save.disconnect(another_editor_saves_first, sender=Person)
        Person.objects.filter(pk=instance.pk).update(
            description="Theirs.", version=F("version") + 1
        )

    pre_save.connect(another_editor_saves_first, sender=Person)
    try:
        response = client.post(change, form, follow=True)
    finally:
        pre_save.disconnect(another_editor_saves_first, sender=Person)

    assert response.status_code == 200
    assert any("changed by someone else" in message for message in messages_in(response))
    # The simulated other save ran inside the admin's transaction, so it was rolled back with ours.
    assert Person.objects.get(pk=person.pk).description == "Original description."
