"""Site search for readers: people, public statements and sources, with matches highlighted.

Statements are found by full-text search on both databases (stemmed, so "defunding"
finds "defund": claims.selectors.search_statements); on PostgreSQL they are also ranked
and highlighted by the database, on SQLite highlighted here.
Highlighting never trusts the text: it is escaped first and only then marked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.models import Statement
from claims.selectors import search_statements
from core.full_text import fts5_snippets
from people.models import Person
from sources.models import Source
from sources.selectors import search_sources

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 20
# How many of the newest matching statements are ranked to show the best RESULTS_PER_KIND
# (at 200, PostgreSQL joined them to every person by hash: docs/bench.md).
RANKED_CANDIDATES = 100
# How many of the newest matching sources are checked for being public, to show
# RESULTS_PER_KIND of them (sources known only from drafts are few).
SOURCE_CANDIDATES = 3 * RESULTS_PER_KIND
EXCERPT_LENGTH = 240
# Private-use characters delimit PostgreSQL's highlights, so no typed text can fake a tag:
# the headline is escaped whole and only then are these turned into <mark>.
_MARK_START, _MARK_END = "\ue000", "\ue001"


@dataclass
class StatementHit:
    """A statement found by search and its text with the matches marked."""

    statement: Statement
    highlighted: SafeString


@dataclass
class SearchResults:
    """What a search found, per kind."""

    query: str
    people: list[Person] = field(default_factory=list)
    statements: list[StatementHit] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.people) + len(self.statements) + len(self.sources)


def clean_query(text: str) -> str:
    """The query as searched: trimmed, without NUL bytes (PostgreSQL refuses them), bounded."""
    return " ".join(text.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def search_site(text: str) -> SearchResults:
    """People, public statements and sources matching the text, best matches first.

    Queries: people, statements (with speaker, subject, topic), sources (with publisher).
    """
    query = clean_query(text)
    results = SearchResults(query=query)
    if not query:
        return results
    results.people = list(Person.objects.public().search(query).order_by("name")[:RESULTS_PER_KIND])
    results.sources = _public_sources_matching(query)
    if connection.vendor == "postgresql":
        results.statements = _statements_by_full_text(query)
    else:
        results.statements = _statements_by_fts5(query)
    return results


def _public_sources_matching(query: str) -> list[Source]:
    # Whether a source is public is two EXISTS over the citations: checking it for every
    # match of a common word (15,000 of 250,000 sources for "housing") took half a second.
    # The newest matches come first (an index walk or the GIN index's few ids), and only
    # they are checked.
    candidates = list(search_sources(query).values_list("pk", flat=True)[:SOURCE_CANDIDATES])
    return list(
        Source.objects.public()
        .filter(pk__in=candidates)
        .select_related("publisher", "via__publisher")[:RESULTS_PER_KIND]
    )


def _statements_by_full_text(query: str) -> list[StatementHit]:
    # Rank and headline only the newest matches, never every published statement: ranking
    # is per row, so its cost would grow with every match in the table. The newest full-text
    # matches (text and venue: the expression the GIN index covers) and the newest
    # matches of Statement.search, each bounded, are the candidates.
    # Statement.search covers the full-text matches (through the GIN index, never a walk
    # of every row for a rare word) and the people's names.
    search_query = SearchQuery(query, search_type="websearch", config="english")
    candidates = list(
        search_statements(query, Statement.objects.published())
        .order_by("-pk")
        .values_list("pk", flat=True)[:RANKED_CANDIDATES]
    )
    document = SearchVector("text", weight="A", config="english") + SearchVector(
        "venue", "speaker__name", "subject__name", weight="B", config="english"
    )
    statements = (
        Statement.objects.filter(pk__in=candidates)
        .annotate(document=document)
        .annotate(
            rank=SearchRank(F("document"), search_query),
            headline=SearchHeadline(
                _html_escaped("text"),
                search_query,
                config="english",
                start_sel=_MARK_START,
                stop_sel=_MARK_END,
                max_words=40,
                min_words=15,
            ),
        )
        .for_listing()
        .order_by("-rank", "-said_on", "-pk")[:RESULTS_PER_KIND]
    )
    hits = []
    for statement in statements:
        if _MARK_START in statement.headline:
            highlighted = _marked(statement.headline)
        else:
            # Found by substring only (a name or part of a word): mark it the simple way.
            highlighted = highlight_matches(statement.text, query)
        hits.append(StatementHit(statement=statement, highlighted=highlighted))
    return hits


def _statements_by_fts5(query: str) -> list[StatementHit]:
    statements = list(
        search_statements(query, Statement.objects.published())
        .for_listing()
        .order_by("-said_on", "-pk")[:RESULTS_PER_KIND]
    )
    snippets = fts5_snippets(
        "claims_statement_fts",
        query,
        [statement.pk for statement in statements],
        marks=(_MARK_START, _MARK_END),
    )
    hits = []
    for statement in statements:
        snippet = snippets.get(statement.pk, "")
        if _MARK_START in snippet:
            highlighted = _marks_as_tags(escape(snippet))
        else:
            # Found by a person's name: mark it the simple way.
            highlighted = highlight_matches(statement.text, query)
        hits.append(StatementHit(statement=statement, highlighted=highlighted))
    return hits


def _html_escaped(field_name: str):
    """The column with &, < and > escaped in SQL: PostgreSQL's headline drops anything that
    looks like a tag, and a quote must be shown as it was said, tags and all."""
    escaped = F(field_name)
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = Replace(escaped, Value(character), Value(entity))
    return escaped


def _marked(headline: str) -> SafeString:
    """PostgreSQL's headline (of escaped text) re-escaped, its private delimiters made <mark>."""
    # Unescape then escape: whatever the database returned, the result holds no markup.
    return _marks_as_tags(escape(html.unescape(headline)))


def _marks_as_tags(escaped: str) -> SafeString:
    """Escaped text with our two private delimiters turned into <mark> tags."""
    # Safe: `escaped` holds no markup, and only our own two characters become tags.
    return mark_safe(  # noqa: S308
        escaped.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
    )


def highlight_matches(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """An excerpt of `text` around the first match of `query`, escaped, matches in <mark>.

    The query's words are matched case-insensitively; the text is split on the
    matches and every piece is escaped before any tag is added.
    """
    words = sorted({word for word in query.split() if word}, key=len, reverse=True)
    if not words:
        return escape(text[:length])
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    excerpt = text[start : start + length]
    pieces = []
    position = 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(text) else ""
    # Safe: every piece of the text was escaped above; the only markup is our <mark>.
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308
