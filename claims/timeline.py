"""The geometry of a stance-history chart, computed in Python and drawn by a template as SVG.

Positions of the topic are rows (highest axis value on top); time runs left to
right. A point is drawn over the whole span its date stands for: a year-only
date covers its year, a month its month, a day is a single mark. Nothing here
knows about HTML: the template turns these numbers into SVG elements.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from claims.models import Position, StanceShift, Statement
from claims.stance_history import Mark, Run, StanceHistory
from core.partial_dates import PartialDate

WIDTH = 720
MARGIN_TOP = 16
ROW_HEIGHT = 56
AXIS_HEIGHT = 36
SPAN_HEIGHT = 12
MARKER_SIZE = 6
# How far apart points drawn at the same place are stacked, so each stays clickable.
STACK_OFFSET = 10
# Shift arrows stop this far from the centres of the points they join.
MARKER_CLEARANCE = 11
# Up to this many points the chart draws each; beyond, one per position and period.
MOST_POINTS_DRAWN = 60
# A long history spanning more years than this is grouped by decade, not by year.
MOST_YEARS_BY_YEAR = 40
# The phone chart: drawn for a 360-pixel screen, so its labels keep their size.
NARROW_WIDTH = 360
NARROW_TICKS = 4
# Chart labels are 14 px at most (the phone chart's and the comparison's; the wide stance
# chart's are 12 px); a character averages about half its size in width, a digit a little more.
LABEL_PIXELS = 14
WIDE_LABEL_PIXELS = 12
AVERAGE_CHARACTER_WIDTH = 0.55
DIGIT_WIDTH = 0.64
# Either side of the plot: half a year label ("2020", centred on the first and last ticks)
# and a little air, so the chart's edge cuts off neither.
MARGIN_LEFT = MARGIN_RIGHT = math.ceil(4 * LABEL_PIXELS * DIGIT_WIDTH / 2) + 2

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
    # Set when the label would run past the plot: the width the drawing squeezes it into.
    label_fit: float | None = None


@dataclass
class Tick:
    """A year boundary on the time axis."""

    label: str
    x: float


@dataclass
class Point:
    """A statement (or, in a long history, the statements of one period at one position)
    drawn at its position over the span of time its date stands for."""

    url: str
    kind: str
    said_on: PartialDate
    label: str
    count: int
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
    # The point itself when the chart draws every point (None for a period's group).
    mark: Mark | None = None


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

    # "wide" for screens, "narrow" for phones: the page draws both, CSS shows one.
    variant: str = "wide"
    # None when every point is drawn; "year" or "month" when a long history is grouped.
    grouped_by: str | None = None
    points: list[Point] = field(default_factory=list)
    shift_lines: list[ShiftLine] = field(default_factory=list)
    unplaced: list[Mark] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.points


def _time_range(points: list[Mark]) -> tuple[datetime.date, datetime.date]:
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


def fit_row_labels(chart: ChartFrame, *, label_pixels: float) -> None:
    """Squeeze each row label longer than the plot into its width (`label_pixels`: the size it
    is shown at), rather than let the chart's edge cut it off."""
    room = chart.plot_right - chart.plot_left
    for row in chart.rows:
        # The label is the position's name and its axis value: " (+2)".
        if (len(row.position.name) + 5) * label_pixels * AVERAGE_CHARACTER_WIDTH > room:
            row.label_fit = room


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


