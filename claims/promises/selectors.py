"""Reads of promises for the reader pages, the API and the feed: what the public sees.

Every function runs a fixed number of queries, whatever the number of promises or changes.
A promise's current status is its latest published change (PromiseQuerySet.with_current_status);
a retracted change stays on the timeline, marked, but is never the current status.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from claims.models import PUBLIC_STATUSES, Correction, Status, Topic
from claims.promises.models import (
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseStatusChange,
    today,
)
from people.models import Person


def public_promises():
    """Promises a reader may see: published, and retracted ones (shown as retracted)."""
    return Promise.objects.published()


def public_changes():
    """Status changes a reader may see: public, of a public promise."""
    return PromiseStatusChange.objects.published().filter(promise__status__in=PUBLIC_STATUSES)


def _citations():
    """Citations as pages show them: source and publisher, and the statement if it is public."""
    return PromiseCitation.objects.select_related(
        "source__via__publisher", "source__publisher", "statement"
    ).order_by("pk")


# A promise with no published status change: no status at all, which is not a scale's
# "Not yet rated" (a status an editor gave, dated and cited). Worded so in
# claims/promises/status_tag.html too.
UNRATED = "unrated"
UNRATED_NAME = "No status published yet"


@dataclass
class PromiseRow:
    """A promise as a list shows it: with its current status and whether it is overdue."""

    promise: Promise
    current: PromiseRating | None
    overdue: bool

    @property
    def current_slug(self) -> str:
        return self.current.slug if self.current else UNRATED


def _rows(promises, *, on: datetime.date) -> list[PromiseRow]:
    """PromiseRows for promises annotated with_current_status; one query for the statuses."""
    promises = list(promises)
    ratings = PromiseRating.objects.in_bulk({p.current_rating_id for p in promises} - {None})
    rows = []
    for promise in promises:
        current = ratings.get(promise.current_rating_id)
        rows.append(PromiseRow(promise, current, promise.is_overdue(current, on=on)))
    return rows


@dataclass
class StatusHistory:
    """A promise's status changes as the API shows them, oldest first; `pk` is the promise's."""

    promise: Promise
    changes: list[PromiseStatusChange]

    @property
    def pk(self) -> int:
        return self.promise.pk

    @property
    def current(self) -> PromiseStatusChange | None:
        return current_change(self.changes)


@dataclass
class PromiseRecord:
    """A public promise with everything its page shows."""

    promise: Promise
    changes: list[PromiseStatusChange]
    ratings: list[PromiseRating]
    current: PromiseStatusChange | None
    overdue: bool
    corrections: list[Correction]


def current_change(changes: list[PromiseStatusChange]) -> PromiseStatusChange | None:
    """The latest published change, by date then precision then id; retracted and draft
    changes never count. `changes` may come in any order."""
    published = [change for change in changes if change.status == Status.PUBLISHED]
    return max(published, key=lambda c: (c.changed_on.isoformat(), c.pk), default=None)


def promise_record(*, pk: int, on: datetime.date | None = None) -> PromiseRecord:
    """A public promise with its citations, public status changes (oldest first, by date then
    precision) and their citations, its scale's statuses and its corrections.

    Raises Promise.DoesNotExist for unknown and non-public promises. Queries: promise (with
    person, topic and scale), its citations, changes (with status), their citations, the
    scale's statuses, corrections (+1 the first time the content type is looked up).
    """
    from claims.selectors import public_corrections

    promise = (
        public_promises()
        .select_related("person", "topic__parent", "scale")
        .prefetch_related(Prefetch("citations", queryset=_citations()))
        .get(pk=pk)
    )
    changes = list(
        public_changes()
        .filter(promise=promise)
        .select_related("rating")
        .prefetch_related(Prefetch("citations", queryset=_citations()))
        .order_by("changed_on", "pk")
    )
    for change in changes:
        change.promise = promise
    current = current_change(changes)
    rating = current.rating if current else None
    return PromiseRecord(
        promise=promise,
        changes=changes,
        ratings=list(promise.scale.ratings.order_by("order", "pk")),
        current=current,
        overdue=promise.is_overdue(rating, on=on or today()),
        corrections=public_corrections(promise),
    )


def person_promises(*, person: Person, on: datetime.date | None = None) -> list[PromiseRow]:
    """A person's public promises, newest first, with current statuses. Queries: two."""
    promises = (
        public_promises()
        .by_person(person)
        .with_current_status()
        .select_related("topic")
        .order_by("-promised_on", "-pk")
    )
    return _rows(promises, on=on or today())


