"""Comparing people on one topic: who stood where, and when (the reads behind the comparison
page and its API).

A person's points are the statements that show their position on the topic (they are the
statement's subject), counted per period: per month, or per year when someone has more
months than a chart can show. A period of one statement links to it; a period of several,
to the person's stance history. Retracted statements place nobody. Every function runs a
fixed number of queries, whatever the number of people (up to MOST_COMPARED) or statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Substr
from django.utils.text import get_text_list

from claims.models import Position, Statement, Topic
from core.partial_dates import PartialDate
from people.models import Person

MOST_COMPARED = 6
# Past this many month periods for any one person, the chart counts per year instead.
MOST_PERIODS_PER_PERSON = 48
# How many people a picker offers ("compare with ..."): the most recently placed first.
MOST_OFFERED = 24
# ... found among the topic's latest this many statements (read newest first, by index).
RECENT_STATEMENTS = 500

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


class ComparisonError(ValueError):
    """The people asked for cannot be compared; the message says why, for the reader."""


class NoSuchPerson(ComparisonError):
    """Some slugs named are no person the user may see (`slugs`, in the order named)."""

    def __init__(self, slugs: list[str]):
        super().__init__(f"No such person: {', '.join(slug[:60] for slug in slugs)}.")
        self.slugs = slugs


def people_slugs(values: list[str]) -> list[str]:
    """The person slugs of `?people=a,b,c` (or `?people=a&people=b`, as a form sends them),
    in the order given. Raises ComparisonError when there are none, more than MOST_COMPARED,
    duplicates, or something that is no slug."""
    slugs = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if not slugs:
        raise ComparisonError(
            f"Name the people to compare: 1 to {MOST_COMPARED} person slugs, separated by "
            "commas (people=zohran-mamdani,karam-chowdhury)."
        )
    if len(slugs) > MOST_COMPARED:
        raise ComparisonError(
            f"At most {MOST_COMPARED} people can be compared at once; {len(slugs)} were named."
        )
    malformed = [slug for slug in slugs if not _SLUG.match(slug)]
    if malformed:
        raise ComparisonError(
            f"“{malformed[0][:60]}” is not a person's slug (letters, digits and hyphens)."
        )
    repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if repeated:
        raise ComparisonError(f"Each person may be named once; named twice: {', '.join(repeated)}.")
    return slugs


@dataclass
class Period:
    """A person's statements at one position within one period (a month or a year)."""

    said_on: PartialDate
    position: Position
    count: int
    # The statement itself when the period holds only one.
    statement_id: int | None


@dataclass
class ComparedPerson:
    """One person of a comparison: their periods in date order and their latest statement."""

    person: Person
    periods: list[Period] = field(default_factory=list)
    latest: Statement | None = None


@dataclass
class TopicComparison:
    """The people compared on a topic, the topic's axis (lowest first), and the period used."""

    topic: Topic
    axis: list[Position]
    people: list[ComparedPerson]
    period: str  # "month" or "year"

    @property
    def has_points(self) -> bool:
        return any(compared.periods for compared in self.people)

    @property
    def names(self) -> str:
        """The people's names as a sentence says them: "A, B and C"."""
        return get_text_list([compared.person.name for compared in self.people], "and")


def _placing_statements(topic: Topic, user):
    """Statements that place their subject on the topic, for this user."""
    return Statement.objects.placing(user).filter(topic=topic)


def topic_comparison(*, topic: Topic, slugs: list[str], user=None) -> TopicComparison:
    """The named people (in the order named) on the topic. Raises NoSuchPerson naming any
    slug that is no person the user may see.

    Queries: people with their latest statement's id; periods; latest statements (with
    speaker, organization and position); the topic's positions: four, whatever the size.
    """
    placing = _placing_statements(topic, user)
    latest = placing.filter(subject=OuterRef("pk")).order_by("-said_on", "-pk").values("pk")[:1]
    found = {
        person.slug: person
        for person in Person.objects.visible_to(user)
        .filter(slug__in=slugs)
        .annotate(latest_id=Subquery(latest))
    }
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise NoSuchPerson(unknown)
    people = [found[slug] for slug in slugs]
    axis = sorted(topic.positions.all(), key=lambda position: position.axis_value)
    positions = {position.pk: position for position in axis}

    rows = list(
        placing.filter(subject__in=people)
        .annotate(period=Substr("said_on", 1, 7))
        .values("subject_id", "position_id", "period")
        .annotate(count=Count("pk"), statement_id=Max("pk"))
        .order_by()
    )
    per_person: dict[int, dict[tuple[str, int], list[int]]] = {p.pk: {} for p in people}
    months = {p.pk: set() for p in people}
    for row in rows:
        per_person[row["subject_id"]][(row["period"], row["position_id"])] = [
            row["count"],
            row["statement_id"],
        ]
        months[row["subject_id"]].add(row["period"])
    period = "month"
    if any(len(seen) > MOST_PERIODS_PER_PERSON for seen in months.values()):
        period = "year"
        per_person = {pk: _by_year(periods) for pk, periods in per_person.items()}

    statements = Statement.objects.select_related("speaker", "speaker_organization", "position")
    latest_statements = statements.in_bulk([p.latest_id for p in people if p.latest_id])
    compared = []
    for person in people:
        periods = [
            Period(
                said_on=PartialDate.parse(said_on),
                position=positions[position_id],
                count=count,
                statement_id=statement_id if count == 1 else None,
            )
            for (said_on, position_id), (count, statement_id) in per_person[person.pk].items()
            if position_id in positions
        ]
        periods.sort(key=lambda p: (p.said_on.earliest, p.said_on.latest, p.position.axis_value))
        statement = latest_statements.get(person.latest_id)
        if statement is not None:
            statement.subject, statement.topic = person, topic
        compared.append(ComparedPerson(person=person, periods=periods, latest=statement))
    return TopicComparison(topic=topic, axis=axis, people=compared, period=period)


def _by_year(periods: dict[tuple[str, int], list[int]]) -> dict[tuple[str, int], list[int]]:
    """Month periods merged into their years (a statement dated by year alone stays there)."""
    merged: dict[tuple[str, int], list[int]] = {}
    for (said_on, position_id), (count, statement_id) in periods.items():
        key = (said_on[:4], position_id)
        if key in merged:
            merged[key] = [merged[key][0] + count, max(merged[key][1], statement_id)]
        else:
            merged[key] = [count, statement_id]
    return merged


def recently_placed(*, topic: Topic, user=None):
    """People whose position on the topic a statement shows, most recently placed first (with
    `last_said`): among the topic's latest RECENT_STATEMENTS placing statements, so the cost
    stays the same however many the topic has. A queryset, to slice."""
    recent = (
        _placing_statements(topic, user)
        .order_by("-said_on", "-pk")
        .values("pk")[:RECENT_STATEMENTS]
    )
    # The filter comes first, so the latest date is taken over those statements only: whoever
    # has a statement among the latest has their own latest among them too.
    return (
        Person.objects.filter(statements_about__in=recent)
        .annotate(last_said=Max("statements_about__said_on"))
        .order_by("-last_said", "name")
    )


def people_on_topic(
    *, topic: Topic, user=None, exclude: Person | None = None, limit: int = MOST_OFFERED
) -> list[Person]:
    """The people recently placed on the topic (recently_placed), to offer for comparison.
    Queries: one."""
    people = recently_placed(topic=topic, user=user)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people[:limit])
