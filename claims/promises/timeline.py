"""The geometry of a promise's status timeline, computed in Python and drawn by a template as SVG.

The same visual language as the stance-history chart (claims.timeline): the scale's statuses
are rows, in scale order from the top; time runs left to right; a change is drawn over the
whole span its date stands for, joined to the next by a step line. The deadline, if any, is
a vertical dashed line. Retracted changes stay, hollow, and the step line skips them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from claims.promises.models import Promise, PromiseRating, PromiseStatusChange
from claims.timeline import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    NARROW_TICKS,
    NARROW_WIDTH,
    SPAN_HEIGHT,
    WIDTH,
    Tick,
    time_scale,
    whole_years,
    year_ticks,
)

ROW_HEIGHT = 40
AXIS_HEIGHT = 36
STACK_OFFSET = 8


@dataclass
class StatusRow:
    rating: PromiseRating
    y: float
    label_y: float


@dataclass
class StatusPoint:
    change: PromiseStatusChange
    x: float
    y: float
    span_x: float
    span_y: float
    span_width: float


@dataclass
class Step:
    """The line from one status to the next: along the earlier row, then up or down."""

    path: str


@dataclass
class StatusTimeline:
    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    tick_label_y: float
    rows: list[StatusRow] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    points: list[StatusPoint] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    deadline_x: float | None = None
    promised_x: float | None = None
    variant: str = "wide"

    @property
    def is_empty(self) -> bool:
        return not self.points


def build_status_timeline(
    promise: Promise,
    changes: list[PromiseStatusChange],
    ratings: list[PromiseRating],
    *,
    variant: str = "wide",
) -> StatusTimeline:
    """Lay out the changes (oldest first) on the scale's statuses (in scale order): for a wide
    screen, or (`variant="narrow"`) drawn for a phone, as the stance chart is, so that its
    labels are not shrunk with it."""
    narrow = variant == "narrow"
    width = NARROW_WIDTH if narrow else WIDTH
    plot_left, plot_right = MARGIN_LEFT, width - MARGIN_RIGHT
    axis_y = MARGIN_TOP + ROW_HEIGHT * len(ratings)
    timeline = StatusTimeline(
        variant=variant,
        width=width,
        height=int(axis_y + AXIS_HEIGHT),
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        tick_label_y=axis_y + 22,
    )
    row_y = {}
    for index, rating in enumerate(ratings):
        y = round(MARGIN_TOP + ROW_HEIGHT * index + ROW_HEIGHT * 0.7, 1)
        row_y[rating.pk] = y
        timeline.rows.append(StatusRow(rating=rating, y=y, label_y=round(y - SPAN_HEIGHT, 1)))
    placed = [change for change in changes if change.rating_id in row_y]
    if not placed:
        return timeline

    dates = [promise.promised_on, *(change.changed_on for change in placed)]
    if promise.deadline:
        dates.append(promise.deadline)
    start, end = whole_years(dates)
    unrounded_x = time_scale(start, end, plot_left, plot_right)

    def x_of(day: datetime.date) -> float:
        return round(unrounded_x(day), 1)

    timeline.ticks = year_ticks(start, end, x_of, most=NARROW_TICKS if narrow else 8)
    timeline.promised_x = x_of(promise.promised_on.earliest)
    if promise.deadline:
        timeline.deadline_x = x_of(promise.deadline.latest + datetime.timedelta(days=1))

    drawn_at: dict[tuple, int] = {}
    for change in placed:
        span_start = x_of(change.changed_on.earliest)
        span_end = x_of(change.changed_on.latest + datetime.timedelta(days=1))
        place = (change.rating_id, change.changed_on.isoformat())
        stacked = drawn_at.get(place, 0)
        drawn_at[place] = stacked + 1
        y = round(row_y[change.rating_id] - stacked * STACK_OFFSET, 1)
        timeline.points.append(
            StatusPoint(
                change=change,
                x=round((span_start + span_end) / 2, 1),
                y=y,
                span_x=span_start,
                span_y=round(y - SPAN_HEIGHT / 2, 1),
                span_width=round(max(span_end - span_start, 2.0), 1),
            )
        )
    standing = [point for point in timeline.points if not point.change.is_retracted]
    for earlier, later in zip(standing, standing[1:], strict=False):
        timeline.steps.append(Step(path=f"M{earlier.x},{earlier.y} H{later.x} V{later.y}"))
    return timeline