@dataclass
class StatusCount:
    """One bar of the tracker: a status and how many promises hold it now."""

    slug: str
    name: str
    outcome: str
    count: int


@dataclass
class PromiseTracker:
    """A person's promises counted by current status (the Obameter view), and a filtered list."""

    person: Person
    total: int
    overdue_total: int
    # The bars: over the chosen topic's promises when there is one (their links keep it).
    counts: list[StatusCount]
    overdue_count: int
    topics: list[Topic]
    ratings: list[PromiseRating]
    rows: list[PromiseRow] = field(default_factory=list)
    topic: Topic | None = None
    rating_slug: str = ""
    overdue_only: bool = False

    @property
    def is_filtered(self) -> bool:
        return bool(self.topic or self.rating_slug or self.overdue_only)

    @property
    def filters_text(self) -> str:
        """The filters that match something, in words, for the page's title: "Kept, on
        Housing, overdue" (an unknown status or topic is left out, not echoed)."""
        status = {count.slug: count.name for count in self.counts}.get(self.rating_slug)
        parts = [status] if status else []
        if self.topic:
            parts.append(f"on {self.topic.name}")
        if self.overdue_only:
            parts.append("overdue")
        return ", ".join(parts)


def promise_tracker(
    *,
    person: Person,
    topic_slug: str = "",
    rating_slug: str = "",
    overdue_only: bool = False,
    on: datetime.date | None = None,
) -> PromiseTracker:
    """Counts per current status over the person's public promises on the chosen topic (all
    of them when none is chosen), and the promises matching the filters (topic slug, status
    slug or "unrated", overdue): each count is the length of the list its bar opens. Unknown
    filter values match nothing. Queries: promises, their statuses, the scales' statuses:
    three."""
    all_rows = person_promises(person=person, on=on)
    scale_ids = {row.promise.scale_id for row in all_rows}
    ratings = list(PromiseRating.objects.filter(scale__in=scale_ids).order_by("order", "pk"))
    topics = {row.promise.topic.slug: row.promise.topic for row in all_rows}
    rows = all_rows
    topic = topics.get(topic_slug) if topic_slug else None
    if topic_slug:
        rows = [row for row in rows if row.promise.topic.slug == topic_slug]
    held = Counter(row.current_slug for row in rows)
    counts = [StatusCount(r.slug, r.name, r.outcome, held[r.slug]) for r in ratings]
    if any(row.current_slug == UNRATED for row in all_rows):
        counts.insert(0, StatusCount(UNRATED, UNRATED_NAME, "open", held[UNRATED]))
    overdue_count = sum(row.overdue for row in rows)
    if rating_slug:
        rows = [row for row in rows if row.current_slug == rating_slug]
    if overdue_only:
        rows = [row for row in rows if row.overdue]
    return PromiseTracker(
        person=person,
        total=len(all_rows),
        overdue_total=sum(row.overdue for row in all_rows),
        counts=counts,
        overdue_count=overdue_count,
        topics=sorted(topics.values(), key=lambda topic: topic.name),
        ratings=ratings,
        rows=rows,
        topic=topic,
        rating_slug=rating_slug,
        overdue_only=overdue_only,
    )


def recent_changes(*, limit: int = 10) -> list[PromiseStatusChange]:
    """The newest public status changes, for the feed. Queries: one."""
    return list(
        public_changes()
        .select_related("promise__person", "rating")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")[:limit]
    )
