"""Strict input: unknown or malformed parameters and mistyped JSON are a 400 with a message."""

import re

import pytest

from claims.models import Citation, Statement
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
        # Found by the schema fuzzing: an empty value was read as no filter at all.
        ("/api/v1/statements/?said_before=", "said_before", "Give a value"),
        ("/api/v1/sources/?published_before=", "published_before", "Give a value"),
        ("/api/v1/organizations/?parent=", "parent", "Give a value"),
        ("/api/v1/fact-checks/?reviewed_before=", "reviewed_before", "Give a value"),
        ("/api/v1/statements/?kind=quote&kind=", "kind", "Give a value"),
        ("/api/v1/citations/?source=", "source", "Give a value"),
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


def test_writes_take_json_only(editor_client, world):
    """A form cannot say null or a number: a form or multipart body is a 415, as declared."""
    body = {"speaker": "zohran-mamdani", "text": "Said in a form.", "said_on": "2025"}
    for form in ("multipart", None):
        kwargs = {"format": form} if form else {"content_type": "application/x-www-form-urlencoded"}
        data = body if form else "speaker=zohran-mamdani&text=x&said_on=2025"
        response = editor_client.post("/api/v1/statements/", data, **kwargs)
        assert response.status_code == 415, response.content
    assert not Statement.objects.filter(text="Said in a form.").exists()


def test_the_schema_declares_json_bodies_only(anonymous):
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]
    for path in ("/api/v1/statements/", "/api/v1/sources/", "/api/v1/citations/"):
        assert list(paths[path]["post"]["requestBody"]["content"]) == ["application/json"]


def test_the_schema_types_slug_and_id_filters(anonymous):
    """The filters say what they refuse: a slug's characters, an id's range."""
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]
    parameters = {
        (path, parameter["name"]): parameter["schema"]
        for path in ("/api/v1/statements/", "/api/v1/citations/", "/api/v1/organizations/")
        for parameter in paths[path]["get"]["parameters"]
    }
    speaker = parameters[("/api/v1/statements/", "speaker")]["items"]
    assert speaker["pattern"] == "^[-a-zA-Z0-9_]+$" and speaker["maxLength"] == 200
    assert parameters[("/api/v1/organizations/", "parent")]["pattern"] == "^[-a-zA-Z0-9_]+$"
    assert parameters[("/api/v1/statements/", "source")]["items"]["minimum"] == 1
    for name in ("statement", "source"):
        assert parameters[("/api/v1/citations/", name)]["minimum"] == 1


def test_an_api_address_no_route_matches_is_a_json_404(anonymous):
    """As documented for every path (the outside fuzzing ran with DEBUG on, where Django's
    HTML debug page stands in for this handler)."""
    response = anonymous.get("/api/v1/citations/0.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_empty_string_for_a_record_is_a_400_not_a_null(editor_client, world):
    """Found by the schema fuzzing: DRF read "" as null where the schema says a slug or id."""
    body = {"speaker": "", "text": "Said by nobody.", "said_on": "2025"}
    response = editor_client.post("/api/v1/statements/", body, format="json")
    assert response.status_code == 400, response.content
    assert "not an empty string" in response.json()["speaker"][0]
    assert not Statement.objects.filter(text="Said by nobody.").exists()


def test_the_schema_says_free_text_in_a_query_takes_no_control_characters(anonymous):
    """Found by the schema fuzzing: q, name and cursor refused a NUL the schema allowed."""
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in anonymous.get("/api/schema/?format=json").json()["paths"][
            "/api/v1/people/"
        ]["get"]["parameters"]
    }
    for name in ("q", "name", "role", "cursor"):
        assert parameters[name]["pattern"] == "^[^\\u0000-\\u001f\\u007f]*$", name
    assert parameters["q"]["maxLength"] == 200


def test_the_schema_says_if_match_is_an_entity_tag(anonymous):
    """Found by the outside fuzzing: an empty If-Match was schema-valid and answered 428."""
    operation = anonymous.get("/api/schema/?format=json").json()["paths"][
        "/api/v1/statements/{id}/"
    ]["patch"]
    (header,) = [p for p in operation["parameters"] if p["name"] == "If-Match"]
    pattern = re.compile(header["schema"]["pattern"])
    assert header["required"]
    assert pattern.match('"abc.def"') and pattern.match('W/"x", "y"')
    assert not pattern.match("") and not pattern.match("*") and not pattern.match("abc")


def test_the_schema_says_what_a_web_address_is(anonymous):
    """Found by the schema fuzzing: any string was schema-valid and "0" answered 400."""
    web_url = anonymous.get("/api/schema/?format=json").json()["components"]["schemas"][
        "SourceWriteRequest"
    ]["properties"]["web_url"]
    pattern = re.compile(web_url["oneOf"][0]["pattern"])
    assert pattern.match("https://www.nytimes.com/2025/06/24/nyregion/example.html")
    assert not pattern.match("0") and not pattern.match("ftp://example.org/")


@pytest.mark.parametrize("value", ["1.5", "1e400", "-1e400"])
def test_a_record_id_that_is_no_whole_number_is_a_400_and_changes_nothing(
    editor_client, world, value
):
    """1.5 was read as id 1 (the citation cited another statement), 1e400 was a 500."""
    draft = StatementFactory(speaker=world.mamdani)
    body = f'{{"statement": {value}, "source": {world.article.pk}, "excerpt": "x"}}'
    before = Citation.objects.count()
    response = editor_client.generic(
        "POST", "/api/v1/citations/", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "whole number" in response.json()["statement"][0]
    assert Citation.objects.count() == before
    url = f"/api/v1/statements/{draft.pk}/"
    response = editor_client.generic(
        "PATCH",
        url,
        f'{{"position": {value}}}',
        content_type="application/json",
        **if_match(editor_client, url),
    )
    assert response.status_code == 400, response.content
    assert "whole number" in response.json()["position"][0]
    assert Statement.objects.get(pk=draft.pk).version == draft.version
