"""Corrections of a cited source as readers see them.

Only a publisher changes the title or link of a source a public record cites, and each such
change is in the audit log (claims.services.audit_public_source_change) with the history
entry it made. Readers are shown what it was and when it changed, never a silent swap: the
old value is read from the history entry before the logged one, so nothing is stored twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from claims.models import AuditEntry
from sources.models import Source

# The fields whose change readers are told about, with the word the note uses.
CORRECTED_FIELDS = {"url": "link", "title": "title"}


@dataclass(frozen=True)
class SourceCorrection:
    """A change to a public source's title or link: which, when, and what it read before."""

    field: str
    corrected_at: datetime.datetime
    was: str

    @property
    def what(self) -> str:
        """The field as readers call it ("link", "title")."""
        return CORRECTED_FIELDS[self.field]


def source_corrections(source_ids: Iterable[int]) -> dict[int, list[SourceCorrection]]:
    """The title and link corrections of these sources, oldest first, by source id.

    Queries: the audit entries (one); when there are any, the sources' history entries up
    to the last one logged (one more).
    """
    source_ids = set(source_ids)
    if not source_ids:
        return {}
    entries = list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.SOURCE_CHANGED,
            content_type=ContentType.objects.get_for_model(Source),
            object_id__in=source_ids,
            history_id__isnull=False,
        )
        .order_by("at", "pk")
        .values_list("object_id", "at", "history_id")
    )
    if not entries:
        return {}
    rows = Source.history.filter(
        id__in={source_id for source_id, _at, _history_id in entries},
        history_id__lte=max(history_id for _source_id, _at, history_id in entries),
    ).values_list("id", "history_id", *CORRECTED_FIELDS)
    states: dict[int, list[tuple]] = defaultdict(list)
    for source_id, history_id, *values in sorted(rows, key=lambda row: row[1]):
        states[source_id].append((history_id, dict(zip(CORRECTED_FIELDS, values, strict=True))))

    corrections: dict[int, list[SourceCorrection]] = defaultdict(list)
    for source_id, at, history_id in entries:
        earlier = [state for number, state in states[source_id] if number < history_id]
        after = next((state for number, state in states[source_id] if number == history_id), None)
        if not earlier or after is None:
            continue
        before = earlier[-1]
        corrections[source_id].extend(
            SourceCorrection(field=name, corrected_at=at, was=before[name])
            for name in CORRECTED_FIELDS
            if before[name] != after[name]
        )
    return dict(corrections)


def attach_source_corrections(sources: Iterable[Source]) -> None:
    """Give each source its `corrections` (a list, maybe empty), for its reader pages."""
    sources = list(sources)
    found = source_corrections(source.pk for source in sources)
    for source in sources:
        source.corrections = found.get(source.pk, [])
