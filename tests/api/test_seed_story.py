"""The seed article's story, read through the API."""

import pytest

pytestmark = pytest.mark.django_db


def test_mamdanis_police_funding_history_goes_from_2020_to_2025_with_the_shift(anonymous, seeded):
    body = anonymous.get("/api/v1/people/zohran-mamdani/stances/police-funding/").json()
    points = body["points"]
    assert [(p["said_on"]["iso"], p["position"]["slug"]) for p in points] == [
        ("2020", "defund-the-police"),
        ("2025", "reform-without-cutting-funding"),
    ]
    earlier, later = points
    (shift,) = body["shifts"]
    assert (shift["earlier"], shift["later"], shift["rating"]) == (
        earlier["id"],
        later["id"],
        "half_flip",
    )
    assert later["citations"][0]["source"]["title"]


def test_chowdhurys_statement_is_his_but_shows_mamdanis_position(anonymous, seeded):
    rows = anonymous.get("/api/v1/statements/?speaker=karam-chowdhury").json()["results"]
    (statement,) = rows
    assert statement["speaker"]["slug"] == "karam-chowdhury"
    assert statement["subject"]["slug"] == "zohran-mamdani"
    assert statement["kind"] == "characterization"
    assert statement["speaker_organization"]["slug"] == (
        "jamaica-integrated-bangladeshi-officers-network"
    )


def test_mamdanis_stance_summary_lists_both_seed_topics(anonymous, seeded):
    stances = anonymous.get("/api/v1/people/zohran-mamdani/stances/").json()["stances"]
    by_topic = {line["topic"]["slug"]: line for line in stances}
    assert by_topic["police-funding"]["latest_position"]["slug"] == "reform-without-cutting-funding"
    assert by_topic["police-funding"]["first_said"]["iso"] == "2020"
    assert "mental-health-crisis-response" in by_topic


def test_the_seed_quotes_are_searchable(anonymous, seeded):
    rows = anonymous.get("/api/v1/statements/?q=caricature").json()["results"]
    assert [row["speaker"]["slug"] for row in rows] == ["zohran-mamdani"]


def test_a_search_for_defund_the_police_finds_the_seed_statements_that_say_defunding(
    anonymous, seeded
):
    """Full-text search reads the same on both databases: stemmed, stop words dropped."""
    rows = anonymous.get("/api/v1/statements/", {"q": "defund the police"}).json()["results"]
    assert rows
    assert all("defund" in row["text"].lower() for row in rows)
    assert any(row["position"] and row["position"]["slug"] == "defund-the-police" for row in rows)
