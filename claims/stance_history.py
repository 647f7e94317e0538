"""A person's stance history on one topic: the one read path of the reader page and the API.

A history opens with its runs (consecutive points at the same position, each one line) and
the rated shifts between them, then lists its points a page at a time. It costs the same
whatever its length: one lean read of every point's mark (date, position, kind, who said
it; no text, no citations), from which the runs, the chart and the pager are made; the
statements of one page with their citations; the shifts. Anonymous readers see only what
is public.
"""

from __future__ import annotations

import base64
import binascii
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Prefetch
from django.urls import reverse

from claims.models import Citation, Position, StanceShift, Statement, Topic
from core.partial_dates import PartialDate
from people.models import Person

POINTS_PER_PAGE = 50
# A run names at most this many people who characterized the subject, then "and N others".
SPEAKERS_NAMED = 3

# How the summary counts each kind of statement: singular, plural.
KIND_NOUNS = {
    Statement.Kind.QUOTE: ("quote", "quotes"),
    Statement.Kind.PARAPHRASE: ("paraphrase", "paraphrases"),
    Statement.Kind.CHARACTERIZATION: ("characterization", "characterizations"),
    Statement.Kind.ACTION: ("action or proposal", "actions or proposals"),
    Statement.Kind.ENDORSEMENT: ("endorsement", "endorsements"),
}


class BadPage(ValueError):
    """A page number or cursor that names no page of this history."""


@dataclass(frozen=True)
class Mark:
    """One point as the summary, the chart and the pager read it: no text, no citations."""

    index: int
    pk: int
    said_on: PartialDate
    position_id: int | None
    kind: str
    speaker: str
    by_subject: bool

    @property
    def order(self) -> tuple[str, int]:
        """The history's order (partial date, then id), as the database sorts it."""
        return (self.said_on.isoformat(), self.pk)

    @property
    def kind_display(self) -> str:
        return Statement.Kind(self.kind).label

    def get_absolute_url(self) -> str:
        return reverse("statement-detail", kwargs={"pk": self.pk})


@dataclass(frozen=True)
class KindCount:
    """How many statements of one kind a run holds, and who said them when not the subject."""

    kind: str
    count: int
    speakers: tuple[str, ...] = ()

    def __str__(self) -> str:
        singular, plural = KIND_NOUNS.get(self.kind, (self.kind, f"{self.kind}s"))
        text = f"{self.count} {singular if self.count == 1 else plural}"
        if self.speakers:
            named = list(self.speakers[:SPEAKERS_NAMED])
            others = len(self.speakers) - len(named)
            if others:
                named.append(f"{others} other{'s' if others > 1 else ''}")
            text += " by " + (
                named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
            )
        return text


@dataclass
class ShiftStep:
    """A rated shift with the two points it joins."""

    shift: StanceShift
    earlier: Mark
    later: Mark
    # The pages of the point-by-point list that show each end.
    earlier_page: int = 1
    page: int = 1


@dataclass
class Run:
    """Consecutive points at the same position, and the rated shifts that end in it."""

    position: Position | None
    marks: list[Mark]
    shifts: list[ShiftStep] = field(default_factory=list)
    # The page of the point-by-point list that shows its first point.
    page: int = 1

    @property
    def first_said(self) -> PartialDate:
        return self.marks[0].said_on

    @property
    def last_said(self) -> PartialDate:
        return self.marks[-1].said_on

    @property
    def when(self) -> str:
        first, last = str(self.first_said), str(self.last_said)
        return first if first == last else f"{first} to {last}"

    @cached_property
    def kinds(self) -> list[KindCount]:
        """Own words first, then what others said of the subject, each kind in order."""
        own = Counter(mark.kind for mark in self.marks if mark.by_subject)
        others: dict[str, list[str]] = {}
        for mark in self.marks:
            if not mark.by_subject:
                others.setdefault(mark.kind, []).append(mark.speaker)
        counts = [KindCount(kind, own[kind]) for kind in KIND_NOUNS if own[kind]]
        for kind in KIND_NOUNS:
            if kind in others:
                speakers = tuple(dict.fromkeys(others[kind]))
                counts.append(KindCount(kind, len(others[kind]), speakers))
        return counts

    @property
    def kinds_text(self) -> str:
        """ "1 paraphrase", "2 quotes, 1 characterization by Karam Chowdhury"."""
        return ", ".join(str(kind) for kind in self.kinds)

    @property
    def summary(self) -> str:
        """One line: "2020: Defund the police, 1 paraphrase"."""
        position = self.position.name if self.position else "No position stated"
        return f"{self.when}: {position}, {self.kinds_text}"


@dataclass
class StanceHistory:
    """A subject's statements on one topic: the whole summary, and one page of points."""

    person: Person
    topic: Topic
    axis: list[Position]
    marks: list[Mark]
    runs: list[Run]
    steps: list[ShiftStep]
    shifts: list[StanceShift]
    points: list[Statement]
    start: int
    per_page: int

    @property
    def point_count(self) -> int:
        return len(self.marks)

    @property
    def page_number(self) -> int:
        return self.start // self.per_page + 1

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.marks) // self.per_page))

    @property
    def previous_page(self) -> int | None:
        return self.page_number - 1 if self.start > 0 else None

    @property
    def next_page(self) -> int | None:
        return self.page_number + 1 if self.start + self.per_page < len(self.marks) else None

    @property
    def next_cursor(self) -> str | None:
        after = self.start + self.per_page
        return cursor_of(self.marks[after]) if after < len(self.marks) else None

    @property
    def previous_cursor(self) -> str | None:
        if self.start <= 0:
            return None
        return cursor_of(self.marks[max(0, self.start - self.per_page)])

    @property
    def page_steps(self) -> list[ShiftStep]:
        """The shifts that end on a point of this page."""
        on_page = {point.pk for point in self.points}
        return [step for step in self.steps if step.later.pk in on_page]

    def page_of(self, mark: Mark) -> int:
        """The page listing this point."""
        return mark.index // self.per_page + 1


