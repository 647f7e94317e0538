"""Each "a public record must not reveal a non-public one" rule, written once on its model
(EditorialRecord.reveals) and used by every page, API view, feed and sitemap."""

import datetime

import pytest

from claims.models import Citation, FactCheck, StanceShift, Status
from core.partial_dates import PartialDate
from people.models import Person
from tests.factories import (
    CitationFactory,
    FactCheckFactory,
    PersonFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHED = {
    "status": Status.PUBLISHED,
    "published_at": datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
}


def test_a_published_fact_check_of_a_draft_statement_is_not_public(editor):
    shown = FactCheckFactory(**PUBLISHED)
    hidden = FactCheckFactory(statement=StatementFactory(), **PUBLISHED)
    assert set(FactCheck.objects.public()) == {shown}
    assert set(FactCheck.objects.visible_to(None)) == {shown}
    assert set(FactCheck.objects.visible_to(editor)) == {shown, hidden}


def test_a_published_shift_to_a_draft_statement_is_not_public(editor):
    earlier = PublishedStatementFactory(said_on=PartialDate(2020), topic=TopicFactory())
    later = StatementFactory(
        speaker=earlier.speaker,
        subject=earlier.subject,
        topic=earlier.topic,
        said_on=PartialDate(2025),
    )
    hidden = StanceShiftFactory(earlier=earlier, later=later, **PUBLISHED)
    assert not StanceShift.objects.public().exists()
    assert not StanceShift.objects.standing().exists()
    assert list(StanceShift.objects.visible_to(editor)) == [hidden]


def test_citations_are_public_with_the_record_they_support():
    shown = PublishedStatementFactory().citations.get()
    hidden = CitationFactory(statement=StatementFactory())
    assert shown in Citation.objects.public()
    assert hidden not in Citation.objects.public()


def test_one_person_is_found_as_public_exactly_when_public_would_list_them(editor):
    """get_visible asks the conditions one at a time; it must agree with public() for every
    kind of naming record, the lower apps' ones (a public source's author) included."""
    speaker = PublishedStatementFactory().speaker
    author = PersonFactory()
    PublishedStatementFactory().citations.get().source.authors.add(author)
    draft_only = StatementFactory().speaker
    nobody = PersonFactory()
    for person in (speaker, author, draft_only, nobody):
        public = Person.objects.public().filter(pk=person.pk).exists()
        try:
            found = Person.objects.get_visible(None, slug=person.slug)
        except Person.DoesNotExist:
            found = None
        assert found == (person if public else None), person
        assert Person.objects.get_visible(editor, slug=person.slug) == person
    assert {speaker, author} == set(
        Person.objects.public().filter(pk__in=[speaker.pk, author.pk, draft_only.pk, nobody.pk])
    )
