"""Every GET operation's answers keep to the published schema, as the public and as an editor.

The walk is deterministic: every GET path the schema lists is asked once per record kind it
names, with ids and slugs taken from the API's own lists (the seeds plus generated records,
drafts among them), and each response is validated against the schema by schemathesis's
OpenAPI validator (content type, body), and its status and required headers are checked
against what the schema documents. A path added to the API without
being walked here fails the first test, so the one shape and its documentation cannot drift.
"""

import re

import pytest
import schemathesis
from schemathesis.core.transport import Response

from claims.matching.models import Claim, ClaimAppearance
from claims.models import Status
from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db

# Path parameters the lists cannot give (a stance needs a person with statements on it).
KNOWN = {"slug": "zohran-mamdani", "topic_slug": "police-funding"}
# What a format-suffixed path is asked with.
ACCEPT = {".jsonld": "application/ld+json"}
_PARAMETER = re.compile(r"\{(\w+)\}")


@pytest.fixture
def records(seeded):
    """The seeds, and generated records of every kind: public ones and drafts."""
    position = factories.PositionFactory()
    statement = factories.PublishedStatementFactory(position=position, said_on=PartialDate(2020))
    later = factories.PublishedStatementFactory(speaker=statement.speaker, position=position)
    factories.FactCheckFactory(statement=statement, status=Status.PUBLISHED)
    factories.StanceShiftFactory(earlier=statement, later=later, status=Status.PUBLISHED)
    factories.CitationFactory(statement=later, source=factories.SnapshotFactory().source)
    factories.CorrectionFactory(record=later, status=Status.PUBLISHED)
    factories.EndorsementFactory(status=Status.PUBLISHED)
    factories.StatementFactory(text="A draft nobody has published yet.")
    factories.FactCheckFactory(statement=later)  # a draft fact-check
    # A published claim both statements make (claims.matching), and a draft one.
    claim = Claim.objects.create(wording=statement.text, status=Status.PUBLISHED)
    for made in (statement, later):
        ClaimAppearance.objects.create(claim=claim, statement=made)
    Claim.objects.create(wording="A claim nobody has published yet.")


@pytest.fixture
def published_schema(anonymous):
    response = anonymous.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def get_paths(spec: dict) -> list[str]:
    return sorted(path for path, item in spec["paths"].items() if "get" in item)


def concrete_urls(client, path: str) -> list[str]:
    """The path with its parameters filled from the API's own answers: for a record kind's
    detail, the first and last records its list shows this client."""
    names = _PARAMETER.findall(path)
    if not names:
        return [path]
    if set(names) <= KNOWN.keys() and "/stances/" in path:
        return [_PARAMETER.sub(lambda match: KNOWN[match.group(1)], path)]
    if path.endswith("/compare/"):  # the seed people on the seed topic
        people = "zohran-mamdani,karam-chowdhury"
        return [f"{path.replace('{slug}', KNOWN['topic_slug'])}?people={people}"]
    (name,) = names
    collection = path[: path.index("{")]
    rows = client.get(collection).json()["results"]
    assert rows, f"{collection} lists nothing to walk {path} with"
    return sorted({path.replace(f"{{{name}}}", str(row[name])) for row in (rows[0], rows[-1])})


def schemathesis_response(django_response, url: str, accept: str) -> Response:
    import requests

    return Response(
        status_code=django_response.status_code,
        headers={name: [value] for name, value in django_response.items()},
        content=django_response.content,
        request=requests.Request(
            "GET", f"http://testserver{url}", headers={"Accept": accept}
        ).prepare(),
        elapsed=0.0,
        verify=False,
    )


def walk(client, spec: dict, *, again_with_etag: bool = False) -> dict[str, int]:
    """Ask every GET path; validate each answer. Returns the status per URL asked.
    `again_with_etag`: ask each a second time with the ETag it answered (If-None-Match),
    and validate that answer instead."""
    schema = schemathesis.openapi.from_dict(spec)
    asked = {}
    for path in get_paths(spec):
        operation = schema[path]["GET"]
        for url in concrete_urls(client, path):
            accept = next(
                (value for suffix, value in ACCEPT.items() if url.endswith(suffix)),
                "application/json",
            )
            response = client.get(url, HTTP_ACCEPT=accept)
            if again_with_etag:
                etag = response["ETag"]
                response = client.get(url, HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=etag)
            # What the validator leaves out: the status and the required headers documented.
            documented = spec["paths"][path]["get"]["responses"]
            assert str(response.status_code) in documented, f"{url}: {response.status_code}"
            headers = documented[str(response.status_code)].get("headers", {})
            for name in (name for name, header in headers.items() if header.get("required")):
                assert name in response, f"{url}: no {name} header"
            operation.validate_response(schemathesis_response(response, url, accept))
            asked[url] = response.status_code
    return asked


def test_the_walk_covers_every_get_operation_the_schema_lists(published_schema):
    paths = get_paths(published_schema)
    assert len(paths) >= 20
    for path in paths:
        assert set(_PARAMETER.findall(path)) <= {"id", "slug", "topic_slug"}, (
            f"{path}: teach concrete_urls its parameters"
        )


def test_every_public_answer_keeps_to_the_schema(anonymous, records, published_schema):
    asked = walk(anonymous, published_schema)

    assert set(asked.values()) == {200}, asked


def test_every_304_keeps_to_the_schema(anonymous, records, published_schema):
    """A client holding a read's ETag gets a 304, which the schema documents (no body, the
    ETag it sent), for every GET operation."""
    asked = walk(anonymous, published_schema, again_with_etag=True)

    assert set(asked.values()) == {304}, asked


def test_every_answer_to_an_editor_keeps_to_the_schema(editor_client, records, published_schema):
    asked = walk(editor_client, published_schema)

    # A draft fact-check (the editor's list shows it) has no ClaimReview: only what readers
    # may see is exported. Its 404 was validated like every other answer.
    others = {url: status for url, status in asked.items() if status != 200}
    assert set(others.values()) <= {404}, others
    assert all(url.endswith("/claimreview.jsonld") for url in others), others
