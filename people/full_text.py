"""Full-text search conditions the PostgreSQL planner cannot get wrong (statements, sources).

A search shown newest first has two good plans, and PostgreSQL cannot tell which fits: for a
common word, walking a date index until a page of matches (milliseconds); for a rare or
unknown word, the GIN index's few matches, then a sort. Its estimate for a word it has no
statistics on once led it to walk a whole index of a million statements, checking every row
(18 s). So the GIN index is asked first, through a bitmap scan only, for up to `few` ids:
fewer, and they are the condition; as many, and the word is common, and the walk is right.
A word the statistics know to be common (ten times `few`, estimated) skips that first step.
"""

from __future__ import annotations

import json

from django.contrib.postgres.search import SearchQuery
from django.db import connections, models, transaction
from django.db.models import Q


def bounded_full_text_condition(
    queryset: models.QuerySet, document, query: SearchQuery, *, few: int
) -> Q:
    """Rows whose `document` (an expression the GIN index covers) matches `query`.

    The condition refers to the alias `search_document`: alias the document on the queryset
    it filters (`queryset.alias(search_document=document)`).
    """
    matches = (
        queryset.model._base_manager.using(queryset.db)
        .alias(search_document=document)
        .filter(search_document=query)
        .order_by()
        .values_list("pk", flat=True)
    )
    common = Q(search_document=query)
    connection = connections[queryset.db]
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        sql, params = matches.query.sql_with_params()
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        if plan[0]["Plan"]["Plan Rows"] >= 10 * few:
            return common
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        found = list(matches[:few])
    return Q(pk__in=found) if len(found) < few else common
