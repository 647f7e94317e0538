"""Conditional GET (ETag, Last-Modified, 304), Cache-Control, throttling, cursor pagination."""

import pytest
from rest_framework.test import APIClient

from core.partial_dates import PartialDate
from tests.factories import CitationFactory, PublishedStatementFactory

pytestmark = pytest.mark.django_db

CONDITIONAL_URLS = [
    "/api/v1/statements/{world.said_2025.pk}/",
    "/api/v1/people/zohran-mamdani/",
    "/api/v1/sources/{world.article.pk}/",
    "/api/v1/topics/police-funding/",
    "/api/v1/fact-checks/{world.fact_check.pk}/",
    "/api/v1/people/zohran-mamdani/stances/",
    "/api/v1/people/zohran-mamdani/stances/police-funding/",
]


@pytest.mark.parametrize("template", CONDITIONAL_URLS)
def test_a_repeated_read_with_the_etag_is_a_304(anonymous, world, template):
    url = template.format(world=world)
    first = anonymous.get(url)
    assert first.status_code == 200
    assert first["Last-Modified"]
    second = anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("template", CONDITIONAL_URLS)
def test_the_304_costs_one_query_the_content_revision(
    anonymous, world, template, django_assert_num_queries
):
    url = template.format(world=world)
    etag = anonymous.get(url)["ETag"]
    with django_assert_num_queries(1):
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_token_client_gets_its_304_from_the_view(editor_client, world):
    url = f"/api/v1/statements/{world.said_2025.pk}/"
    first = editor_client.get(url)
    second = editor_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert second["ETag"] == first["ETag"]
    # Staff see drafts: their tag is not the public's, for the same URL.
    assert first["ETag"] != APIClient().get(url)["ETag"]


def test_lists_answer_304_too(anonymous, world):
    url = "/api/v1/statements/"
    etag = anonymous.get(url)["ETag"]
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert anonymous.get(url + "?kind=quote", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_new_citation_changes_the_stance_history_etag(anonymous, world):
    url = "/api/v1/people/zohran-mamdani/stances/police-funding/"
    etag = anonymous.get(url)["ETag"]
    CitationFactory(statement=world.said_2020)
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_renamed_speaker_changes_the_statement_etag(anonymous, world):
    url = f"/api/v1/statements/{world.characterization.pk}/"
    etag = anonymous.get(url)["ETag"]
    world.chowdhury.name = "Karam A. Chowdhury"
    world.chowdhury.save()
    response = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["speaker"]["name"] == "Karam A. Chowdhury"


def test_anonymous_responses_are_publicly_cacheable_and_token_ones_private(
    anonymous, editor_client, world, settings
):
    settings.API_CACHE_MAX_AGE = 120
    public = anonymous.get("/api/v1/statements/")
    assert "public" in public["Cache-Control"]
    assert "max-age=120" in public["Cache-Control"]
    assert "Authorization" in public["Vary"]
    private = editor_client.get("/api/v1/statements/")
    assert "private" in private["Cache-Control"]


def test_anonymous_clients_are_throttled_with_a_429(anonymous, world, settings):
    settings.API_ANON_RATE = "3/minute"
    statuses = [anonymous.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_editors_are_not_held_to_the_anonymous_rate(editor_client, world, settings):
    settings.API_ANON_RATE = "1/minute"
    assert {editor_client.get("/api/v1/topics/").status_code for _ in range(3)} == {200}


def test_cursor_pages_walk_the_whole_list_once_even_with_inserts(anonymous):
    statements = [PublishedStatementFactory() for _ in range(7)]
    seen = []
    response = anonymous.get("/api/v1/statements/?page_size=3").json()
    seen += [row["id"] for row in response["results"]]
    PublishedStatementFactory()  # a newer statement arrives between pages
    while response["next"]:
        response = anonymous.get(response["next"]).json()
        seen += [row["id"] for row in response["results"]]
    assert seen == sorted((s.pk for s in statements), reverse=True)


def test_cursor_pages_by_partial_date(anonymous):
    for text in ["2025-06-24", "2020", "2025", "2025-06", "2021"]:
        PublishedStatementFactory(said_on=PartialDate.parse(text))
    response = anonymous.get("/api/v1/statements/?ordering=said_on&page_size=2").json()
    seen = [row["said_on"]["iso"] for row in response["results"]]
    while response["next"]:
        response = anonymous.get(response["next"]).json()
        seen += [row["said_on"]["iso"] for row in response["results"]]
    assert seen == ["2020", "2021", "2025", "2025-06", "2025-06-24"]


@pytest.mark.parametrize("ordering", ["said_on", "-said_on"])
def test_cursor_pages_by_a_shared_date_walk_the_list_once_even_with_inserts(anonymous, ordering):
    """Statements said the same year are paged by id, not by an offset among them: one
    published between two pages neither repeats a statement nor skips one."""
    said_2020 = [PublishedStatementFactory(said_on=PartialDate(2020)).pk for _ in range(6)]
    response = anonymous.get(f"/api/v1/statements/?ordering={ordering}&page_size=2").json()
    seen = [row["id"] for row in response["results"]]
    newer = PublishedStatementFactory(said_on=PartialDate(2020)).pk  # between pages
    while response["next"]:
        response = anonymous.get(response["next"]).json()
        seen += [row["id"] for row in response["results"]]
    # By id within the year, in the ordering's direction: the newer one sorts last going up,
    # and before the first page going down.
    expected = [*said_2020, newer] if ordering == "said_on" else said_2020[::-1]
    assert seen == expected
    # And back again by the previous links, from the last page: the whole list as it now is.
    back = [row["id"] for row in response["results"]]
    while response["previous"]:
        response = anonymous.get(response["previous"]).json()
        back = [row["id"] for row in response["results"]] + back
    assert back == sorted([*said_2020, newer], reverse=ordering.startswith("-"))


def test_the_page_size_is_bounded_and_beyond_the_bound_a_400(anonymous):
    for _ in range(3):
        PublishedStatementFactory()
    assert len(anonymous.get("/api/v1/statements/?page_size=2").json()["results"]) == 2
    assert len(anonymous.get("/api/v1/statements/?page_size=200").json()["results"]) == 3
    refused = anonymous.get("/api/v1/statements/?page_size=100000")
    assert refused.status_code == 400
    assert refused.json() == {"page_size": ["A whole number from 1 to 200."]}


def test_lists_report_no_counts(anonymous, world):
    assert set(anonymous.get("/api/v1/statements/").json()) == {"next", "previous", "results"}
