"""Full-text search conditions the PostgreSQL planner cannot get wrong (statements, sources).

A search shown newest first has two good plans, and PostgreSQL cannot tell which fits: for a
common word, walking a date index until a page of matches (milliseconds); for a rare or
unknown word, the GIN index's few matches, then a sort. Its estimate for a word it has no
statistics on once led it to walk a whole index of a million statements, checking every row
(18 s). So the GIN index is asked first, through a bitmap scan only, for up to `few` ids:
fewer, and they are the condition; as many, and the word is common, and the walk is right.
A word the statistics know to be common (ten times `few`, estimated) skips that first step.

What counts as few shrinks with the table: walking costs about N/M rows for a page of a word
with M matches among N rows, looking ids up about M. At 10,000 statements a word with 1,700
matches was 20 ms by ids (joined and sorted before the page was cut) and 5 ms by walking
300 rows. So few is at most sqrt(10 N) (316 at 10,000; 1,000 at 100,000), and `few` at most.
"""

from __future__ import annotations

import json
import math

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
        estimate = plan[0]["Plan"]["Plan Rows"]
        # The table's size matters only for a word not known to be common at any size.
        if estimate >= 10 * few or estimate >= 10 * (few := _few_for_table(queryset, few)):
            return common
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        found = list(matches[:few])
    return Q(pk__in=found) if len(found) < few else common


# Below this, looking ids up is always cheap.
FEWEST = 50


def _few_for_table(queryset: models.QuerySet, few: int) -> int:
    """`few`, or fewer for a small table (its row count as PostgreSQL last estimated it)."""
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    rows = row[0] if row else -1
    if rows <= 0:  # never analysed: no estimate
        return few
    return min(few, max(FEWEST, math.isqrt(int(10 * rows))))
