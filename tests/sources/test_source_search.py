"""Source search on both databases, and the site search's sources: newest matches first,
only public ones shown, without checking every match for being public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import search
from core import full_text
from core.partial_dates import PartialDate
from sources.selectors import search_sources
from tests.factories import PublishedStatementFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("few_matches", [2, 100])
def test_a_common_and_a_rare_title_word_find_the_same_sources_either_way(monkeypatch, few_matches):
    # On PostgreSQL: below MOST_LOOKED_UP_BY_ID the GIN index's matches are the condition; at
    # or above, the word is common and source_published_on is walked. Both find exactly the
    # matching sources, as FTS5 does on SQLite.
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", few_matches)
    rents = {SourceFactory(title=f"Rents rise again, part {n}").pk for n in range(4)}
    subway = SourceFactory(title="Subway delays").pk

    def found(text):
        return set(search_sources(text).values_list("pk", flat=True))

    assert found("rent") == rents
    assert found("subway") == {subway}
    assert found("zzzunknownword") == set()


def test_the_site_search_shows_the_newest_public_sources_and_checks_only_candidates(
    monkeypatch,
):
    monkeypatch.setattr(search, "SOURCE_CANDIDATES", 3)
    newest_first = []
    for year in (2025, 2024, 2023, 2022):
        source = SourceFactory(title=f"Budget hearing {year}", published_on=PartialDate(year))
        PublishedStatementFactory(citation__source=source)
        newest_first.append(source)
    SourceFactory(title="Budget hearing draft only", published_on=PartialDate(2026))

    with CaptureQueriesContext(connection) as queries:
        results = search.search_site("budget")

    # The newest three matches are the candidates; the draft-only one is among them but not
    # shown; the oldest is past the candidates.
    assert results.sources == newest_first[:2]
    public_checks = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "sources_source"') and "claims_citation" in q["sql"]
    ]
    assert public_checks and all('"sources_source"."id" IN (' in sql for sql in public_checks)


def test_a_url_finds_its_source_and_a_stemmed_word_finds_its_title():
    source = SourceFactory(title="Councillors debate policing", url="https://example.org/a?b=1")
    SourceFactory(title="Weather report")

    assert list(search_sources("https://example.org/a?b=1")) == [source]
    assert list(search_sources("police debates")) == [source]


@pytest.mark.parametrize("text", ["http://[::1", "https://example.org:99999/", "HTTP://[bad"])
def test_an_address_no_source_can_have_finds_none_by_it_in_the_api_and_the_site(client, text):
    """A search that reads as an address urlsplit cannot take (an open IPv6 bracket, a port
    past 65535) finds by words only; it was a 500 on the API's ?q= and the site search."""
    SourceFactory(title="Budget hearing")

    assert client.get("/api/v1/sources/", {"q": text}).status_code == 200
    assert client.get("/search/", {"q": text}).status_code == 200
    assert set(search_sources(text)) == set()
