"""Every reader page on the seed article's records, as `make run` serves them."""

import re

import pytest

from claims.models import StanceShift, Statement
from sources.models import Source
from tests.pages.sitemap import sitemap_locations

pytestmark = pytest.mark.django_db

STORY = "/people/zohran-mamdani/police-funding/"


@pytest.fixture
def chowdhury_on_mamdani(seeded):
    return Statement.objects.get(
        speaker__slug="karam-chowdhury",
        subject__slug="zohran-mamdani",
        topic__slug="police-funding",
    )


def test_home_lists_the_seeded_statements_and_the_shift(client, seeded, chowdhury_on_mamdani):
    page = client.get("/").content.decode()
    assert chowdhury_on_mamdani.get_absolute_url() in page
    assert StanceShift.objects.get().get_rating_display() in page


def test_search_for_mamdani_finds_him_his_statements_and_the_article(client, seeded):
    page = client.get("/search/", {"q": "Mamdani"}).content.decode()
    assert 'href="/people/zohran-mamdani/"' in page
    assert "<mark>Mamdani</mark>" in page
    assert "Zohran Mamdani attempts to make inroads" in page


def test_mamdanis_page_shows_role_topics_and_endorsements(client, seeded):
    page = client.get("/people/zohran-mamdani/").content.decode()
    assert "Democratic nominee for Mayor of New York City" in page
    assert f'href="{STORY}"' in page
    assert 'href="/people/zohran-mamdani/mental-health-crisis-response/"' in page
    assert "Jamaica Integrated Bangladeshi Officers Network" in page
    assert 'href="/people/rodney-harrison/"' in page


def test_harrisons_role_ended_in_2021(client, seeded):
    page = client.get("/people/rodney-harrison/").content.decode()
    assert "Chief of Department, New York City Police Department" in page
    assert "until 2021" in page


def test_the_police_funding_history_runs_from_2020_to_2025_with_the_shift(client, seeded):
    page = client.get(STORY).content.decode()
    points = page.split('<ol class="points-list" start="1">')[1].split("</ol>")[0]
    assert points.index("<strong>2020</strong>") < points.index("<strong>2025</strong>")
    assert f">{StanceShift.objects.get().get_rating_display()}</text>" in page
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.split('class="runs"')[1]))
    assert summary.index("2020: Defund the police, 1 paraphrase") < summary.index(
        "Half Flip from 2020 to 2025"
    )
    assert (
        "2025: Reform the police without cutting funding, 1 characterization by Karam Chowdhury"
        in summary
    )


def test_chowdhurys_statement_says_who_said_it_about_whom_and_cites_the_article(
    client, chowdhury_on_mamdani
):
    page = client.get(chowdhury_on_mamdani.get_absolute_url()).content.decode()
    assert "<h1>Karam Chowdhury on Zohran Mamdani</h1>" in page
    assert "for Jamaica Integrated Bangladeshi Officers Network" in page
    assert "reforming, not defunding, our police" in page
    assert "Zohran Mamdani attempts to make inroads with New York City police" in page
    assert "via <a" in page and "New York Times report" in page


def test_an_unnamed_speaker_is_shown_by_its_description(client, seeded):
    statement = Statement.objects.get(speaker__isnull=True, speaker_label__startswith="Officers")
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "<h1>Officers on a Zoom call with Mamdani on Zohran Mamdani</h1>" in page


def test_the_article_page_shows_its_archived_text_hash(client, seeded):
    article = Source.objects.get(title__startswith="Zohran Mamdani attempts")
    page = client.get(article.get_absolute_url()).content.decode()
    assert article.snapshots.get().sha256 in page


def test_the_topic_page_puts_mamdani_under_reform(client, seeded):
    page = client.get("/topics/police-funding/").content.decode()
    positions = page.split('id="positions-heading"')[1].split("</section>")[0]
    reform = positions.split("Reform the police without cutting funding")[1].split("<h3>")[0]
    assert "Zohran Mamdani" in reform


def test_the_feed_and_the_sitemap_carry_the_seeds(client, seeded, chowdhury_on_mamdani):
    feed = client.get("/feed/").content.decode()
    assert chowdhury_on_mamdani.get_absolute_url() in feed
    urls = sitemap_locations(client)
    assert f"http://testserver{STORY}" in urls
