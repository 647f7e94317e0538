"""Titles read naturally and a quote is between quotation marks once."""

import html
import re
import xml.etree.ElementTree as ET

import pytest

from claims.models import Statement
from claims.wording import quoted
from core.partial_dates import PartialDate
from tests.factories import PublishedStatementFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("We will fund them", "“We will fund them”"),
        ("“We will fund them”", "“We will fund them”"),
        ('"We will fund them"', '"We will fund them"'),
        ("“Fund them,” he said", "““Fund them,” he said”"),
    ],
)
def test_a_text_is_quoted_unless_it_already_is(text, shown):
    assert quoted(text) == shown


@pytest.mark.django_db
def test_own_words_are_titled_by_the_speaker_alone_in_pages_and_feed(client, story):
    own = PublishedStatementFactory(
        speaker=story.mamdani,
        kind=Statement.Kind.QUOTE,
        text="“We will keep every officer.”",
        said_on=PartialDate(2025, 7),
    )
    page = client.get(own.get_absolute_url()).content.decode()
    feed = ET.fromstring(client.get("/feed/").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]

    assert "<title>Zohran Mamdani: “We will keep every officer.” (July 2025)" in page
    assert "Zohran Mamdani on Zohran Mamdani" not in page + " ".join(titles)
    assert "Zohran Mamdani: “We will keep every officer.”" in titles
    assert "““" not in page
    assert any(title.startswith("Karam Chowdhury on Zohran Mamdani: ") for title in titles)


@pytest.mark.django_db
def test_every_reader_page_describes_itself_not_the_site(client, story):
    """Search results show a page's meta description: a topic, source, archived copy, or
    list page names what it is about instead of repeating the site's."""
    site = client.get("/").content.decode()
    site_description = re.search(r'<meta name="description" content="([^"]*)"', site)[1]
    pages = {
        story.police_funding.get_absolute_url(): "Police funding",
        story.article.get_absolute_url(): story.article.title,
        f"/archived-copies/{story.snapshot.pk}/": story.article.title,
        f"/fact-checks/?person={story.mamdani.slug}": "Zohran Mamdani",
        f"/stance-shifts/?person={story.mamdani.slug}": "Zohran Mamdani",
        "/search/?q=police": "police",
    }
    for url, subject in pages.items():
        page = html.unescape(client.get(url).content.decode())
        description = re.search(r'<meta name="description" content="([^"]*)"', page)[1]
        assert description != html.unescape(site_description), url
        assert subject in description, url
