"""A person's scorecard (fact-check ratings of their words, rated shifts of their positions)
and the filtered lists each count links to.

What counts is what stands: published fact-checks and shifts, not retracted ones, resting on
published statements (retracting a statement withdraws what rests on it). The counts and the lists behind them read the same querysets, so a
count always matches its list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from claims.models import FactCheck, Rating, RatingScale, StanceShift
from people.models import Person

# The person page lists this many of the newest standing fact-checks, and links to the rest.
LATEST_FACT_CHECKS = 10


def standing_fact_checks(*, person: Person | None = None):
    """Published fact-checks of public statements; of `person`'s words when given."""
    checks = FactCheck.objects.standing()
    return checks if person is None else checks.filter(statement__speaker=person)


def standing_shifts(*, person: Person | None = None):
    """Published shifts between public statements; of `person`'s positions when given."""
    shifts = StanceShift.objects.standing()
    return shifts if person is None else shifts.filter(subject=person)


@dataclass
class RatingCount:
    """How many of the person's standing fact-checks have this rating."""

    rating: Rating
    count: int


@dataclass
class ScaleCounts:
    """A rating scale the person was checked on, with a count for each of its ratings."""

    scale: RatingScale
    counts: list[RatingCount]

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


@dataclass
class ShiftCount:
    """How many of the person's standing shifts have this rating."""

    rating: str
    label: str
    count: int


@dataclass
class Scorecard:
    """A person's fact-check ratings per scale and stance shifts per rating."""

    person: Person
    scales: list[ScaleCounts]
    shifts: list[ShiftCount]
    # The newest of the fact-checks counted, newest review first.
    latest_checks: list[FactCheck]

    @property
    def check_total(self) -> int:
        return sum(scale.total for scale in self.scales)

    @property
    def more_checks(self) -> bool:
        return self.check_total > len(self.latest_checks)

    @property
    def shift_total(self) -> int:
        return sum(count.count for count in self.shifts)

    @property
    def is_empty(self) -> bool:
        return not self.scales and not self.shift_total


def person_scorecard(*, person: Person) -> Scorecard:
    """Counts for every rating of each scale the person's words were checked on (best
    first, zeros included) and for every shift rating, and the newest checks counted.

    Queries: the rating of every fact-check counted, newest first (one, of two numbers a
    check: the counts and which checks are the newest come from the same rows), the newest
    checks with their statements (one), the ratings with their scales (one, a small table),
    shifts counted by rating (one). They read only the person's own records (through their
    statements), so they cost the same whatever the database's size.
    """
    rated = list(fact_check_list(person=person).select_related(None).values_list("pk", "rating_id"))
    checked = Counter(rating_id for _, rating_id in rated)
    newest = [pk for pk, _ in rated[:LATEST_FACT_CHECKS]]
    latest_checks = list(fact_check_list(person=None).filter(pk__in=newest)) if newest else []
    by_scale: dict[int, ScaleCounts] = {}
    if checked:
        ratings = Rating.objects.filter(
            scale__in=Rating.objects.filter(pk__in=list(checked)).values("scale_id")
        )
        for rating in ratings.select_related("scale").order_by(
            "scale__name", "scale_id", "-value", "pk"
        ):
            scale = by_scale.setdefault(rating.scale_id, ScaleCounts(scale=rating.scale, counts=[]))
            scale.counts.append(RatingCount(rating=rating, count=checked.get(rating.pk, 0)))
    shifts = _counted_by(standing_shifts(person=person), "rating")
    return Scorecard(
        person=person,
        scales=list(by_scale.values()),
        shifts=[
            ShiftCount(rating=value, label=label, count=shifts.get(value, 0))
            for value, label in StanceShift.Rating.choices
        ],
        latest_checks=latest_checks,
    )


def _counted_by(records, field_name: str) -> dict:
    """How many of the records have each value of the field (one query)."""
    grouped = records.order_by().values(field_name).annotate(count=Count("pk"))
    return dict(grouped.values_list(field_name, "count"))


def fact_check_list(*, person: Person | None, rating_slug: str = "", scale_slug: str = ""):
    """Standing fact-checks, newest review first, of a person's words and with a rating when
    given (a rating slug names one rating per scale; `scale_slug` narrows it to one)."""
    checks = standing_fact_checks(person=person)
    if rating_slug:
        checks = checks.filter(rating__slug=rating_slug)
    if scale_slug:
        checks = checks.filter(rating__scale__slug=scale_slug)
    return checks.select_related(
        "statement__speaker", "statement__speaker_organization", "statement__subject", "rating"
    ).order_by("-reviewed_on", "-pk")


def rating_label(*, rating_slug: str, scale_slug: str = "") -> str:
    """What a list filtered by `rating_slug` calls the rating: its name (on the named scale,
    else on the first scale that has it), or the slug itself when no rating has it; "" for none."""
    if not rating_slug:
        return ""
    ratings = Rating.objects.filter(slug=rating_slug)
    if scale_slug:
        ratings = ratings.filter(scale__slug=scale_slug)
    return ratings.values_list("name", flat=True).first() or rating_slug


def shift_list(*, person: Person | None, rating: str = ""):
    """Standing shifts, newest first, of a person's positions and with a rating when given."""
    shifts = standing_shifts(person=person)
    if rating:
        shifts = shifts.filter(rating=rating)
    return shifts.select_related("subject", "topic", "earlier", "later").order_by(
        "-later__said_on", "-pk"
    )