@dataclass(frozen=True)
class Decade:
    """Ten years, the period a history spanning more than MOST_YEARS_BY_YEAR is grouped by."""

    first_year: int

    @property
    def earliest(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def latest(self) -> datetime.date:
        return datetime.date(self.first_year + 9, 12, 31)

    def isoformat(self) -> str:
        return f"{self.first_year}s"

    def __str__(self) -> str:
        return f"The {self.first_year}s"


def _groups(marks: list[Mark], period: str | None) -> list[tuple[PartialDate, int, list[Mark]]]:
    """The marks drawn together: each alone, or all of one period at one position."""
    if period is None:
        return [(mark.said_on, mark.position_id, [mark]) for mark in marks]
    groups: dict[tuple[str, int], tuple[PartialDate, int, list[Mark]]] = {}
    for mark in marks:
        said_on = mark.said_on
        if period == "decade":
            when = Decade(said_on.year - said_on.year % 10)
        elif period == "year" or said_on.month is None:
            when = PartialDate(said_on.year)
        else:
            when = PartialDate(said_on.year, said_on.month)
        key = (when.isoformat(), mark.position_id)
        groups.setdefault(key, (when, mark.position_id, []))[2].append(mark)
    return list(groups.values())


def _describe(
    history: StanceHistory, said_on: PartialDate, marks: list[Mark], position: Position
) -> tuple[str, str]:
    """The link and the accessible name of a drawn point (one statement, or a group)."""
    if len(marks) == 1:
        (mark,) = marks
        about = "" if mark.by_subject else f" about {history.person.name}"
        label = (
            f"{mark.said_on}, {mark.kind_display.lower()}: {mark.speaker}{about}. "
            f"Position: {position.name}."
        )
        return mark.get_absolute_url(), label
    first = marks[0]
    page = history.page_of(first)
    kinds = ", ".join(str(kind) for kind in Run(position=position, marks=marks).kinds)
    label = (
        f"{said_on}: {len(marks)} statements at {position.name} ({kinds}); listed from page {page}."
    )
    return f"?page={page}#statement-{first.pk}", label


def build_timeline(history: StanceHistory, *, variant: str = "wide") -> Timeline:
    """Lay out the history's points and shifts on the topic's axis: every point when there are
    at most MOST_POINTS_DRAWN, else one per position and year (or month, for a short span)."""
    narrow = variant == "narrow"
    frame = frame_of(history.axis, width=NARROW_WIDTH if narrow else WIDTH)
    timeline = Timeline(**frame, rows=axis_rows(history.axis), variant=variant)
    fit_row_labels(timeline, label_pixels=LABEL_PIXELS if narrow else WIDE_LABEL_PIXELS)
    plot_left, plot_right = timeline.plot_left, timeline.plot_right
    row_y = {row.position.pk: row.y for row in timeline.rows}
    positions = {row.position.pk: row.position for row in timeline.rows}

    placed = [mark for mark in history.marks if mark.position_id in row_y]
    timeline.unplaced = [mark for mark in history.marks if mark.position_id not in row_y]
    if not placed:
        return timeline

    start, end = _time_range(placed)
    x_of = time_scale(start, end, plot_left, plot_right)
    timeline.ticks = year_ticks(start, end, x_of, most=NARROW_TICKS if narrow else 8)

    if len(placed) > MOST_POINTS_DRAWN:
        first_year = min(mark.said_on.year for mark in placed)
        last_year = max(mark.said_on.year for mark in placed)
        span = last_year - first_year
        timeline.grouped_by = (
            "decade" if span >= MOST_YEARS_BY_YEAR else "year" if span >= 2 else "month"
        )

    drawn_at: dict[tuple, int] = {}
    point_of_mark: dict[int, Point] = {}
    for said_on, position_id, marks in _groups(placed, timeline.grouped_by):
        # A decade may start before the plotted range or end after it: kept inside.
        span_start = max(x_of(said_on.earliest), plot_left)
        span_end = min(x_of(said_on.latest + datetime.timedelta(days=1)), plot_right)
        place = (position_id, said_on.isoformat())
        stacked = drawn_at.get(place, 0)
        drawn_at[place] = stacked + 1
        x = (span_start + span_end) / 2
        y = row_y[position_id] - stacked * STACK_OFFSET
        kind = Counter(mark.kind for mark in marks).most_common(1)[0][0]
        marker = MARKER_BY_KIND.get(kind, "circle")
        url, label = _describe(history, said_on, marks, positions[position_id])
        point = Point(
            url=url,
            kind=kind,
            said_on=said_on,
            label=label,
            count=len(marks),
            x=round(x, 1),
            y=round(y, 1),
            span_x=round(span_start, 1),
            span_y=round(y - SPAN_HEIGHT / 2, 1),
            span_width=round(max(span_end - span_start, 2.0), 1),
            marker=marker,
            square_x=round(x - MARKER_SIZE, 1),
            square_y=round(y - MARKER_SIZE, 1),
            polygon=marker_polygon(marker, x, y),
            mark=marks[0] if timeline.grouped_by is None else None,
        )
        timeline.points.append(point)
        for mark in marks:
            point_of_mark[mark.pk] = point

    joined = set()
    for step in history.steps:
        earlier = point_of_mark.get(step.earlier.pk)
        later = point_of_mark.get(step.later.pk)
        if earlier is None or later is None or earlier is later:
            continue
        if (id(earlier), id(later)) in joined:
            continue
        joined.add((id(earlier), id(later)))
        x1, y1, x2, y2 = _trimmed(earlier.x, earlier.y, later.x, later.y, MARKER_CLEARANCE)
        # Centred between the points, but never so near an edge that the edge cuts it off
        # (the label is bold: a character about as wide as a digit).
        half_label = len(step.shift.get_rating_display()) * LABEL_PIXELS * DIGIT_WIDTH / 2
        label_x = min(max((earlier.x + later.x) / 2, half_label), timeline.width - half_label)
        timeline.shift_lines.append(
            ShiftLine(
                shift=step.shift,
                x1=x1,
                y1=y1,
                x2=x2,
                y2=y2,
                label_x=round(label_x, 1),
                label_y=round(min(earlier.y, later.y) + abs(earlier.y - later.y) / 2 - 8, 1),
            )
        )
    return timeline
