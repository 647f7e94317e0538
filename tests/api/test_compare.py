"""GET /api/v1/topics/<slug>/compare/?people=...: people compared on a topic, as the page does."""

import pytest

from claims.models import Status
from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/topics/police-funding/compare/"


def test_the_seed_people_are_compared_on_police_funding(anonymous, seeded):
    response = anonymous.get(URL, {"people": "zohran-mamdani,karam-chowdhury"})

    assert response.status_code == 200
    body = response.json()
    assert body["topic"]["slug"] == "police-funding"
    assert [p["axis_value"] for p in body["topic"]["positions"]] == [-2, -1, 0, 1, 2]
    assert body["period"] == "month"
    mamdani, chowdhury = body["people"]
    assert mamdani["person"]["slug"] == "zohran-mamdani"
    assert [
        (p["said_on"]["iso"], p["position"]["slug"], p["count"]) for p in mamdani["periods"]
    ] == [
        ("2020", "defund-the-police", 1),
        ("2025", "reform-without-cutting-funding", 1),
    ]
    assert all(
        p["statement_url"].startswith("http://testserver/api/v1/statements/")
        for p in mamdani["periods"]
    )
    latest = mamdani["latest"]
    assert latest["position"]["slug"] == "reform-without-cutting-funding"
    assert latest["said_on"]["iso"] == "2025"
    assert latest["kind"] == "characterization"
    assert latest["speaker_display"] == "Karam Chowdhury"
    assert mamdani["history_url"].endswith("/api/v1/people/zohran-mamdani/stances/police-funding/")
    assert chowdhury["person"]["slug"] == "karam-chowdhury"
    assert chowdhury["periods"] == []
    assert chowdhury["latest"] is None
    assert response["ETag"]


def test_three_generated_people_in_the_order_named(anonymous):
    position = factories.PositionFactory(axis_value=-1)
    other = factories.PositionFactory(topic=position.topic, axis_value=1)
    people = [factories.PersonFactory() for _ in range(3)]
    for index, person in enumerate(people):
        factories.PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate(2020 + index)
        )
        factories.PublishedStatementFactory(
            speaker=person, position=other, said_on=PartialDate(2024, index + 1)
        )
    named = [people[2], people[0], people[1]]

    response = anonymous.get(
        f"/api/v1/topics/{position.topic.slug}/compare/",
        {"people": ",".join(person.slug for person in named)},
    )

    assert response.status_code == 200
    body = response.json()
    assert [entry["person"]["slug"] for entry in body["people"]] == [p.slug for p in named]
    first = body["people"][0]
    assert [p["said_on"]["iso"] for p in first["periods"]] == ["2022", "2024-03"]
    assert first["latest"]["position"]["id"] == other.pk


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ("a,b,c,d,e,f,g", "At most 6 people"),
        ("zohran-mamdani,zohran-mamdani", "Each person may be named once"),
        ("zohran-mamdani,nobody-at-all", "No such person: nobody-at-all."),
        ("", "Name the people to compare"),
        ("x" * 300, "is not a person's slug"),
    ],
)
def test_bad_people_are_a_400_naming_the_field(anonymous, seeded, people, message):
    response = anonymous.get(URL, {"people": people})

    assert response.status_code == 400
    (error,) = response.json()["people"]
    assert message in error


def test_a_missing_people_parameter_is_a_400(anonymous, seeded):
    response = anonymous.get(URL)

    assert response.status_code == 400
    assert "Name the people to compare" in response.json()["people"][0]


def test_an_unknown_parameter_is_a_400_and_an_unknown_topic_a_404(anonymous, seeded):
    assert anonymous.get(URL, {"people": "zohran-mamdani", "person": "x"}).status_code == 400
    response = anonymous.get("/api/v1/topics/nothing/compare/", {"people": "zohran-mamdani"})
    assert response.status_code == 404


def test_anonymous_clients_see_published_statements_only_and_editors_drafts_too(
    anonymous, editor_client
):
    position = factories.PositionFactory()
    person = factories.PersonFactory()
    factories.PublishedStatementFactory(
        speaker=person, position=position, said_on=PartialDate(2020)
    )
    factories.PublishedStatementFactory(
        speaker=person, position=position, said_on=PartialDate(2023), status=Status.DRAFT
    )
    drafted = factories.PersonFactory()
    factories.PublishedStatementFactory(speaker=drafted, position=position, status=Status.DRAFT)
    url = f"/api/v1/topics/{position.topic.slug}/compare/"

    public = anonymous.get(url, {"people": person.slug}).json()["people"][0]
    assert [p["said_on"]["iso"] for p in public["periods"]] == ["2020"]
    assert anonymous.get(url, {"people": drafted.slug}).status_code == 400

    staff = editor_client.get(url, {"people": f"{person.slug},{drafted.slug}"}).json()["people"]
    assert [p["said_on"]["iso"] for p in staff[0]["periods"]] == ["2020", "2023"]
    assert len(staff[1]["periods"]) == 1


@pytest.mark.parametrize(("count", "each"), [(1, 1), (6, 10)])
def test_the_comparison_runs_a_fixed_number_of_queries(
    anonymous, django_assert_max_num_queries, count, each
):
    position = factories.PositionFactory()
    people = [factories.PersonFactory() for _ in range(count)]
    for person in people:
        for index in range(each):
            factories.PublishedStatementFactory(
                speaker=person, position=position, said_on=PartialDate(2000 + index)
            )
    # revision; topic; its positions; people with their latest statement's id; periods;
    # latest statements with speaker, organization and position
    with django_assert_max_num_queries(6):
        response = anonymous.get(
            f"/api/v1/topics/{position.topic.slug}/compare/",
            {"people": ",".join(p.slug for p in people)},
        )
    assert response.status_code == 200
    assert sum(len(entry["periods"]) for entry in response.json()["people"]) == count * each


def test_the_schema_documents_the_endpoint_and_its_parameter(anonymous):
    paths = anonymous.get("/api/schema/", {"format": "json"}).json()["paths"]
    operation = paths["/api/v1/topics/{slug}/compare/"]["get"]
    (people,) = [p for p in operation["parameters"] if p["name"] == "people"]
    assert people["required"] is True
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_each_stance_line_links_to_the_comparison_on_its_topic(anonymous, seeded):
    lines = anonymous.get("/api/v1/people/zohran-mamdani/stances/").json()["stances"]
    (police,) = [line for line in lines if line["topic"]["slug"] == "police-funding"]

    assert police["compare_url"] == f"http://testserver{URL}?people=zohran-mamdani"
    response = anonymous.get(police["compare_url"])
    assert response.status_code == 200
    assert [entry["person"]["slug"] for entry in response.json()["people"]] == ["zohran-mamdani"]
