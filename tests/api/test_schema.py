"""The OpenAPI schema is valid and warning-free (the fuzzing against it: test_schema_fuzzing.py)."""

import io
import re

import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

SCHEMA_URL = "/api/schema/?format=json"


def test_the_schema_generates_without_a_warning():
    output = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=output)
    assert "/api/v1/statements/" in output.getvalue()


def test_the_schema_passes_openapi_spec_validator(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))


def test_the_docs_are_served_from_local_assets(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


def test_every_endpoint_documents_its_error_answers(client):
    paths = yaml.safe_load(client.get("/api/schema/").content)["paths"]
    statement = paths["/api/v1/statements/{id}/"]
    assert {"400", "404", "429"} <= set(statement["get"]["responses"])
    assert {"400", "401", "403", "404", "412"} <= set(statement["patch"]["responses"])
    assert {"400", "401", "403"} <= set(paths["/api/v1/statements/"]["post"]["responses"])
    assert "examples" in str(paths["/api/v1/statements/"]["post"])


def test_text_that_must_not_be_blank_says_so_in_its_pattern(client):
    """A statement's text is trimmed and then refused when empty: the schema's pattern takes
    no whitespace-only text, so a client (or a fuzzer) reading it does not send " "."""
    components = yaml.safe_load(client.get("/api/schema/").content)["components"]["schemas"]
    pattern = re.compile(components["StatementWriteRequest"]["properties"]["text"]["pattern"])
    assert pattern.fullmatch("Defund the police.")
    assert pattern.fullmatch("  spaced around  ")
    assert not pattern.fullmatch(" ")
    assert not pattern.fullmatch("\n\t ")
    assert not pattern.fullmatch("a\u0000b")
    # A field that may be blank keeps the plain pattern.
    label = components["StatementWriteRequest"]["properties"]["speaker_label"]["oneOf"][0]
    assert re.compile(label["pattern"]).fullmatch(" ")
