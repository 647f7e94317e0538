"""Strict input: unknown or malformed parameters and mistyped JSON are a 400 with a message."""

import pytest

from claims.models import Statement
from tests.api.versions import if_match
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter", "message"),
    [
        ("/api/v1/statements/?ordering=text", "ordering", "Order by one of: id, -id, said_on"),
        ("/api/v1/statements/?ordering=%00", "ordering", "Order by one of"),
        ("/api/v1/statements/?ordering=id,said_on", "ordering", "Order by one of"),
        ("/api/v1/statements/?ordering=id&ordering=-id", "ordering", "Order by one of"),
        ("/api/v1/people/?ordering=name", "ordering", "Order by one of: id, -id."),
        ("/api/v1/statements/?page_size=0", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/statements/?page_size=201", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/statements/?page_size=-5", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/statements/?page_size=ten", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/statements/?page_size=%00", "page_size", "A whole number from 1 to 200."),
        ("/api/v1/sources/?cursor=a&cursor=b", "cursor", "Give one cursor."),
        ("/api/v1/statements/?colour=red", "parameters", "Unknown parameter 'colour'"),
        ("/api/v1/statements/?%00=1", "parameters", "Unknown parameter '\\x00'"),
        ("/api/v1/people/zohran-mamdani/?speaker=x", "parameters", "Unknown parameter"),
        ("/api/v1/people/zohran-mamdani/stances/?page_size=2", "parameters", "Unknown parameter"),
        ("/api/v1/topics/?q=police", "parameters", "Unknown parameter 'q'"),
    ],
)
def test_an_unknown_or_malformed_parameter_is_a_400_naming_it(
    anonymous, world, url, parameter, message
):
    response = anonymous.get(url)
    assert response.status_code == 400, response.content
    assert any(message in text for text in response.json()[parameter]), response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/statements/?ordering=-said_on&page_size=200",
        "/api/v1/statements/?ordering=id&page_size=1&format=json",
        "/api/v1/people/?q=Mamdani&ordering=-id",
        "/api/v1/fact-checks/claimreview.jsonld?page_size=5",
    ],
)
def test_known_parameters_still_work(anonymous, world, url):
    assert anonymous.get(url).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": 123}, "text"),
        ({"text": True}, "text"),
        ({"text": ["a list"]}, "text"),
        ({"said_on": 2020}, "said_on"),
        ({"venue": {"an": "object"}}, "venue"),
    ],
)
def test_json_values_of_the_wrong_type_are_a_400_and_change_nothing(
    editor_client, world, change, field
):
    draft = StatementFactory(speaker=world.mamdani, text="first", venue="Hall")
    url = f"/api/v1/statements/{draft.pk}/"
    response = editor_client.patch(url, change, format="json", **if_match(editor_client, url))
    assert response.status_code == 400, response.content
    assert "Send text (a JSON string)" in response.json()[field][0]
    created = editor_client.post(
        "/api/v1/statements/",
        {"speaker": "zohran-mamdani", "text": "x", "said_on": "2020", **change},
        format="json",
    )
    assert created.status_code == 400
    stored = Statement.objects.get(pk=draft.pk)
    assert (stored.text, stored.venue, stored.version) == ("first", "Hall", draft.version)
