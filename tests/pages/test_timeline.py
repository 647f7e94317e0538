"""The geometry of the stance-history chart."""

import pytest

from claims.models import StanceShift, Statement, Status
from claims.stance_history import stance_history
from claims.timeline import MARKER_BY_KIND, MOST_POINTS_DRAWN, build_timeline
from core.partial_dates import PartialDate
from tests.factories import (
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def axis():
    topic = TopicFactory()
    return [PositionFactory(topic=topic, axis_value=value) for value in (-2, 0, 2)]


def timeline_for(person, axis, variant="wide"):
    history = stance_history(person=person, topic=axis[0].topic)
    return build_timeline(history, variant=variant)


def test_higher_positions_are_drawn_higher(axis):
    person = PersonFactory()
    low = PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(2020))
    high = PublishedStatementFactory(speaker=person, position=axis[2], said_on=PartialDate(2021))
    points = {point.mark.pk: point for point in timeline_for(person, axis).points}
    assert points[high.pk].y < points[low.pk].y  # SVG's y grows downwards


def test_a_year_spans_twelve_months_and_a_month_one(axis):
    person = PersonFactory()
    PublishedStatementFactory(speaker=person, position=axis[1], said_on=PartialDate(2021))
    PublishedStatementFactory(speaker=person, position=axis[1], said_on=PartialDate(2022, 3))
    year, month = timeline_for(person, axis).points
    assert year.span_width == pytest.approx(month.span_width * 365 / 31, rel=0.02)
    assert year.span_x + year.span_width <= month.span_x


def test_each_kind_has_its_marker(axis):
    person = PersonFactory()
    for year, kind in enumerate(MARKER_BY_KIND, start=2000):
        PublishedStatementFactory(
            speaker=person, kind=kind, position=axis[1], said_on=PartialDate(year)
        )
    markers = {point.kind: point.marker for point in timeline_for(person, axis).points}
    assert markers == {
        Statement.Kind.QUOTE: "circle",
        Statement.Kind.PARAPHRASE: "ring",
        Statement.Kind.CHARACTERIZATION: "diamond",
        Statement.Kind.ACTION: "square",
        Statement.Kind.ENDORSEMENT: "triangle",
    }


def test_points_at_the_same_place_are_stacked_so_each_stays_clickable(axis):
    person = PersonFactory()
    for _ in range(2):
        PublishedStatementFactory(speaker=person, position=axis[1], said_on=PartialDate(2020))
    first, second = timeline_for(person, axis).points
    assert first.x == second.x
    assert first.y != second.y


def test_a_shift_joins_its_two_points_left_to_right(axis):
    person = PersonFactory()
    earlier = PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(2020))
    later = PublishedStatementFactory(speaker=person, position=axis[2], said_on=PartialDate(2025))
    StanceShiftFactory(
        earlier=earlier, later=later, rating=StanceShift.Rating.FULL_FLOP, status=Status.PUBLISHED
    )
    timeline = timeline_for(person, axis)
    (line,) = timeline.shift_lines
    first, last = timeline.points
    assert first.x < line.x1 < line.x2 < last.x
    assert line.y2 < line.y1


def test_a_shift_to_a_point_not_drawn_is_not_drawn(axis):
    person = PersonFactory()
    earlier = PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(2020))
    no_position = PublishedStatementFactory(
        speaker=person, topic=axis[0].topic, position=None, said_on=PartialDate(2021)
    )
    StanceShiftFactory(earlier=earlier, later=no_position, status=Status.PUBLISHED)
    timeline = timeline_for(person, axis)
    assert timeline.shift_lines == []
    assert [mark.pk for mark in timeline.unplaced] == [no_position.pk]


def test_many_years_get_at_most_a_dozen_labels(axis):
    person = PersonFactory()
    PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(1950))
    PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(2025))
    assert len(timeline_for(person, axis).ticks) <= 12


def test_an_empty_history_draws_nothing(axis):
    timeline = timeline_for(PersonFactory(), axis)
    assert timeline.is_empty
    assert len(timeline.rows) == 3


def test_a_long_history_is_drawn_one_mark_per_position_and_year_linking_to_its_page(axis):
    person = PersonFactory()
    for index in range(MOST_POINTS_DRAWN + 1):
        PublishedStatementFactory(
            speaker=person, position=axis[index % 2], said_on=PartialDate(2010 + index % 5)
        )
    timeline = timeline_for(person, axis)
    assert timeline.grouped_by == "year"
    assert len(timeline.points) == 10  # five years, two positions
    assert sum(point.count for point in timeline.points) == MOST_POINTS_DRAWN + 1
    assert all(point.url.startswith("?page=") for point in timeline.points)


def test_a_long_history_within_two_years_is_grouped_by_month(axis):
    person = PersonFactory()
    for index in range(MOST_POINTS_DRAWN + 1):
        PublishedStatementFactory(
            speaker=person, position=axis[1], said_on=PartialDate(2024, 1 + index % 12)
        )
    timeline = timeline_for(person, axis)
    assert timeline.grouped_by == "month"
    assert len(timeline.points) == 12


def test_the_phone_chart_is_narrow_and_keeps_every_point_inside(axis):
    person = PersonFactory()
    PublishedStatementFactory(speaker=person, position=axis[0], said_on=PartialDate(2020))
    PublishedStatementFactory(speaker=person, position=axis[2], said_on=PartialDate(2025))
    timeline = timeline_for(person, axis, variant="narrow")
    assert timeline.width <= 360
    assert all(0 < point.x < timeline.width for point in timeline.points)


def test_a_long_history_over_many_decades_is_grouped_by_decade_inside_the_plot(axis):
    person = PersonFactory()
    for index in range(MOST_POINTS_DRAWN + 1):
        PublishedStatementFactory(
            speaker=person, position=axis[0], said_on=PartialDate(1903 + index * 2)
        )
    timeline = timeline_for(person, axis)
    assert timeline.grouped_by == "decade"
    assert [point.said_on.isoformat() for point in timeline.points][:2] == ["1900s", "1910s"]
    assert len(timeline.points) == 13
    assert all(
        timeline.plot_left <= point.span_x
        and point.span_x + point.span_width <= timeline.plot_right + 0.1
        for point in timeline.points
    )
