"""Readers see a correction, not a silent swap, when a publisher changes a cited source."""

import pytest
from django.utils import dateformat, timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import AuditEntry
from tests.api.versions import if_match
from tests.factories import (
    CitationFactory,
    PublishedStatementFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def change_source(user, source, change: dict) -> None:
    """Change a source through the API as `user`, with the version it read."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    url = f"/api/v1/sources/{source.pk}/"
    response = api.patch(url, change, format="json", **if_match(api, url))
    assert response.status_code == 200, response.content


def day_of(entry: AuditEntry) -> str:
    return dateformat.format(timezone.localtime(entry.at), "j F Y")


def test_a_reader_sees_that_a_cited_link_and_title_were_corrected(client, publisher):
    source = SourceFactory(title="Original title", url="https://news.example/original")
    statement = PublishedStatementFactory(citation__source=source)

    change_source(
        publisher, source, {"title": "Corrected title", "web_url": "https://news.example/right"}
    )

    day = day_of(AuditEntry.objects.get(action=AuditEntry.Action.SOURCE_CHANGED))
    for url in (statement.get_absolute_url(), source.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Corrected title" in page
        assert (
            f"The source’s link was corrected on {day}: was "
            '<span class="was">https://news.example/original</span>'
        ) in page, url
        assert (
            f'The source’s title was corrected on {day}: was <span class="was">Original title</span>'
        ) in page, url
        # The old link is named, never offered as a link.
        assert 'href="https://news.example/original"' not in page


def test_a_change_to_another_field_is_no_correction_note(client, publisher):
    source = SourceFactory(title="Original title", url="https://news.example/original")
    statement = PublishedStatementFactory(citation__source=source)
    change_source(publisher, source, {"published_on": "2020"})
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SOURCE_CHANGED).exists()
    assert "was corrected on" not in client.get(statement.get_absolute_url()).content.decode()


def test_changes_to_a_source_only_drafts_cite_neither_leak_nor_become_notes(
    client, editor, publisher
):
    source = SourceFactory(title="Secret working title", url="https://draft.example/first")
    draft = StatementFactory()
    CitationFactory(statement=draft, source=source)
    change_source(editor, source, {"title": "Draft title", "web_url": "https://draft.example/2"})

    assert client.get(source.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404

    # Once a published statement cites it, the changes made while it was a draft's are not
    # corrections: readers never saw the earlier words.
    statement = PublishedStatementFactory(citation__source=source)
    for url in (statement.get_absolute_url(), source.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "was corrected on" not in page
        assert "Secret working title" not in page
        assert "draft.example/first" not in page


def test_the_statement_page_reads_corrections_of_all_its_sources_in_two_queries(
    client, publisher, django_assert_max_num_queries
):
    statement = PublishedStatementFactory()
    sources = [SourceFactory(title=f"Title {number}") for number in range(3)]
    for source in sources:
        CitationFactory(statement=statement, source=source)
        change_source(publisher, source, {"title": f"{source.title}, corrected"})
    # statement; citations with their sources; fact-checks; shifts; corrections; the claim it
    # makes (claims.matching); the sources' audit entries; their history entries; +1 the
    # content revision
    with django_assert_max_num_queries(8 + 1):
        page = client.get(statement.get_absolute_url()).content.decode()
    assert page.count('class="source-correction') == 3
