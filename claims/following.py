"""What a reader following a person, a topic, or a person on a topic is told of: the public
statements, fact-checks, stance shifts and corrections concerning them, newest first (the
reads behind the per-person and per-topic Atom feeds, claims.feeds).

A person's records are the statements they made or that show their position (speaker or
subject), the fact-checks of those statements, the shifts of their positions, and the
corrections of any of these. Only public records, resting on public records, are read.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import F, Q

from claims.models import Correction, FactCheck, StanceShift, Statement, Topic
from people.models import Person

FEED_LENGTH = 30


def _statements(person: Person | None, topic: Topic | None):
    statements = Statement.objects.published()
    if person is not None:
        statements = statements.involving(person)
    if topic is not None:
        statements = statements.filter(topic=topic)
    return statements


def _shifts(person: Person | None, topic: Topic | None):
    shifts = StanceShift.objects.public()
    if person is not None:
        shifts = shifts.filter(subject=person)
    if topic is not None:
        shifts = shifts.filter(topic=topic)
    return shifts


def followed_records(
    *, person: Person | None = None, topic: Topic | None = None, limit: int = FEED_LENGTH
) -> list:
    """The newest `limit` public records concerning the person and/or the topic: statements,
    fact-checks, stance shifts and corrections, newest published first.

    Queries: statements, fact-checks, shifts, corrections, and the corrected records (one
    per kind corrected), plus the content types the first time: at most seven.
    """
    newest_first = (F("published_at").desc(nulls_last=True), "-pk")
    statements = _statements(person, topic)
    fact_checks = FactCheck.objects.published().filter(statement__in=statements.values("pk"))
    shifts = _shifts(person, topic)
    types = ContentType.objects.get_for_models(Statement, FactCheck, StanceShift)
    corrected = (
        Q(content_type=types[Statement], object_id__in=statements.values("pk"))
        | Q(content_type=types[FactCheck], object_id__in=fact_checks.values("pk"))
        | Q(content_type=types[StanceShift], object_id__in=shifts.values("pk"))
    )
    corrections = (
        Correction.objects.published()
        .filter(corrected)
        .select_related("content_type")
        .prefetch_related(
            GenericPrefetch(
                "record",
                [
                    Statement.objects.all(),
                    FactCheck.objects.all(),
                    StanceShift.objects.select_related("subject", "topic"),
                ],
            )
        )
        .order_by(*newest_first)[:limit]
    )
    records = [
        *statements.select_related("speaker", "speaker_organization", "subject", "topic").order_by(
            *newest_first
        )[:limit],
        *fact_checks.select_related("rating").order_by(*newest_first)[:limit],
        *shifts.select_related("subject", "topic").order_by(*newest_first)[:limit],
        *corrections,
    ]
    records.sort(key=lambda record: (record.published_at is not None, record.published_at))
    return list(reversed(records))[:limit]
