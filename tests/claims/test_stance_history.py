"""A person's stance history: date order, shifts, public-only, constant queries."""

import pytest

from claims.models import Status
from claims.selectors import stance_history, stance_summary
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def build_history(count: int):
    topic = TopicFactory()
    positions = [PositionFactory(topic=topic, axis_value=value) for value in (-2, 0, 2)]
    person = PersonFactory()
    statements = []
    for index in range(count):
        year = 2000 + index % 25
        statement = PublishedStatementFactory(
            speaker=person, position=positions[index % 3], said_on=PartialDate(year, 1 + index % 12)
        )
        CitationFactory(statement=statement)
        statements.append(statement)
    return person, topic, statements


def test_points_come_in_partial_date_order():
    topic = TopicFactory()
    position = PositionFactory(topic=topic)
    person = PersonFactory()
    for text in ["2025-06-24", "2020", "2025"]:
        PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate.parse(text)
        )
    history = stance_history(person=person, topic=topic)
    assert [p.said_on.isoformat() for p in history.points] == ["2020", "2025", "2025-06-24"]


def test_it_follows_the_subject_not_the_speaker():
    """A characterization by someone else belongs to the subject's history."""
    topic = TopicFactory()
    position = PositionFactory(topic=topic)
    mamdani, chowdhury = PersonFactory(), PersonFactory()
    PublishedStatementFactory(speaker=chowdhury, subject=mamdani, position=position)
    assert len(stance_history(person=mamdani, topic=topic).points) == 1
    assert stance_history(person=chowdhury, topic=topic).points == []


def test_anonymous_readers_see_no_drafts():
    topic = TopicFactory()
    position = PositionFactory(topic=topic)
    person = PersonFactory()
    StatementFactory(speaker=person, position=position, status=Status.DRAFT)
    StatementFactory(speaker=person, position=position, status=Status.IN_REVIEW)
    assert stance_history(person=person, topic=topic).points == []
    assert stance_summary(person=person) == []


def test_shifts_come_with_the_points():
    person, topic, statements = build_history(2)
    shift = StanceShiftFactory(earlier=statements[0], later=statements[1], status=Status.PUBLISHED)
    assert stance_history(person=person, topic=topic).shifts == [shift]


@pytest.mark.parametrize("count", [10, 1000])
def test_it_runs_in_a_constant_number_of_queries(count, django_assert_max_num_queries):
    person, topic, _ = build_history(count)
    # statements with their speakers; organizations; positions; citations with sources; shifts
    with django_assert_max_num_queries(5):
        history = stance_history(person=person, topic=topic)
        for point in history.points:
            assert point.citations.all()[0].source.publisher.name
            assert point.position.name
    assert len(history.points) == count


def test_the_summary_gives_latest_position_count_and_range(django_assert_max_num_queries):
    person, topic, statements = build_history(5)
    # topics with aggregates; their latest positions
    with django_assert_max_num_queries(2):
        (line,) = stance_summary(person=person)
    latest = max(statements, key=lambda s: (s.said_on, s.pk))
    assert line.topic == topic
    assert line.statement_count == 5
    assert line.latest_position == latest.position
    assert line.first_said == min(s.said_on for s in statements)
    assert line.last_said == latest.said_on
