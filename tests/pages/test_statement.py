"""The statement page: the words, who said them about whom, and the evidence."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from claims.models import Correction, Statement, Status
from sources.models import Source
from tests.factories import CitationFactory, PublishedStatementFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_it_shows_who_said_it_about_whom_with_the_source(client, story):
    response = client.get(story.reform.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Karam Chowdhury on Zohran Mamdani</h1>" in page
    assert "Karam Chowdhury said this about Zohran Mamdani" in page
    assert "Characterization by another person" in page
    assert "reforming, not defunding, our police" in page
    assert "Mamdani makes inroads with police officers" in page
    assert 'href="https://news.example.org/mamdani-police"' in page


def test_citations_show_via_snapshot_and_verification(client, story):
    page = client.get(story.reform.get_absolute_url()).content.decode()
    assert 'via <a href="/sources/' in page and "The New York Times" in page
    assert story.snapshot.sha256 in page
    assert "25 June 2025" in page  # the snapshot's date
    assert "found in source" in page
    assert f'href="https://web.archive.org/web/*/{story.article.url}"' in page


def test_a_citations_check_says_what_was_found_a_quote_or_only_the_excerpt(client, seeded):
    """Quote checking finds a verbatim quote's words in the copy, but only the cited excerpt
    of anything else: a paraphrase's citation never reads "Quote: found in source"."""
    paraphrase = Statement.objects.get(text__startswith="Mamdani called for defunding")
    quote = Statement.objects.get(text__startswith="I was not a fan of Mamdani")

    paraphrase_page = client.get(paraphrase.get_absolute_url()).content.decode()
    quote_page = client.get(quote.get_absolute_url()).content.decode()

    assert "Excerpt: found in source" in paraphrase_page
    assert "Quote: " not in paraphrase_page
    assert "Quote and excerpt: found in source" in quote_page


def test_quotes_are_quoted_and_paraphrases_marked(client, story):
    quote = PublishedStatementFactory(speaker=story.mamdani, text="Behind every headline.")
    quote_page = client.get(quote.get_absolute_url()).content.decode()
    assert "<blockquote" in quote_page and "“Behind every headline.”" in quote_page
    paraphrase_page = client.get(story.defund.get_absolute_url()).content.decode()
    assert "Paraphrase:</span> Called for defunding" in paraphrase_page


def test_it_links_fact_checks_shifts_and_the_stance_history(client, story):
    page = client.get(story.defund.get_absolute_url()).content.decode()
    assert story.fact_check.get_absolute_url() in page
    assert story.shift.get_absolute_url() in page
    assert 'href="/people/zohran-mamdani/police-funding/"' in page


def test_a_retracted_statement_shows_a_banner_with_the_reason(client, story):
    Statement.objects.filter(pk=story.reform.pk).update(
        status=Status.RETRACTED,
        retracted_at=datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC),
        retraction_reason="The quote was attributed to the wrong person.",
    )
    page = client.get(story.reform.get_absolute_url()).content.decode()
    assert 'class="banner banner--retracted"' in page
    assert "Retracted on 1 August 2025" in page
    assert "The quote was attributed to the wrong person." in page


def test_public_corrections_are_listed(client, story):
    Correction.objects.create(
        content_type=ContentType.objects.get_for_model(Statement),
        object_id=story.reform.pk,
        what_changed="The date was given as June 2025; only the year is known.",
        reason="The article gives no month.",
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 7, 5, tzinfo=datetime.UTC),
    )
    page = client.get(story.reform.get_absolute_url()).content.decode()
    assert "The date was given as June 2025" in page
    assert "Corrected 5 July 2025" in page


def test_unknown_statement_is_404(client):
    assert client.get("/statements/999999/").status_code == 404


@pytest.mark.parametrize("size", [1, 20])
def test_the_statement_page_runs_a_constant_number_of_queries(
    client, size, django_assert_max_num_queries
):
    statement = PublishedStatementFactory()
    for _ in range(size):
        CitationFactory(statement=statement, source=SourceFactory(via=SourceFactory()))
    # Content types are cached per process, as in production: the page asks those of
    # statements (corrections) and sources (the sources' corrections), whichever test ran first.
    ContentType.objects.get_for_models(Statement, Source)
    # statement with people, topic, position; citations with sources, publishers, via,
    # snapshots; fact-checks; shifts; corrections; the claim it makes (claims.matching); the
    # sources' corrections (audit log)
    # +1: the content revision, for the ETag and the response cache (core/revisions.py)
    with django_assert_max_num_queries(7 + 1):
        response = client.get(statement.get_absolute_url())
    assert response.content.count(b'class="citation"') == size + 1


def test_a_huge_id_is_404_not_an_overflow(client):
    for prefix in ("statements", "sources", "fact-checks"):
        assert client.get(f"/{prefix}/{'9' * 30}/").status_code == 404
        assert client.get(f"/{prefix}/{'9' * 18}/").status_code == 404
