"""Atom feeds per person, per topic and per person on a topic: published records only."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from claims.models import Statement, Status
from core.partial_dates import PartialDate
from tests.factories import (
    CorrectionFactory,
    FactCheckFactory,
    PersonFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
)
from tests.pages.story import PUBLISHED_AT

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOST = "http://testserver"


def entries(client, path: str) -> list[dict]:
    """The feed's entries as title, link, id and categories, in the feed's order."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text.startswith("Claim Tracker: ")
    found = []
    for entry in feed.iter(f"{ATOM}entry"):
        found.append(
            {
                "title": entry.find(f"{ATOM}title").text,
                "link": entry.find(f"{ATOM}link").get("href").removeprefix(HOST),
                "id": entry.find(f"{ATOM}id").text,
                "category": [c.get("term") for c in entry.findall(f"{ATOM}category")],
            }
        )
    assert len({entry["id"] for entry in found}) == len(found), "entry ids are unique"
    return found


@pytest.fixture
def followed(story):
    """The story, a published correction of the 2025 statement, and drafts of every kind
    concerning Mamdani and police funding that no feed may show."""
    story.correction = CorrectionFactory(
        record=story.reform,
        status=Status.PUBLISHED,
        published_at=PUBLISHED_AT + datetime.timedelta(hours=4),
        what_changed="The venue was corrected.",
    )
    draft = PublishedStatementFactory(
        speaker=story.mamdani,
        position=story.positions[2],
        said_on=PartialDate(2025, 7),
        text="A draft about expanding the police.",
        status=Status.DRAFT,
    )
    FactCheckFactory(statement=story.reform, claim_reviewed="A draft check.")
    StanceShiftFactory(earlier=story.defund, later=draft, analysis="A draft shift.")
    CorrectionFactory(record=story.defund, what_changed="A draft correction.")
    story.drafts = ["A draft about", "A draft check", "A draft shift", "A draft correction"]
    return story


def links(found: list[dict]) -> list[str]:
    return [entry["link"] for entry in found]


def test_the_person_feed_lists_their_records_newest_first(client, followed):
    found = entries(client, f"/feeds/people/{followed.mamdani.slug}/")

    assert links(found) == [
        f"{followed.reform.get_absolute_url()}#correction-{followed.correction.pk}",
        followed.fact_check.get_absolute_url(),
        followed.shift.get_absolute_url(),
        followed.reform.get_absolute_url(),
        followed.defund.get_absolute_url(),
    ]
    assert [entry["category"] for entry in found] == [
        ["correction"],
        ["fact-check"],
        ["stance shift"],
        ["statement"],
        ["statement"],
    ]
    assert found[0]["title"] == "Correction: The venue was corrected."


def test_the_topic_and_the_person_on_topic_feeds_list_the_same_story(client, followed):
    topic = entries(client, f"/feeds/topics/{followed.police_funding.slug}/")
    stance = entries(
        client, f"/feeds/people/{followed.mamdani.slug}/{followed.police_funding.slug}/"
    )

    assert links(topic) == links(stance) == links(entries(client, "/feeds/people/zohran-mamdani/"))


def test_a_speaker_is_followed_for_what_they_said_about_others(client, followed):
    found = entries(client, f"/feeds/people/{followed.chowdhury.slug}/")

    assert followed.reform.get_absolute_url() in links(found)
    assert followed.defund.get_absolute_url() not in links(found)


def test_no_feed_shows_a_draft(client, followed):
    for path in [
        "/feeds/people/zohran-mamdani/",
        "/feeds/topics/police-funding/",
        "/feeds/people/zohran-mamdani/police-funding/",
    ]:
        body = client.get(path).content.decode()
        assert not [text for text in followed.drafts if text in body], path


def test_a_person_known_only_from_drafts_has_no_feed(client, followed):
    hidden = PersonFactory(name="Hidden Person")
    PublishedStatementFactory(speaker=hidden, status=Status.DRAFT)

    assert client.get(f"/feeds/people/{hidden.slug}/").status_code == 404
    assert client.get("/feeds/topics/no-such-topic/").status_code == 404


def test_each_page_links_its_feed(client, followed):
    alternates = {
        f"/people/{followed.mamdani.slug}/": f"/feeds/people/{followed.mamdani.slug}/",
        f"/topics/{followed.police_funding.slug}/": f"/feeds/topics/{followed.police_funding.slug}/",
        "/people/zohran-mamdani/police-funding/": "/feeds/people/zohran-mamdani/police-funding/",
        "/topics/police-funding/compare/": "/feeds/topics/police-funding/",
    }
    for page, feed in alternates.items():
        html = client.get(page).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" title="Claim Tracker: ' in html
        assert f'href="{feed}">' in html, page
        assert client.get(feed).status_code == 200


def test_a_feed_runs_a_fixed_number_of_queries(client, followed, django_assert_max_num_queries):
    for index in range(12):
        statement = PublishedStatementFactory(
            speaker=followed.mamdani,
            position=followed.positions[index % 5 - 2],
            said_on=PartialDate(2021),
        )
        FactCheckFactory(statement=statement, status=Status.PUBLISHED)
        CorrectionFactory(record=statement, status=Status.PUBLISHED)
    assert Statement.objects.published().filter(speaker=followed.mamdani).count() > 12
    # revision; person; statements; fact-checks; shifts; corrections; the corrected
    # statements and shifts (one query per kind corrected); content types
    with django_assert_max_num_queries(10):
        response = client.get("/feeds/people/zohran-mamdani/")
    assert response.status_code == 200