def cursor_of(mark: Mark) -> str:
    """An opaque cursor naming the page that starts at this point."""
    said_on, pk = mark.order
    return base64.urlsafe_b64encode(f"{said_on}|{pk}".encode()).decode().rstrip("=")


def _start_of(marks: list[Mark], cursor: str) -> int:
    """The index of the first point at or after the cursor's place in the history's order;
    past the last point when none is (the points from there on left the history since the
    cursor was made: an empty page, whose previous link leads back)."""
    try:
        said_on, pk = (
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("|")
        )
        place = (PartialDate.parse(said_on).isoformat(), int(pk))
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise BadPage("Invalid cursor.") from error
    for mark in marks:
        if mark.order >= place:
            return mark.index
    return len(marks)


def stance_history(
    *,
    person: Person,
    topic: Topic,
    user=None,
    page: int = 1,
    cursor: str | None = None,
    per_page: int = POINTS_PER_PAGE,
) -> StanceHistory:
    """The history of `person` on `topic`: runs and shifts whole, the points of one page
    (by `page` number, or starting where `cursor` says) with their citations.

    Raises BadPage for a page or cursor outside the history. Queries: the topic's positions
    (unless prefetched), every point's mark, the page's statements (with speaker and
    organization), their citations (with source, publisher and the copy's hash), the
    shifts: five, whatever the length.
    """
    axis = sorted(topic.positions.all(), key=lambda position: position.axis_value)
    marks = _marks(person, topic, user)
    if cursor:
        start = _start_of(marks, cursor)
    elif page >= 1 and (page - 1) * per_page < max(len(marks), 1):
        start = (page - 1) * per_page
    else:
        raise BadPage("No such page.")
    points = _points(person, topic, user, axis, [m.pk for m in marks[start : start + per_page]])
    shifts = list(_shifts(person, topic, user))
    by_pk = {mark.pk: mark for mark in marks}
    steps = []
    for shift in shifts:
        shift.subject, shift.topic = person, topic
        if shift.earlier_id in by_pk and shift.later_id in by_pk:
            earlier, later = by_pk[shift.earlier_id], by_pk[shift.later_id]
            steps.append(
                ShiftStep(
                    shift,
                    earlier,
                    later,
                    earlier_page=earlier.index // per_page + 1,
                    page=later.index // per_page + 1,
                )
            )
    runs = _runs(marks, axis, steps)
    for run in runs:
        run.page = run.marks[0].index // per_page + 1
    return StanceHistory(
        person=person,
        topic=topic,
        axis=axis,
        marks=marks,
        runs=runs,
        steps=steps,
        shifts=shifts,
        points=points,
        start=start,
        per_page=per_page,
    )


def _statements(person: Person, topic: Topic, user):
    return (
        Statement.objects.visible_to(user)
        .filter(subject=person, topic=topic)
        .order_by("said_on", "pk")
    )


def _marks(person: Person, topic: Topic, user) -> list[Mark]:
    rows = _statements(person, topic, user).values_list(
        "pk",
        "said_on",
        "position_id",
        "kind",
        "speaker_id",
        "speaker__name",
        "speaker_label",
        "speaker_organization__name",
    )
    return [
        Mark(
            index=index,
            pk=pk,
            said_on=said_on,
            position_id=position_id,
            kind=kind,
            speaker=Statement.display_speaker(
                speaker=speaker_name, label=label, organization=organization
            ),
            by_subject=speaker_id == person.pk,
        )
        for index, (
            pk,
            said_on,
            position_id,
            kind,
            speaker_id,
            speaker_name,
            label,
            organization,
        ) in enumerate(rows)
    ]


def _points(person, topic, user, axis: list[Position], pks: list[int]) -> list[Statement]:
    # A point shows each citation's source and publisher and its copy's hash only:
    # not the copy's text (a whole article) nor the upstream source.
    citations = (
        Citation.objects.select_related("source__publisher")
        .annotate(snapshot_sha256=F("snapshot__sha256"))
        .order_by("pk")
    )
    statements = list(
        _statements(person, topic, user)
        .filter(pk__in=pks)
        .select_related("speaker", "speaker_organization")
        .prefetch_related(Prefetch("citations", queryset=citations))
    )
    positions = {position.pk: position for position in axis}
    position_field = Statement._meta.get_field("position")
    for statement in statements:
        # Every point's subject and topic are the history's own, its position on the axis.
        statement.subject, statement.topic = person, topic
        if statement.position_id in positions:
            position_field.set_cached_value(statement, positions[statement.position_id])
        elif statement.position_id is None:
            position_field.set_cached_value(statement, None)
    return statements


def _shifts(person: Person, topic: Topic, user):
    return (
        StanceShift.objects.visible_to(user)
        .filter(subject=person, topic=topic)
        .order_by("later__said_on", "pk")
    )


def _runs(marks: list[Mark], axis: list[Position], steps: list[ShiftStep]) -> list[Run]:
    positions = {position.pk: position for position in axis}
    runs: list[Run] = []
    run_of: dict[int, Run] = {}
    for mark in marks:
        if not runs or runs[-1].marks[-1].position_id != mark.position_id:
            runs.append(Run(position=positions.get(mark.position_id), marks=[]))
        runs[-1].marks.append(mark)
        run_of[mark.pk] = runs[-1]
    for step in steps:
        run_of[step.later.pk].shifts.append(step)
    return runs
