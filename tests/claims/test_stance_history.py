"""A person's stance history: date order, runs, shifts, public-only, pages, constant queries."""

import pytest

from claims.models import Statement, Status
from claims.selectors import stance_summary
from claims.stance_history import POINTS_PER_PAGE, BadPage, cursor_of, stance_history
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


@pytest.mark.parametrize("count", [9, 200])
def test_it_runs_in_a_constant_number_of_queries(count, django_assert_max_num_queries):
    person, topic, _ = build_history(count)
    # the topic's positions; every point's mark; the page's statements with speakers and
    # organizations; their citations with sources, publishers and copies' hashes; shifts
    with django_assert_max_num_queries(5):
        history = stance_history(person=person, topic=topic)
        for point in history.points:
            assert point.citations.all()[0].source.publisher.name
            assert point.position.name
        assert history.runs[0].summary
    assert history.point_count == count
    assert len(history.points) == min(count, POINTS_PER_PAGE)


def test_consecutive_points_at_one_position_make_one_run_saying_who_said_what():
    topic = TopicFactory()
    defund, reform = (PositionFactory(topic=topic, axis_value=value) for value in (-2, 0))
    mamdani = PersonFactory(name="Zohran Mamdani")
    chowdhury, harrison = PersonFactory(name="Karam Chowdhury"), PersonFactory(name="R. Harrison")

    def said(year, position, kind, speaker=mamdani):
        return PublishedStatementFactory(
            speaker=speaker,
            subject=mamdani,
            position=position,
            kind=kind,
            said_on=PartialDate(year),
        )

    said(2020, defund, Statement.Kind.PARAPHRASE)
    said(2021, defund, Statement.Kind.QUOTE)
    said(2021, defund, Statement.Kind.QUOTE)
    earlier = said(2022, defund, Statement.Kind.CHARACTERIZATION, speaker=harrison)
    later = said(2025, reform, Statement.Kind.CHARACTERIZATION, speaker=chowdhury)
    shift = StanceShiftFactory(earlier=earlier, later=later, status=Status.PUBLISHED)

    history = stance_history(person=mamdani, topic=topic)

    assert [run.summary for run in history.runs] == [
        "2020 to 2022: " + defund.name + ", 2 quotes, 1 paraphrase, "
        "1 characterization by R. Harrison",
        "2025: " + reform.name + ", 1 characterization by Karam Chowdhury",
    ]
    assert [step.shift for step in history.runs[1].shifts] == [shift]
    assert history.runs[0].shifts == []


def test_a_run_names_a_few_speakers_then_counts_the_others():
    topic = TopicFactory()
    position = PositionFactory(topic=topic)
    subject = PersonFactory()
    for name in ["A", "B", "C", "D", "E"]:
        PublishedStatementFactory(
            speaker=PersonFactory(name=name),
            subject=subject,
            position=position,
            kind=Statement.Kind.CHARACTERIZATION,
            said_on=PartialDate(2024),
        )
    (run,) = stance_history(person=subject, topic=topic).runs
    assert run.kinds_text == "5 characterizations by A, B, C and 2 others"


def test_points_come_a_page_at_a_time_by_number_or_cursor():
    person, topic, _ = build_history(7)
    first = stance_history(person=person, topic=topic, per_page=3)
    second = stance_history(person=person, topic=topic, per_page=3, page=2)
    by_cursor = stance_history(person=person, topic=topic, per_page=3, cursor=first.next_cursor)
    last = stance_history(person=person, topic=topic, per_page=3, page=3)

    order = [mark.pk for mark in first.marks]
    assert [p.pk for p in first.points] == order[:3]
    assert [p.pk for p in second.points] == [p.pk for p in by_cursor.points] == order[3:6]
    assert [p.pk for p in last.points] == order[6:]
    assert (first.previous_page, first.next_page, last.next_page) == (None, 2, None)
    assert last.next_cursor is None
    assert by_cursor.previous_cursor == cursor_of(first.marks[0])
    assert len(first.runs) == len(last.runs) and first.shifts == last.shifts


@pytest.mark.parametrize("where", [{"page": 4}, {"page": 0}, {"cursor": "not-a-cursor!"}])
def test_a_page_or_cursor_outside_the_history_is_refused(where):
    person, topic, _ = build_history(7)
    with pytest.raises(BadPage):
        stance_history(person=person, topic=topic, per_page=3, **where)


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
