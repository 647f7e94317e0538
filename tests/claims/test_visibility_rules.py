"""Each "a public record must not reveal a non-public one" rule, written once on its model
(EditorialRecord.reveals) and used by every page, API view, feed and sitemap."""

import datetime

import pytest

from claims.models import Citation, FactCheck, StanceShift, Status
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    FactCheckFactory,
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
