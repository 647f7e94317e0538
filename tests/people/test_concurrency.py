"""Two saves from the same stale version: the second is refused, the first survives."""

import pytest
from django.db import transaction

from core.concurrency import StaleEditError
from people.admin import PersonForm
from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_second_of_two_saves_from_one_version_is_refused():
    person = PersonFactory(description="original")
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    first.description = "first editor's"
    first.save()
    second.description = "second editor's"
    with pytest.raises(StaleEditError, match="changed by someone else"), transaction.atomic():
        second.save()
    stored = Person.objects.get(pk=person.pk)
    assert stored.description == "first editor's"
    assert stored.version == person.version + 1


def test_saving_again_from_a_fresh_copy_works():
    person = PersonFactory()
    person.description = "one"
    person.save()
    person.description = "two"
    person.save()
    assert Person.objects.get(pk=person.pk).version == 3


def test_a_new_record_from_a_form_with_an_empty_version_field_starts_at_version_one():
    """Browsers post the hidden version field empty on an add form."""
    form = PersonForm({"version": "", "name": "Karam Chowdhury", "slug": "karam-chowdhury"})
    assert form.is_valid(), form.errors
    assert form.save().version == 1
