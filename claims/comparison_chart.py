"""The geometry of the comparison chart: several people's periods on a topic's axis over time,
computed in Python and drawn by a template as SVG.

The stance timeline's layout (claims.timeline): positions are rows (highest axis value on
top), time runs left to right and a period is drawn at the middle of the span it stands
for. Each person has a lane inside every row, a marker shape and a colour, and a line joining
their periods in date order. The chart is laid out for a given width: the page draws one
wide and one narrow, and the stylesheet shows the one that fits the screen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from claims.comparison import ComparedPerson, Period, TopicComparison
from claims.timeline import (
    LABEL_PIXELS,
    ChartFrame,
    axis_rows,
    fit_row_labels,
    frame_of,
    marker_polygon,
    time_scale,
    whole_years,
    year_ticks,
)

WIDE, NARROW = 720, 360
MARKER_SIZE = 5
# How far apart the lanes of the people are within a row, and how far below the row's line
# their middle is, so the top lane stays clear of the row's label above the line.
LANE_OFFSET = 5
LANES_BELOW = 4
# One shape per person, in the order named; each person's colour is its own class (the
# stylesheet's .person-1 ... .person-6), so shape and colour both tell people apart.
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "ring")


@dataclass
class Marker:
    """One period of one person, drawn at its position and the middle of its span."""

    period: Period
    x: float
    y: float
    href: str
    # Square: the top-left corner; diamond and triangles: the corners for `points=""`.
    square_x: float
    square_y: float
    polygon: str


@dataclass
class Track:
    """One person's markers and the line joining them in date order."""

    compared: ComparedPerson
    number: int  # 1 to 6: the colour class and the legend's order
    shape: str
    markers: list[Marker] = field(default_factory=list)
    path: str = ""

    @property
    def legend_polygon(self) -> str:
        """The corners of this person's marker in the legend's 14-unit box."""
        return marker_polygon(self.shape, 7, 7, size=MARKER_SIZE + 1)


@dataclass
class ComparisonChart(ChartFrame):
    """Everything the template needs to draw one layout of the chart."""

    # "wide" or "narrow": the element ids' suffix and the stylesheet's class.
    layout: str = "wide"
    tracks: list[Track] = field(default_factory=list)

    @property
    def marker_count(self) -> int:
        return sum(len(track.markers) for track in self.tracks)


def tracks_of(comparison: TopicComparison) -> list[Track]:
    """A track (number, shape) per person compared, in the order named, without geometry:
    what the legend and the tables show."""
    return [
        Track(compared=compared, number=index + 1, shape=SHAPES[index % len(SHAPES)])
        for index, compared in enumerate(comparison.people)
    ]


def build_comparison_chart(comparison: TopicComparison, *, width: int = WIDE) -> ComparisonChart:
    """Lay out every person's periods on the topic's axis, for a chart `width` units wide."""
    chart = ComparisonChart(
        **frame_of(comparison.axis, width=width),
        layout="wide" if width >= WIDE else "narrow",
        rows=axis_rows(comparison.axis),
        tracks=tracks_of(comparison),
    )
    fit_row_labels(chart, label_pixels=LABEL_PIXELS)
    periods = [period for compared in comparison.people for period in compared.periods]
    if not periods:
        return chart
    start, end = whole_years([period.said_on for period in periods])
    x_of = time_scale(start, end, chart.plot_left, chart.plot_right)
    chart.ticks = year_ticks(start, end, x_of, most=8 if width >= WIDE else 4)
    row_y = {row.position.pk: row.y for row in chart.rows}
    lanes = len(chart.tracks)
    topic_slug = comparison.topic.slug
    for track in chart.tracks:
        lane = LANES_BELOW + (track.number - 1 - (lanes - 1) / 2) * LANE_OFFSET
        person_slug = track.compared.person.slug
        for period in track.compared.periods:
            said_on = period.said_on
            x = (x_of(said_on.earliest) + x_of(said_on.latest + datetime.timedelta(days=1))) / 2
            y = row_y[period.position.pk] + lane
            track.markers.append(
                Marker(
                    period=period,
                    x=round(x, 1),
                    y=round(y, 1),
                    href=_href(period, person_slug, topic_slug),
                    square_x=round(x - MARKER_SIZE, 1),
                    square_y=round(y - MARKER_SIZE, 1),
                    polygon=marker_polygon(track.shape, x, y, size=MARKER_SIZE + 1),
                )
            )
        track.path = " ".join(
            f"{'M' if index == 0 else 'L'}{marker.x},{marker.y}"
            for index, marker in enumerate(track.markers)
        )
    return chart


def _href(period: Period, person_slug: str, topic_slug: str) -> str:
    """The statement of a one-statement period; else the person's stance history."""
    if period.statement_id is not None:
        return reverse("statement-detail", kwargs={"pk": period.statement_id})
    return reverse("stance-history", kwargs={"slug": person_slug, "topic_slug": topic_slug})
