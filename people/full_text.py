"""Search conditions the PostgreSQL planner cannot get wrong (statements, sources).

A search shown newest first has two good plans, and PostgreSQL cannot tell which fits: for a
common word, walking a date index until a page of matches (milliseconds); for a rare or
unknown word, the GIN index's few matches, then a sort. Its estimate for a word it has no
statistics on once led it to walk a whole index of a million statements, checking every row
(18 s). So the GIN index is asked first, through a bitmap scan only, for up to `few` ids:
fewer, and they are the condition; as many, and the word is common, and the walk is right.
A single word the statistics know to be common (ten times `few`, estimated) skips that first
step; several words or a phrase are always counted, as PostgreSQL estimates them as if their
words were independent: "officers on a zoom call" looked like 316 matches of 39,730, and the
phrase "million wealthy" like more than 20,000 of ~1,600. The walk tests each row with
ts_match_vq (TextMatch), which no index answers, so the planner cannot pick the GIN index
for it on such an estimate and read and sort every match (190 ms at a million, against 12).

What counts as few shrinks with the table: walking costs about N/M rows for a page of a word
with M matches among N rows, looking ids up about M. At 10,000 statements a word with 1,700
matches was 20 ms by ids (joined and sorted before the page was cut) and 5 ms by walking
300 rows. So few is at most sqrt(10 N) (316 at 10,000; 1,000 at 100,000), and `few` at most.

The same holds for every other part of a search that picks rows by an index: the statements
said by or of the people a name matches. Left to the planner beside a bounded text match, a
name with ~1,600 statements among a million was found by walking 38,000 rows of the date
index (140 ms); asked in the same bounded step, by id (~4 ms).
"""

from __future__ import annotations

import json
import math
import re

from django.contrib.postgres.search import SearchQuery
from django.db import connections, models, transaction
from django.db.models import BooleanField, F, Func, Lookup, Q

# One word: websearch_to_tsquery makes at most one lexeme of it, whose matches PostgreSQL's
# statistics estimate well. Several words, a phrase or an operator it estimates as if the
# words were independent, wrong either way: those matches are counted, never estimated.
_ONE_WORD = re.compile(r"[^\W_]+")


class TextMatch(Func):
    """`document @@ query` as a function call: the same test, but one no index answers and
    whose selectivity the planner does not estimate (a third of the rows, by default), so
    for a common match it walks the ordering index and checks each row."""

    function = "ts_match_vq"
    output_field = BooleanField()


class AnyOf(Lookup):
    """`column = ANY(%s)` with the values as one array parameter (PostgreSQL). A name's
    1,600 statement ids cost `pk__in` one prepared parameter each, every time the query was
    compiled (~3 ms a time, several times a request); as one array they cost nothing."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, self.rhs]


def bounded_search(
    queryset: models.QuerySet,
    document,
    text: str,
    *,
    config: str,
    few: int,
    also: Q | None = None,
) -> Q:
    """Rows whose `document` (an expression a GIN index covers) matches the websearch `text`,
    or that match `also` (conditions other indexes answer: the people a name matches).

    The condition refers to the alias `search_document`: alias the document on the queryset
    it filters (`queryset.alias(search_document=document)`).
    """
    query = SearchQuery(text, config=config, search_type="websearch")
    indexed, walked = Q(search_document=query), Q(TextMatch(F("search_document"), query))
    if also is not None:
        indexed, walked = indexed | also, walked | also
    matches = (
        queryset.model._base_manager.using(queryset.db)
        .alias(search_document=document)
        .filter(indexed)
        .order_by()
        .values_list("pk", flat=True)
    )
    connection = connections[queryset.db]
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        if _ONE_WORD.fullmatch(text.strip()):
            sql, params = matches.query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = plan[0]["Plan"]["Plan Rows"]
            # The table's size matters only for a word not known to be common at any size.
            if estimate >= 10 * few or estimate >= 10 * (few := _few_for_table(queryset, few)):
                return walked
        else:
            few = _few_for_table(queryset, few)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        found = list(matches[:few])
    return Q(AnyOf(F("pk"), found)) if len(found) < few else walked


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
