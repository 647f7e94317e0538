"""restore_version: an earlier version saved again as a new version, within the rules."""

import pytest

from core.concurrency import StaleEditError
from core.history import RestoreError, restore_version
from people.models import Person
from sources.models import Source
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_person_is_restored_as_a_new_version(editor):
    person = PersonFactory(description="First.")
    first = person.history.earliest().history_id
    person.description = "Second."
    person.save()
    restored = restore_version(record=person, history_id=first, by=editor)
    assert Person.objects.get(pk=person.pk).description == "First."
    assert restored.version == 3
    assert person.history.count() == 3


def test_a_restore_from_a_stale_copy_is_refused(editor):
    person = PersonFactory(description="First.")
    first = person.history.earliest().history_id
    stale = Person.objects.get(pk=person.pk)
    person.description = "Second."
    person.save()
    with pytest.raises(StaleEditError):
        restore_version(record=stale, history_id=first, by=editor)
    assert Person.objects.get(pk=person.pk).description == "Second."


def test_a_user_without_the_change_permission_cannot_restore():
    person = PersonFactory(description="First.")
    with pytest.raises(RestoreError, match="may not change"):
        restore_version(record=person, history_id=person.history.earliest().history_id, by=None)


def test_a_restore_that_would_break_a_rule_says_which(editor):
    person = PersonFactory(slug="karam-chowdhury")
    first = person.history.earliest().history_id
    person.slug = "karam-chowdhury-2"
    person.save()
    PersonFactory(slug="karam-chowdhury")
    with pytest.raises(RestoreError, match="slug"):
        restore_version(record=person, history_id=first, by=editor)
    assert Person.objects.get(pk=person.pk).slug == "karam-chowdhury-2"


def test_a_source_gets_its_earlier_authors_back(editor):
    source = SourceFactory()
    author, replacement = PersonFactory(), PersonFactory()
    source.authors.set([author])
    with_author = source.history.latest().history_id
    source.authors.set([replacement])
    source = Source.objects.get(pk=source.pk)
    restore_version(record=source, history_id=with_author, by=editor)
    assert list(Source.objects.get(pk=source.pk).authors.all()) == [author]


@pytest.mark.django_db(transaction=True)
def test_a_source_whose_earlier_author_was_deleted_is_not_restored(editor):
    """A restore naming an author deleted since is refused with the reason, not an IntegrityError."""
    source = SourceFactory(title="First title")
    author = PersonFactory(name="Gone Author")
    source.authors.set([author])
    with_author = source.history.latest().history_id
    source.authors.set([])
    source.title = "Second title"
    source.save()
    author_pk = author.pk
    author.delete()

    with pytest.raises(RestoreError, match=f"authors: it names person #{author_pk}, deleted since"):
        restore_version(record=Source.objects.get(pk=source.pk), history_id=with_author, by=editor)

    assert Source.objects.get(pk=source.pk).title == "Second title"
