"""The source page and the topic page."""

import re

import pytest

from claims import selectors
from core.partial_dates import PartialDate
from tests.factories import PersonFactory, PositionFactory, PublishedStatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_source_page_shows_publisher_via_snapshots_and_citing_statements(client, story):
    response = client.get(story.article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Mamdani makes inroads with police officers</h1>" in page
    assert "The Daily Report" in page
    assert "Reports through" in page and "The New York Times" in page
    assert story.snapshot.sha256 in page
    assert story.defund.get_absolute_url() in page
    assert story.reform.get_absolute_url() in page
    assert "web.archive.org/web/*/https://news.example.org/mamdani-police" in page


def test_the_source_page_hides_editors_notes(client, story):
    story.article.notes = "Editors only: check with the desk."
    story.article.save()
    page = client.get(story.article.get_absolute_url()).content.decode()
    assert "Editors only" not in page


def test_unknown_source_is_404(client):
    assert client.get("/sources/999999/").status_code == 404


def test_the_topic_page_lists_positions_and_who_holds_which(client, story):
    response = client.get("/topics/police-funding/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Police funding</h1>" in page
    positions = page.split('id="positions-heading"')[1].split("</section>")[0]
    reform = positions.split("Reform the police without cutting funding")[1].split("<h3>")[0]
    assert "Zohran Mamdani" in reform
    defund = positions.split("Defund the police")[1].split("<h3>")[0]
    assert "Zohran Mamdani" not in defund
    assert story.reform.get_absolute_url() in page


def test_the_topic_page_shows_positions_highest_first(client, story):
    page = client.get("/topics/police-funding/").content.decode()
    assert page.index("Expand police funding") < page.index("Defund the police")


def test_unknown_topic_is_404(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_the_upstream_source_of_a_cited_one_has_its_page(client, story):
    """The New York Times report is reached through `via`: it is on the public record too."""
    response = client.get(story.times_report.get_absolute_url())
    assert response.status_code == 200
    assert b"<h1>Mamdani courts the police</h1>" in response.content


def test_the_topic_page_lists_only_the_people_most_recently_placed(
    client, monkeypatch, django_assert_max_num_queries
):
    """Every person who ever spoke on a topic was listed: at a million statements, a page of
    1.6 MB. Now the most recent few, each under their latest position, in fixed queries."""
    monkeypatch.setattr(selectors, "MOST_HOLDERS", 3)
    topic = TopicFactory()
    low, high = (PositionFactory(topic=topic, axis_value=value) for value in (-1, 1))
    people = [PersonFactory(name=f"Person {index}") for index in range(5)]
    for index, person in enumerate(people):
        # Each moved from high to low; the later the index, the later they spoke.
        PublishedStatementFactory(
            speaker=person, topic=topic, position=high, said_on=PartialDate(2000 + index)
        )
        PublishedStatementFactory(
            speaker=person, topic=topic, position=low, said_on=PartialDate(2010 + index)
        )
    with django_assert_max_num_queries(6):
        page = client.get(topic.get_absolute_url()).content.decode()
    positions = page.split('id="positions-heading"')[1].split("</section>")[0]
    listed = re.findall(r"Person \d", positions)
    assert listed == ["Person 4", "Person 3", "Person 2"]
    assert positions.index(low.name) < positions.index("Person 4")


def test_a_retracted_statement_places_nobody_on_the_topic_page(client, retracted_last_word):
    """A person whose latest statement was retracted is listed under the position their
    latest standing statement takes, as the comparison places them, not the retracted one."""
    person, topic, standing, retracted = retracted_last_word

    page = client.get(topic.get_absolute_url()).content.decode()

    positions = page.split('id="positions-heading"')[1].split("</section>")[0]
    assert person.name in positions.split(standing.name)[1].split("<h3>")[0]
    assert person.name not in positions.split(retracted.name)[1].split("<h3>")[0]
