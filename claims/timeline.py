"""The geometry of a stance-history chart, computed in Python and drawn by a template as SVG.

Positions of the topic are rows (highest axis value on top); time runs left to
right. A point is drawn over the whole span its date stands for: a year-only
date covers its year, a month its month, a day is a single mark. Nothing here
knows about HTML: the template turns these numbers into SVG elements.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from claims.models import Position, StanceShift, Statement
from claims.selectors import StanceHistory
from people.partial_dates import PartialDate

WIDTH = 720
MARGIN_LEFT = 16
MARGIN_RIGHT = 16
MARGIN_TOP = 16
ROW_HEIGHT = 56
AXIS_HEIGHT = 36
SPAN_HEIGHT = 12
MARKER_SIZE = 6
# How far apart points drawn at the same place are stacked, so each stays clickable.
STACK_OFFSET = 10
# Shift arrows stop this far from the centres of the points they join.
MARKER_CLEARANCE = 11

# A marker shape per kind of statement; the legend and the stylesheet use the same names.
MARKER_BY_KIND = {
    Statement.Kind.QUOTE: "circle",
    Statement.Kind.PARAPHRASE: "ring",
    Statement.Kind.CHARACTERIZATION: "diamond",
    Statement.Kind.ACTION: "square",
    Statement.Kind.ENDORSEMENT: "triangle",
}


@dataclass
class Row:
    """One position of the topic: a horizontal line with its label."""

    position: Position
    y: float
    label_y: float


@dataclass
class Tick:
    """A year boundary on the time axis."""

    label: str
    x: float


@dataclass
class Point:
    """A statement drawn at its position, over the span of time its date stands for."""

    statement: Statement
    x: float
    y: float
    span_x: float
    span_y: float
    span_width: float
    marker: str
    # The top-left corner of the square marker.
    square_x: float
    square_y: float
    # The four corners of the diamond and triangle markers, precomputed for `points=""`.
    polygon: str


@dataclass
class ShiftLine:
    """A rated change of position drawn from one point to another."""

    shift: StanceShift
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass
class ChartFrame:
    """What every chart of positions over time has (claims/partials/chart_frame.html draws
    it): its size, the plot's edges, the rows of positions and the time axis with its ticks."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    tick_label_y: float
    rows: list[Row] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)


@dataclass
class Timeline(ChartFrame):
    """Everything the template needs to draw the chart."""

    points: list[Point] = field(default_factory=list)
    shift_lines: list[ShiftLine] = field(default_factory=list)
    unplaced: list[Statement] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.points


def _time_range(points: list[Statement]) -> tuple[datetime.date, datetime.date]:
    return whole_years([point.said_on for point in points])


def whole_years(dates: list[PartialDate]) -> tuple[datetime.date, datetime.date]:
    """From the first of January of the first year to the end of the last, at least a year."""
    first = min(date.earliest for date in dates)
    last = max(date.latest for date in dates)
    return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)


def frame_of(axis: list[Position], *, width: int) -> dict:
    """A ChartFrame's size and edges for the topic's positions, `width` units wide."""
    axis_y = MARGIN_TOP + ROW_HEIGHT * len(axis)
    return {
        "width": width,
        "height": int(axis_y + AXIS_HEIGHT),
        "plot_left": MARGIN_LEFT,
        "plot_right": width - MARGIN_RIGHT,
        "axis_y": axis_y,
        "tick_label_y": axis_y + 22,
    }


def axis_rows(axis: list[Position]) -> list[Row]:
    """The topic's positions as rows, highest axis value on top (`axis`: lowest first)."""
    rows = []
    for index, position in enumerate(reversed(axis)):
        y = round(MARGIN_TOP + ROW_HEIGHT * index + ROW_HEIGHT * 0.62, 1)
        rows.append(Row(position=position, y=y, label_y=round(y - SPAN_HEIGHT - 8, 1)))
    return rows


def time_scale(
    start: datetime.date, end: datetime.date, left: float, right: float
) -> Callable[[datetime.date], float]:
    """The x of a day, from `start` at `left` to `end` at `right` (unrounded)."""
    scale = (right - left) / (end - start).days

    def x_of(day: datetime.date) -> float:
        return left + (day - start).days * scale

    return x_of


