"""Each endpoint's fields and values, and 404 for what does not exist."""

import pytest

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_root_lists_every_collection_and_each_address_answers(anonymous, world):
    """A client starts at /api/v1/ (it was a 404): each collection by name, each address live."""
    response = anonymous.get("/api/v1/")
    assert response.status_code == 200
    assert response["ETag"] and response["Cache-Control"] == "public, max-age=60"
    entry_points = response.json()
    assert {"people", "statements", "sources", "fact-checks", "promises"} <= set(entry_points)
    for name, address in entry_points.items():
        assert address == f"http://testserver/api/v1/{name}/"
        assert anonymous.get(address).status_code == 200, name
    assert anonymous.get("/api/v1/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert anonymous.get("/api/v1/?people=x").status_code == 400
    assert anonymous.get("/api/v1/people.json").status_code == 404  # no format suffixes


def test_people_list_shows_names_aliases_roles_and_links(anonymous, world):
    (chowdhury,) = [
        p for p in results(anonymous.get("/api/v1/people/")) if p["slug"] == "karam-chowdhury"
    ]
    assert chowdhury["name"] == "Karam Chowdhury"
    assert chowdhury["url"] == "http://testserver/api/v1/people/karam-chowdhury/"
    assert chowdhury["stances_url"] == "http://testserver/api/v1/people/karam-chowdhury/stances/"
    (role,) = chowdhury["roles"]
    assert role["title"] == "President"
    assert role["organization"]["slug"] == "jibon"
    assert role["start"] == {"iso": "2020", "precision": "year", "text": "2020"}
    assert role["is_current"] is True


def test_person_detail_by_slug(anonymous, world):
    body = anonymous.get("/api/v1/people/zohran-mamdani/").json()
    assert body["name"] == "Zohran Mamdani"
    assert body["aliases"] == ["Mamdani"]
    assert body["wikidata_id"] == "Q96026786"


def test_organization_detail_by_slug(anonymous, world):
    body = anonymous.get("/api/v1/organizations/jibon/").json()
    assert body["name"] == "Jamaica Integrated Bangladeshi Officers Network"
    assert body["kind"] == "police"
    assert body["parent"] is None


def test_source_detail_has_publisher_date_and_snapshots(anonymous, world):
    body = anonymous.get(f"/api/v1/sources/{world.article.pk}/").json()
    assert body["title"] == "Mamdani and the police"
    assert body["web_url"] == world.article.url
    assert body["publisher"]["slug"] == "the-new-york-times"
    assert body["published_on"] == {"iso": "2025-06-24", "precision": "day", "text": "24 June 2025"}
    assert [s["sha256"] for s in body["snapshots"]] == [world.snapshot.sha256]
    assert "notes" not in body


def test_topic_detail_lists_positions_along_the_axis(anonymous, world):
    body = anonymous.get("/api/v1/topics/police-funding/").json()
    assert body["name"] == "Police funding"
    assert [(p["slug"], p["axis_value"]) for p in body["positions"]] == [
        ("defund", -2),
        ("civilian", -1),
    ]


def test_statement_detail_names_speaker_subject_and_citations(anonymous, world):
    body = anonymous.get(f"/api/v1/statements/{world.characterization.pk}/").json()
    assert body["speaker"]["slug"] == "karam-chowdhury"
    assert body["subject"]["slug"] == "zohran-mamdani"
    assert body["kind"] == "characterization"
    assert body["said_on"] == {"iso": "2025-06", "precision": "month", "text": "June 2025"}
    assert body["venue"] == "Zoom call with officers"
    assert body["topic"]["slug"] == "police-funding"
    assert body["position"]["slug"] == "defund"
    assert body["status"] == "published"
    (citation,) = body["citations"]
    assert citation["source"]["title"] == "Mamdani and the police"


def test_statement_list_is_newest_first(anonymous, world):
    ids = [s["id"] for s in results(anonymous.get("/api/v1/statements/"))]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == 3


def test_citation_shows_the_snapshot_hash(anonymous, world):
    body = anonymous.get(f"/api/v1/citations/{world.cited.pk}/").json()
    assert body["statement"] == world.said_2025.pk
    assert body["locator"] == "paragraph 9"
    assert body["snapshot_sha256"] == world.snapshot.sha256


def test_endorsement_names_the_endorser(anonymous, world):
    (body,) = results(anonymous.get("/api/v1/endorsements/"))
    assert body["endorser"] == {
        "kind": "person",
        "slug": "karam-chowdhury",
        "name": "Karam Chowdhury",
    }
    assert body["endorsed"]["slug"] == "zohran-mamdani"


def test_fact_check_shows_rating_and_statement(anonymous, world):
    body = anonymous.get(f"/api/v1/fact-checks/{world.fact_check.pk}/").json()
    assert body["claim_reviewed"] == "Mamdani wants to defund the police."
    assert body["rating"] == {
        "slug": "half-true",
        "name": "Half True",
        "value": 3,
        "best": 6,
        "worst": 1,
        "scale": "Truth-O-Meter",
    }
    assert body["statement"]["id"] == world.characterization.pk
    assert body["claimreview_url"].endswith(
        f"/fact-checks/{world.fact_check.pk}/claimreview.jsonld"
    )


def test_stance_shift_links_both_statements(anonymous, world):
    body = anonymous.get(f"/api/v1/stance-shifts/{world.shift.pk}/").json()
    assert body["rating"] == "half_flip"
    assert body["earlier"]["id"] == world.said_2020.pk
    assert body["later"]["id"] == world.said_2025.pk


def test_correction_names_its_record(anonymous, world):
    (body,) = results(anonymous.get("/api/v1/corrections/"))
    assert body["record_type"] == "statement"
    assert body["record_id"] == world.said_2025.pk


def test_stance_summary_gives_latest_position_count_and_range(anonymous, world):
    body = anonymous.get("/api/v1/people/zohran-mamdani/stances/").json()
    (line,) = body["stances"]
    assert line["topic"]["slug"] == "police-funding"
    assert line["latest_position"]["slug"] == "civilian"
    assert line["statement_count"] == 3
    assert line["first_said"]["iso"] == "2020"
    assert line["last_said"]["iso"] == "2025-06-24"
    assert line["history_url"].endswith("/api/v1/people/zohran-mamdani/stances/police-funding/")


def test_stance_history_orders_points_and_carries_shifts(anonymous, world):
    body = anonymous.get("/api/v1/people/zohran-mamdani/stances/police-funding/").json()
    assert [p["said_on"]["iso"] for p in body["points"]] == ["2020", "2025-06", "2025-06-24"]
    first, characterization, latest = body["points"]
    assert first["position"] == {
        "id": world.defund.pk,
        "slug": "defund",
        "name": "Defund the police",
        "axis_value": -2,
    }
    assert characterization["speaker"]["slug"] == "karam-chowdhury"
    assert characterization["subject"]["slug"] == "zohran-mamdani"
    assert characterization["kind"] == "characterization"
    (citation,) = latest["citations"]
    assert citation["source"]["web_url"] == world.article.url
    assert citation["source"]["publisher"]["name"] == "The New York Times"
    assert citation["snapshot_sha256"] == world.snapshot.sha256
    (shift,) = body["shifts"]
    assert (shift["earlier"], shift["later"], shift["rating"]) == (
        world.said_2020.pk,
        world.said_2025.pk,
        "half_flip",
    )
    assert [p["axis_value"] for p in body["topic"]["positions"]] == [-2, -1]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people/nobody/",
        "/api/v1/organizations/nobody/",
        "/api/v1/topics/nothing/",
        "/api/v1/sources/999999/",
        "/api/v1/statements/999999/",
        "/api/v1/statements/abc/",
        "/api/v1/statements/99999999999999999999999/",
        "/api/v1/citations/999999/",
        "/api/v1/endorsements/999999/",
        "/api/v1/fact-checks/999999/",
        "/api/v1/fact-checks/999999/claimreview.jsonld",
        "/api/v1/fact-checks/99999999999999999999999/claimreview.jsonld",
        "/api/v1/stance-shifts/999999/",
        "/api/v1/corrections/999999/",
        "/api/v1/people/nobody/stances/",
        "/api/v1/people/nobody/stances/police-funding/",
        "/api/v1/people/zohran-mamdani/stances/no-such-topic/",
    ],
)
def test_unknown_records_are_404(anonymous, world, url):
    response = anonymous.get(url)
    assert response.status_code == 404
    assert "detail" in response.json()
