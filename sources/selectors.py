"""Reads that run queries to decide how to read: the source search."""

from __future__ import annotations

from django.db.models import Q

from core.full_text import bounded_search, fts5_matches, uses_postgresql
from sources.models import SOURCE_SEARCH_VECTOR, Source, SourceQuerySet, address_condition


def search_sources(text: str, queryset: SourceQuerySet | None = None) -> SourceQuerySet:
    """The sources of `queryset` (all sources by default) whose title matches the words of
    the text, or whose link is the URL typed.

    Full-text search on both databases: on PostgreSQL through the title's GIN index, bounded
    (core.full_text.bounded_search, which runs its queries now); on SQLite through the
    FTS5 table sources_source_fts.
    """
    queryset = Source.objects.all() if queryset is None else queryset
    text = text.strip()
    if not text:
        return queryset.none()
    same_url = address_condition(text)
    if uses_postgresql(queryset):
        matches = bounded_search(queryset, SOURCE_SEARCH_VECTOR, text, config="english")
        if same_url is not None:
            matches |= same_url
        return queryset.alias(search_document=SOURCE_SEARCH_VECTOR).filter(matches)
    found = fts5_matches("sources_source_fts", text)
    condition = Q(pk__in=found) if found is not None else Q(pk__in=[])
    if same_url is not None:
        condition |= same_url
    return queryset.filter(condition)
