"""Full-text search on both databases: one reading of what a reader types, two engines.

PostgreSQL searches tsvector documents through GIN indexes; SQLite, the embedded default,
searches FTS5 tables kept by triggers (claims.0010, people.0005, sources.0006) with the
porter stemmer, so "defund the police" finds "defunding the police" on both.

On PostgreSQL a search shown newest first has two good plans, and PostgreSQL cannot tell
which fits: for a common word, walking a date index until a page of matches; for a rare or
unknown word, the GIN index's few matches, then a sort. Its estimate for a word it has no
statistics on once led it to walk a whole index of a million statements, checking every row.
So `bounded_search` asks the GIN index first, through a bitmap scan only, for up to
MOST_LOOKED_UP_BY_ID ids: fewer, and they are the condition; as many, and the matches are
common, and the walk is right. A single word the statistics know to be common skips that
first step; several words or a phrase are always counted, as PostgreSQL estimates them as if
their words were independent. The walk tests each row with ts_match_vq (TextMatch), which no
index answers, so the planner cannot pick the GIN index for it on a wrong estimate and read
and sort every match.

What counts as few shrinks with the table: walking costs about N/M rows for a page of a word
with M matches among N rows, looking ids up about M; so few is at most sqrt(10 N). The same
holds for every other part of a search that picks rows by an index (the statements said by or
of the people a name matches): they are asked in the same bounded step.

`bounded_search` runs queries to decide: it is called by the search selectors
(claims.selectors.search_statements, sources.selectors.search_sources), never while a
queryset is being built. Measurements behind these choices: docs/bench.md.
"""

from __future__ import annotations

import json
import math
import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection, connections, models, transaction
from django.db.models import BooleanField, F, Func, Lookup, Q
from django.db.models.expressions import RawSQL

# Matches fewer than this are looked up by id; as many or more are walked in date order.
MOST_LOOKED_UP_BY_ID = 2000
# Below this many matches, looking ids up is always cheap, whatever the table's size.
FEWEST = 50

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
    """`column = ANY(%s)` with the values as one array parameter (PostgreSQL): `pk__in` costs
    one prepared parameter per id each time the query is compiled."""

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
    few: int | None = None,
    also: Q | None = None,
) -> Q:
    """Rows whose `document` (an expression a GIN index covers) matches the websearch `text`,
    or that match `also` (conditions other indexes answer: the people a name matches).
    PostgreSQL only; runs up to three queries to choose the plan.

    The condition refers to the alias `search_document`: alias the document on the queryset
    it filters (`queryset.alias(search_document=document)`).
    """
    few = MOST_LOOKED_UP_BY_ID if few is None else few
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
    if _ONE_WORD.fullmatch(text.strip()):
        sql, params = matches.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        estimate = plan[0]["Plan"]["Plan Rows"]
        # The table's size matters only for a word not known to be common at any size.
        if estimate >= 10 * few or estimate >= 10 * (few := few_for_table(queryset, few)):
            return walked
    else:
        few = few_for_table(queryset, few)
    # The plan settings hold for this block only: it is rolled back (inside an outer
    # transaction a savepoint's RELEASE would keep them), which is safe as it only reads.
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        found = list(matches[:few])
        transaction.set_rollback(True, using=queryset.db)
    return Q(AnyOf(F("pk"), found)) if len(found) < few else walked


def few_for_table(queryset: models.QuerySet, few: int) -> int:
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


# --- SQLite: FTS5 -------------------------------------------------------------------------

# PostgreSQL's 'english' configuration drops these from a query; FTS5 would require them.
STOP_WORDS = frozenset(  # noqa: SIM905 - a paragraph of words reads better than a list
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)
_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def fts5_query(text: str, *, stop_words: frozenset[str] = STOP_WORDS) -> str | None:
    """What a reader typed, read as PostgreSQL's websearch_to_tsquery reads it, in FTS5's
    query syntax: words must all match, "a phrase" in order, `or` between alternatives,
    -word excludes. None when nothing is left to match (only stop words or exclusions)."""
    groups: list[list[str]] = [[]]  # alternatives (or), each a list of required terms
    excluded: list[str] = []
    for negated_phrase, phrase, bare in _TERM.findall(text):
        if bare.lower() == "or":
            groups.append([])
            continue
        negated = bool(negated_phrase) or (bare.startswith("-") and len(bare) > 1)
        words = _WORD.findall(bare or phrase)
        if not phrase and not negated:
            words = [word for word in words if word.lower() not in stop_words]
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (excluded if negated else groups[-1]).append(term)
    alternatives = [" AND ".join(terms) for terms in groups if terms]
    if not alternatives:
        return None
    query = " OR ".join(f"({alternative})" for alternative in alternatives)
    if excluded:
        query = f"({query}) NOT ({' OR '.join(excluded)})"
    return query


def fts5_matches(
    table: str, text: str, *, stop_words: frozenset[str] = STOP_WORDS
) -> RawSQL | None:
    """The rowids (the indexed table's primary keys) of the FTS5 `table`'s rows that match
    `text`, as a subquery for `pk__in`; None when the text has nothing to match."""
    query = fts5_query(text, stop_words=stop_words)
    if query is None:
        return None
    return RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [query])


def fts5_snippets(
    table: str, text: str, ids: list[int], *, marks: tuple[str, str], tokens: int = 40
) -> dict[int, str]:
    """For the rows `ids` of the FTS5 `table` that match `text`: the passage around the
    matches (about `tokens` words, '…' where cut), each match between the two `marks`."""
    query = fts5_query(text)
    if query is None or not ids:
        return {}
    start, end = marks
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT rowid, snippet("{table}", -1, %s, %s, %s, %s) FROM "{table}" '
            f'WHERE "{table}" MATCH %s AND rowid IN ({placeholders})',
            [start, end, "…", tokens, query, *ids],
        )
        return dict(cursor.fetchall())


def uses_postgresql(queryset: models.QuerySet) -> bool:
    """Whether the queryset runs on PostgreSQL (full-text search) rather than SQLite."""
    return connections[queryset.db].vendor == "postgresql"
