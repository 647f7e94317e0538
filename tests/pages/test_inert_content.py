"""Whatever an editor typed is shown as text: no markup, no script, no javascript: link."""

import pytest

from sources.models import Source
from tests.factories import CitationFactory, PublishedStatementFactory, SourceFactory

pytestmark = pytest.mark.django_db

HOSTILE_QUOTE = 'Fund the police <script>alert(1)</script> <img src=x onerror="alert(2)">'


@pytest.fixture
def hostile(story):
    source = SourceFactory(title="<b>Hostile</b> source", url="javascript:alert(1)")
    statement = PublishedStatementFactory(
        speaker=story.mamdani,
        position=story.positions[1],
        text=HOSTILE_QUOTE,
        venue="<i>venue</i>",
        citation__source=source,
        citation__excerpt=HOSTILE_QUOTE,
    )
    return statement, source


def test_the_stored_url_really_is_a_javascript_url(hostile):
    _, source = hostile
    assert Source.objects.get(pk=source.pk).url.startswith("javascript:")


def test_a_hostile_quote_is_escaped_on_every_page(client, story, hostile):
    statement, source = hostile
    for url in [
        statement.get_absolute_url(),
        source.get_absolute_url(),
        "/people/zohran-mamdani/police-funding/",
        "/topics/police-funding/",
        "/search/?q=police",
        "/",
    ]:
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page, url
        assert "<img src=x" not in page, url
        assert "<b>Hostile" not in page and "<i>venue" not in page, url


def test_a_javascript_url_is_never_a_link(client, story, hostile):
    statement, source = hostile
    for url in [statement.get_absolute_url(), source.get_absolute_url(), "/search/?q=Hostile"]:
        page = client.get(url).content.decode()
        assert 'href="javascript:' not in page.lower(), url
        assert "web.archive.org/web/*/javascript" not in page, url
    assert "javascript:alert(1)" in client.get(source.get_absolute_url()).content.decode()


def test_the_feed_escapes_hostile_text(client, story, hostile):
    content = client.get("/feed/").content.decode()
    assert "<script>alert(1)" not in content


def test_only_http_and_https_urls_are_web_urls(db):
    assert SourceFactory(url="https://example.org/a").web_url == "https://example.org/a"
    assert SourceFactory(url="HTTP://example.org/b").web_url == "http://example.org/b"
    assert SourceFactory(url="javascript:alert(1)").web_url == ""
    assert SourceFactory(url="data:text/html,hi").web_url == ""
    assert SourceFactory(url=None).web_url == ""


def test_a_citation_excerpt_with_markup_is_text(client, story):
    citation = CitationFactory(
        statement=story.reform, source=story.article, excerpt="</blockquote><script>x</script>"
    )
    page = client.get(citation.statement.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page
