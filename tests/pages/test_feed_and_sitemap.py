"""The Atom feed of newly published records, and the sitemap of public pages."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from claims.models import Status
from tests.factories import CorrectionFactory, RatingFactory
from tests.pages.sitemap import SITEMAP, section_pages, sitemap_entries, sitemap_locations

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_atom_with_statements_fact_checks_and_shifts_newest_first(client, story):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert links == [
        f"http://testserver{story.fact_check.get_absolute_url()}",
        f"http://testserver{story.shift.get_absolute_url()}",
        f"http://testserver{story.reform.get_absolute_url()}",
        f"http://testserver{story.defund.get_absolute_url()}",
    ]


def test_the_feed_marks_retracted_records(client, story):
    story.shift.status = "retracted"
    story.shift.retraction_reason = "Rated on a misread quote."
    story.shift.save()
    feed = ET.fromstring(client.get("/feed/").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "Retracted: Zohran Mamdani on Police funding: Full Flop" in titles


def summaries(path: str, client) -> dict[str, tuple[str, str]]:
    """Each entry's link and its summary: (the summary's type, its HTML as a reader gets it)."""
    feed = ET.fromstring(client.get(path).content)
    return {
        entry.find(f"{ATOM}link").get("href"): (
            entry.find(f"{ATOM}summary").get("type"),
            entry.find(f"{ATOM}summary").text,
        )
        for entry in feed.iter(f"{ATOM}entry")
    }


def test_a_summary_shows_what_an_editor_typed_as_text_in_its_paragraphs(client, story):
    """A summary is HTML to feed readers: typed markup stays text, and each paragraph of a
    correction (what changed, then why) is a paragraph, not run into the next."""
    story.reform.text = "Cut it for those on <b>under</b> $50,000 & fund the rest."
    story.reform.save()
    correction = CorrectionFactory(
        record=story.reform,
        status=Status.PUBLISHED,
        published_at=story.reform.published_at,
        what_changed="The amount was <i>wrong</i>.",
        reason="The source said $50,000.",
    )

    statement = summaries("/feed/", client)[f"http://testserver{story.reform.get_absolute_url()}"]
    followed = summaries(f"/feeds/people/{story.mamdani.slug}/", client)
    note = followed[
        f"http://testserver{story.reform.get_absolute_url()}#correction-{correction.pk}"
    ]

    assert statement == (
        "html",
        "<p>Cut it for those on &lt;b&gt;under&lt;/b&gt; $50,000 &amp; fund the rest.</p>",
    )
    assert note == (
        "html",
        "<p>The amount was &lt;i&gt;wrong&lt;/i&gt;.</p>\n\n<p>Why: The source said $50,000.</p>",
    )


def test_a_published_record_changed_in_place_is_updated_in_the_feed(client, story):
    """A fact-check re-rated after publication: its entry says the new rating and, in
    <updated>, when it changed, so feed readers fetch it again; <published> stays."""

    def entry_of(feed, record):
        url = f"http://testserver{record.get_absolute_url()}"
        return next(
            e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href") == url
        )

    before = entry_of(ET.fromstring(client.get("/feed/").content), story.fact_check)
    story.fact_check.rating = RatingFactory(name="Pants on Fire", slug="pants-on-fire", value=1)
    story.fact_check.save()

    feed = ET.fromstring(client.get("/feed/").content)
    after = entry_of(feed, story.fact_check)
    assert "(Pants on Fire)" in after.find(f"{ATOM}title").text
    assert after.find(f"{ATOM}published").text == before.find(f"{ATOM}published").text
    updated = [datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in (before, after)]
    assert updated[1] > updated[0]
    assert feed.find(f"{ATOM}updated").text == after.find(f"{ATOM}updated").text


def test_the_home_page_announces_the_feed(client):
    assert b'type="application/atom+xml"' in client.get("/").content


def test_the_sitemap_lists_every_public_page(client, story):
    urls = sitemap_locations(client)
    expected = {
        "/people/zohran-mamdani/",
        "/people/karam-chowdhury/",
        "/people/zohran-mamdani/police-funding/",
        story.defund.get_absolute_url(),
        story.reform.get_absolute_url(),
        story.fact_check.get_absolute_url(),
        story.article.get_absolute_url(),
        "/topics/police-funding/",
    }
    assert {f"http://testserver{path}" for path in expected} <= urls


def sitemap_lastmod(client, url):
    """The lastmod the sitemap gives the page at `url` (a path)."""
    for entry in sitemap_entries(client):
        if entry.find(f"{SITEMAP}loc").text == f"http://testserver{url}":
            return datetime.fromisoformat(entry.find(f"{SITEMAP}lastmod").text)
    raise AssertionError(f"{url} is not in the sitemap")


def test_a_statements_lastmod_moves_with_what_its_page_shows(client, story):
    """The page shows the statement's citations, public fact-checks and published corrections:
    a change to any of them is a change to the page, for crawlers as for readers. (The sitemap
    gives days: each change is made today on records last changed long ago.)"""
    from django.utils import timezone

    from claims.models import Citation, FactCheck, Statement

    long_ago = datetime(2025, 7, 1, tzinfo=UTC)

    def all_long_ago():
        for model in (Statement, Citation, FactCheck):
            model.objects.update(updated_at=long_ago)

    url = story.defund.get_absolute_url()
    today = timezone.localdate()
    all_long_ago()
    assert sitemap_lastmod(client, url).date() == long_ago.date()
    citation = story.defund.citations.get()
    citation.excerpt += " "
    citation.save()
    assert sitemap_lastmod(client, url).date() == today
    all_long_ago()
    story.fact_check.analysis = "Rewritten after review."
    story.fact_check.save()
    assert sitemap_lastmod(client, url).date() == today
    all_long_ago()
    CorrectionFactory(record=story.defund, status=Status.PUBLISHED, published_at=timezone.now())
    assert sitemap_lastmod(client, url).date() == today


def test_the_sitemap_is_an_index_of_files_none_over_its_page_size(client, story, monkeypatch):
    """One file for every page broke the protocol's 50,000 addresses a file at scale: each
    kind of page has its own sitemap, paged, and the index lists every page."""
    from claims.sitemaps import PublicSitemap

    everything = sitemap_locations(client)
    monkeypatch.setattr(PublicSitemap, "limit", 2)
    pages = section_pages(client)
    assert any("?p=2" in page for page in pages)
    for page in pages:
        entries = list(ET.fromstring(client.get(page).content).iter(f"{SITEMAP}url"))
        assert len(entries) <= 2, page
    assert sitemap_locations(client) == everything


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_the_desk(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