def year_ticks(
    start: datetime.date, end: datetime.date, x_of: Callable, most: int = 8
) -> list[Tick]:
    """A tick at each first of January from `start` to `end`: every year when there are few,
    else every few years, so that at most about `most` labels show and never collide."""
    years = range(start.year, end.year + 1)
    step = max(1, len(years) // most)
    return [
        Tick(label=str(year), x=round(x_of(datetime.date(year, 1, 1)), 1))
        for year in years
        if (year - start.year) % step == 0
    ]


def marker_polygon(marker: str, x: float, y: float, size: float = 7.0) -> str:
    """The corners of a diamond or triangle marker centred on (x, y), for SVG's `points`."""
    if marker == "diamond":
        corners = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    elif marker == "triangle":
        corners = [(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)]
    elif marker == "triangle-down":
        corners = [(x, y + size), (x + size, y - size * 0.8), (x - size, y - size * 0.8)]
    else:
        return ""
    return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)


def _trimmed(x1: float, y1: float, x2: float, y2: float, by: float) -> tuple[float, ...]:
    """The segment shortened by `by` at both ends, so arrowheads stay clear of the markers."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= 2 * by:
        return x1, y1, x2, y2
    dx, dy = (x2 - x1) / length * by, (y2 - y1) / length * by
    return round(x1 + dx, 1), round(y1 + dy, 1), round(x2 - dx, 1), round(y2 - dy, 1)


def build_timeline(history: StanceHistory, axis: list[Position]) -> Timeline:
    """Lay out the history's points and shifts on the topic's axis (positions lowest first)."""
    timeline = Timeline(**frame_of(axis, width=WIDTH), rows=axis_rows(axis))
    plot_left, plot_right = timeline.plot_left, timeline.plot_right
    row_y = {row.position.pk: row.y for row in timeline.rows}

    placed = [point for point in history.points if point.position_id in row_y]
    timeline.unplaced = [point for point in history.points if point.position_id not in row_y]
    if not placed:
        return timeline

    start, end = _time_range(placed)
    x_of = time_scale(start, end, plot_left, plot_right)
    timeline.ticks = year_ticks(start, end, x_of)

    drawn_at: dict[tuple, int] = {}
    point_by_statement = {}
    for statement in placed:
        said_on = statement.said_on
        span_start = x_of(said_on.earliest)
        span_end = x_of(said_on.latest + datetime.timedelta(days=1))
        place = (statement.position_id, said_on.isoformat())
        stacked = drawn_at.get(place, 0)
        drawn_at[place] = stacked + 1
        x = (span_start + span_end) / 2
        y = row_y[statement.position_id] - stacked * STACK_OFFSET
        marker = MARKER_BY_KIND.get(statement.kind, "circle")
        point = Point(
            statement=statement,
            x=round(x, 1),
            y=round(y, 1),
            span_x=round(span_start, 1),
            span_y=round(y - SPAN_HEIGHT / 2, 1),
            span_width=round(max(span_end - span_start, 2.0), 1),
            marker=marker,
            square_x=round(x - MARKER_SIZE, 1),
            square_y=round(y - MARKER_SIZE, 1),
            polygon=marker_polygon(marker, x, y),
        )
        timeline.points.append(point)
        point_by_statement[statement.pk] = point

    for shift in history.shifts:
        earlier = point_by_statement.get(shift.earlier_id)
        later = point_by_statement.get(shift.later_id)
        if earlier is None or later is None:
            continue
        x1, y1, x2, y2 = _trimmed(earlier.x, earlier.y, later.x, later.y, MARKER_CLEARANCE)
        timeline.shift_lines.append(
            ShiftLine(
                shift=shift,
                x1=x1,
                y1=y1,
                x2=x2,
                y2=y2,
                label_x=round((earlier.x + later.x) / 2, 1),
                label_y=round(min(earlier.y, later.y) + abs(earlier.y - later.y) / 2 - 8, 1),
            )
        )
    return timeline
