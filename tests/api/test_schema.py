"""The OpenAPI schema is valid, warning-free, and the running API keeps to it (schemathesis)."""

import io

import pytest
import schemathesis
import yaml
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from claims.models import Status
from core.partial_dates import PartialDate
from tests.factories import (
    FactCheckFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
)

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


@pytest.fixture
def data_to_find(db):
    """A few public records, so the fuzzer reaches the 200 answers too.

    As Django's test client does, requests do not close the database connection here: it
    holds the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    position = PositionFactory()
    statement = PublishedStatementFactory(position=position, said_on=PartialDate(2020))
    later = PublishedStatementFactory(speaker=statement.speaker, position=position)
    FactCheckFactory(statement=statement, status=Status.PUBLISHED)
    StanceShiftFactory(earlier=statement, later=later, status=Status.PUBLISHED)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded from the app in-process (WSGI); generating the schema needs no database.
fuzzed = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())


@fuzzed.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, data_to_find):
    """No 5xx, and every answer's status, content type and body are the documented ones."""
    response = case.call()
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
