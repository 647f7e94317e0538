"""Reads that span several models: a person's stance history and stance summary.

Every function here runs a fixed number of queries, whatever the number of
statements, and shows anonymous readers only what is public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery

from claims.models import PUBLIC_STATUSES, Position, StanceShift, Statement, Topic
from people.models import Person
from people.partial_dates import PartialDate  # noqa: F401 - used in annotations


@dataclass
class StanceHistory:
    """A subject's statements on one topic in date order, and the rated shifts between them."""

    person: Person
    topic: Topic
    points: list[Statement]
    shifts: list[StanceShift] = field(default_factory=list)

    @property
    def axis(self) -> list[Position]:
        """The topic's positions, lowest axis value first."""
        return sorted(self.topic.positions.all(), key=lambda position: position.axis_value)


@dataclass
class TopicStance:
    """One line of a person's stance summary."""

    topic: Topic
    latest_position: Position | None
    statement_count: int
    first_said: PartialDate | None
    last_said: PartialDate | None


def _is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def stance_history(*, person: Person, topic: Topic, user=None) -> StanceHistory:
    """The statements about `person` on `topic`, oldest first, with their citations and shifts.

    Queries: statements (with speaker, subject, topic, position), their citations
    (with source, publisher, via and snapshot), shifts: three, whatever the size.
    """
    statements = (
        Statement.objects.visible_to(user)
        .filter(subject=person, topic=topic)
        .for_listing()
        .with_citations()
        .order_by("said_on", "pk")
    )
    shifts = (
        StanceShift.objects.visible_to(user)
        .filter(subject=person, topic=topic)
        .select_related("earlier", "later")
        .order_by("later__said_on", "pk")
    )
    if not _is_staff(user):
        # A public shift must not point at (and so reveal) a statement that is not public.
        shifts = shifts.filter(
            earlier__status__in=PUBLIC_STATUSES, later__status__in=PUBLIC_STATUSES
        )
    return StanceHistory(person=person, topic=topic, points=list(statements), shifts=list(shifts))


def stance_summary(*, person: Person, user=None) -> list[TopicStance]:
    """Per topic: the latest position, the number of statements and their date range.

    Queries: topics with aggregates (one), their latest positions (one).
    """
    visible = Q() if _is_staff(user) else Q(statements__status__in=PUBLIC_STATUSES)
    mine = Q(statements__subject=person) & visible
    latest_position = (
        Statement.objects.visible_to(user)
        .filter(subject=person, topic=OuterRef("pk"), position__isnull=False)
        .order_by("-said_on", "-pk")
        .values("position_id")[:1]
    )
    topics = list(
        Topic.objects.filter(mine)
        .annotate(
            statement_count=Count("statements", filter=mine, distinct=True),
            first_said=Min("statements__said_on", filter=mine),
            last_said=Max("statements__said_on", filter=mine),
            latest_position_id=Subquery(latest_position),
        )
        .order_by("-last_said", "name")
        .distinct()
    )
    positions = Position.objects.in_bulk({t.latest_position_id for t in topics} - {None})
    return [
        TopicStance(
            topic=topic,
            latest_position=positions.get(topic.latest_position_id),
            statement_count=topic.statement_count,
            first_said=topic.first_said,
            last_said=topic.last_said,
        )
        for topic in topics
    ]
