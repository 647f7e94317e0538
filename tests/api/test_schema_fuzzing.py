"""The running API keeps to its schema, found by schemathesis in-process (WSGI).

Every operation of the schema, anonymously and with an editor's token, through the
examples, coverage and fuzzing phases (at least 50 generated cases per operation and
audience, valid and invalid), with every check the installed schemathesis offers; then a
stateful run that chains the operations. Derandomized with a fixed seed, so CI sees the same
cases every time. The outside run against a live server is in docs/reliability.md.
"""

from __future__ import annotations

import tomllib

import pytest
import schemathesis
from django.conf import settings as settings_module
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from claims.models import Status
from core.partial_dates import PartialDate
from tests.api import schema_checks
from tests.factories import (
    EndorsementFactory,
    FactCheckFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
)

SCHEMA_URL = "/api/schema/?format=json"
SEED = 24
EXAMPLES_PER_OPERATION = 50
AUDIENCES = ["anonymous", "editor"]

# The project's settings (schemathesis.toml, which the outside run reads too), with this
# run's size, seed and phases.
with open(settings_module.BASE_DIR / "schemathesis.toml", "rb") as file:
    PROJECT_SETTINGS = tomllib.load(file)
CONFIG = schemathesis.Config.from_dict(
    {
        **PROJECT_SETTINGS,
        "seed": SEED,
        "generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION},
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": True, "max-steps": 10},
        },
    }
)

# Loaded from the app in-process; generating the schema needs no database.
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), config=CONFIG)

load_all_checks()
# Every check schemathesis has, positive_data_acceptance replaced by its variant that knows
# which refusals only the data decides (registered by tests/api/schema_checks.py).
CHECKS_RUN = [check for check in CHECKS.get_all() if check is not positive_data_acceptance]
assert schema_checks.positive_data_acceptance_beside_the_data in CHECKS_RUN


@pytest.fixture
def data_to_find(db):
    """A few public records and a draft, so the fuzzer reaches the 200 answers too.

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
    EndorsementFactory(endorsed=statement.speaker, status=Status.PUBLISHED)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=AUDIENCES)
def credentials(request, data_to_find) -> tuple[str, dict]:
    """Who calls: nobody, or an editor with a DRF token (as a client of the API would)."""
    if request.param == "anonymous":
        return request.param, {}
    editor = request.getfixturevalue("editor")
    return request.param, {"Authorization": f"Token {Token.objects.create(user=editor).key}"}


@pytest.fixture
def enough_cases():
    """After the fuzzer is done with an operation: it was sent at least EXAMPLES_PER_OPERATION
    cases, when the operation takes input (one that takes none has fewer distinct cases)."""
    operations = []
    yield operations
    operation = operations[0]
    if list(operation.iter_parameters()) or len(operation.body):
        assert len(operations) >= EXAMPLES_PER_OPERATION, (operation.label, len(operations))


def send(case, headers: dict):
    """Call the app with the case, as the audience, and run every check on the answer."""
    # Throttle counts and cached answers live in the cache: each case starts from none.
    cache.clear()
    if headers and case.method.upper() in ("PUT", "PATCH"):
        name_the_current_version(case, headers)
        # Django's test client connects close_old_connections again after its request; the
        # next request would then close the connection that holds the test's transaction
        # (on PostgreSQL: every later query failed with "connection already closed").
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
    return case.call_and_validate(headers=headers or None, checks=CHECKS_RUN)


def name_the_current_version(case, headers: dict) -> None:
    """A write whose headers are valid names the record's current ETag, as a client that
    read it first would: else nearly every write stops at 412 before its body is read.
    (Made-up and stale tags are refused: tests/api/test_writes.py.)"""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        return
    read = Client().get(case.formatted_path, HTTP_AUTHORIZATION=headers["Authorization"])
    if read.status_code == 200 and read.has_header("ETag"):
        case.headers = {**(case.headers or {}), "If-Match": read["ETag"]}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    # About speed only: the app answers in-process on a loaded CI machine; the data fixture
    # is made once per operation on purpose.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_api_keeps_to_its_schema(case, credentials, enough_cases):
    """No 5xx; every answer's status, headers, content type and body are the documented
    ones; invalid input refused, valid input accepted; writes need their token."""
    audience, headers = credentials
    enough_cases.append(case.operation)
    send(case, headers)


class APIWorkflow(schema.as_state_machine()):
    """Chains of calls as an editor: what one answer names, the next call uses."""

    headers: dict = {}

    def setup(self):
        cache.clear()

    def get_call_kwargs(self, case):
        return {"headers": self.headers}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response, checks=CHECKS_RUN, transport_kwargs=kwargs, recorder=self.recorder
        )


@pytest.mark.parametrize("audience", AUDIENCES)
def test_chained_calls_keep_to_the_schema(data_to_find, request, audience):
    """The stateful phase: sequences of calls, with the checks that look across calls
    (use after free, resource availability)."""
    APIWorkflow.headers = {}
    if audience == "editor":
        editor = request.getfixturevalue("editor")
        APIWorkflow.headers = {"Authorization": f"Token {Token.objects.create(user=editor).key}"}
    run_state_machine_as_test(
        APIWorkflow,
        settings=settings(
            max_examples=EXAMPLES_PER_OPERATION,
            stateful_step_count=10,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
