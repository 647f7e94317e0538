"""The one check this project's schemathesis runs use instead of a built-in one.

Imported by tests/api/test_schema_fuzzing.py, and by the outside `st run` as its hooks
module (SCHEMATHESIS_HOOKS=tests.api.schema_checks, docs/reliability.md), where the custom
check runs beside `--checks all` with `--exclude-checks positive_data_acceptance`.
Needs no Django.
"""

from __future__ import annotations

import re

import schemathesis
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

# Refusals of well-formed input that only the data (or the day) decides, which no schema
# can say: a slug or id that names no record (filters, and references in a body), a value
# another record holds already, a cursor this server did not make, a date after today.
DATA_DEPENDENT_REFUSAL = re.compile(
    r"Select a valid choice|object does not exist|does not exist\.|already exists"
    r"|This cursor is not valid|is in the future|is already recorded as the source"
    # The comparison's people: a slug of nobody, or one slug twice in the comma-separated list.
    r"|No such person: |Each person may be named once"
    # Rules across fields (Statement.clean), which the schema does not spell out.
    r"|Name the speaker, their organization, or describe them|Choose whose position this shows"
    r"|A characterization by another person shows someone else's position"
    # The calendar: the pattern of a partial date takes 31 November and 29 February 2025.
    r"|is not a day of the calendar"
)


def _messages(body) -> list[str]:
    if isinstance(body, str):
        return [body]
    if isinstance(body, list):
        return [message for item in body for message in _messages(item)]
    if isinstance(body, dict):
        return [message for item in body.values() for message in _messages(item)]
    return [repr(body)]


@schemathesis.check
def positive_data_acceptance_beside_the_data(ctx, response, case):
    """schemathesis' positive_data_acceptance, except a 400 whose every message says a named
    record does not exist (or its value is taken): a schema says what a slug looks like, not
    which slugs exist, so well-formed input may name nothing."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 400:
            messages = _messages(response.json())
            if messages and all(DATA_DEPENDENT_REFUSAL.search(text) for text in messages):
                return None
        raise
