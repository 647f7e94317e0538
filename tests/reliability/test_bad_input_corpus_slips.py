"""The bad-input corpus, the usual slips: a characterization with no subject but its speaker,
a date in the future, an over-long text. One rule each, on the model (claims.models,
core.partial_dates, core.plain_text), so the API, the admin's import and the seed loader
refuse them alike: with a message naming the field, and nothing changed. (The admin forms'
cases are in test_bad_input_corpus_admin.py, "the usual slips".)
"""

import datetime
import json
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories
from tests.api.versions import if_match
from tests.reliability.bad_input import database_state
from tests.seeds.conftest import SEED_FILE_NAME, SEEDS
from tests.seeds.test_bad_seed_files import edited

pytestmark = pytest.mark.django_db

UNBROKEN = "x" * 20_000


def next_year() -> str:
    return str(timezone.localdate().year + 1)


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    return (
        factories.PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani"),
        factories.PersonFactory(name="Karam Chowdhury", slug="karam-chowdhury"),
    )


@pytest.fixture
def editor_client(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


GOOD_STATEMENT = {
    "speaker": "karam-chowdhury",
    "subject": "zohran-mamdani",
    "kind": "characterization",
    "text": "He wants reform, not defunding.",
    "said_on": "2025-06",
}

# (case, fields changed in a good statement, field at fault, what its message says)
STATEMENT_SLIPS = [
    (
        "characterization without a subject",
        {"subject": None},
        "subject",
        "A characterization by another person shows someone else's position",
    ),
    (
        "characterization of the speaker by himself",
        {"subject": "karam-chowdhury"},
        "subject",
        "choose whose position the speaker describes (not the speaker)",
    ),
    ("said next year", {"said_on": next_year}, "said_on", "is in the future"),
    ("said tomorrow", {"said_on": tomorrow}, "said_on", "is in the future"),
    (
        "text of 20,000 unbroken characters",
        {"text": UNBROKEN},
        "text",
        "at most 4000 characters (it has 20000)",
    ),
]


def _resolved(change: dict) -> dict:
    return {name: value() if callable(value) else value for name, value in change.items()}


@pytest.mark.parametrize(
    ("case", "change", "field", "message"), STATEMENT_SLIPS, ids=[c[0] for c in STATEMENT_SLIPS]
)
def test_the_api_refuses_a_slip_with_a_400_naming_the_field(
    editor_client, people, case, change, field, message
):
    before = database_state()
    response = editor_client.post(
        "/api/v1/statements/", {**GOOD_STATEMENT, **_resolved(change)}, format="json"
    )
    assert response.status_code == 400, (case, response.status_code, response.content[:300])
    assert any(message in text for text in response.json()[field]), response.json()
    assert database_state() == before


def test_the_api_accepts_the_good_statement_the_cases_start_from(editor_client, people):
    response = editor_client.post("/api/v1/statements/", GOOD_STATEMENT, format="json")
    assert response.status_code == 201, response.content


def test_the_api_refuses_a_statement_changed_into_a_slip(editor_client, people):
    statement = factories.StatementFactory(speaker=people[0], said_on="2024")
    url = f"/api/v1/statements/{statement.pk}/"
    version = if_match(editor_client, url)
    before = database_state()
    response = editor_client.patch(url, {"said_on": next_year()}, format="json", **version)
    assert response.status_code == 400
    assert "is in the future" in response.json()["said_on"][0]
    assert database_state() == before


# (case, endpoint, a good body (a function of the people), change, field, message)
OTHER_API_SLIPS = [
    (
        "source published next year",
        "sources",
        lambda p: {"title": "A story", "web_url": "https://example.org/new", "kind": "article"},
        {"published_on": next_year},
        "published_on",
        "is in the future",
    ),
    (
        "excerpt of 20,000 characters",
        "citations",
        lambda p: {
            "statement": factories.StatementFactory(speaker=p[0]).pk,
            "source": factories.SourceFactory().pk,
            "excerpt": "We will.",
        },
        {"excerpt": UNBROKEN},
        "excerpt",
        "at most 4000 characters",
    ),
]


@pytest.mark.parametrize(
    ("case", "endpoint", "good", "change", "field", "message"),
    OTHER_API_SLIPS,
    ids=[c[0] for c in OTHER_API_SLIPS],
)
def test_the_api_refuses_slips_in_sources_and_citations(
    editor_client, people, case, endpoint, good, change, field, message
):
    body = {**good(people), **_resolved(change)}
    before = database_state()
    response = editor_client.post(f"/api/v1/{endpoint}/", body, format="json")
    assert response.status_code == 400, (case, response.status_code, response.content[:300])
    assert any(message in text for text in response.json()[field]), response.json()
    assert database_state() == before


# --- The admin's import (django-import-export): the file is refused, row and field named ---

IMPORT = reverse("admin:claims_statement_import")
JSON_FORMAT = "1"  # core.resources.FORMATS: CSV, then JSON
COLUMNS = ["id", "speaker", "subject", "kind", "text", "said_on"]


def import_rows(client, rows: list[dict]):
    rows = [{column: row.get(column, "") for column in COLUMNS} for row in rows]
    upload = SimpleUploadedFile("statements.json", json.dumps(rows).encode(), "application/json")
    return client.post(IMPORT, {"format": JSON_FORMAT, "import_file": upload})


@pytest.mark.parametrize(
    ("case", "change", "field", "message"), STATEMENT_SLIPS, ids=[c[0] for c in STATEMENT_SLIPS]
)
def test_an_import_with_a_slip_imports_nothing_and_names_the_row(
    client, editor, people, case, change, field, message
):
    client.force_login(editor)
    good = {**GOOD_STATEMENT, "text": "Fine."}
    bad = {**GOOD_STATEMENT, **_resolved(change)}
    before = database_state()
    response = import_rows(client, [good, {k: v or "" for k, v in bad.items()}])
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert any(message in text for text in invalid.field_specific_errors[field]), invalid.error
    assert "confirm_form" not in response.context
    assert database_state() == before


# --- The seed loader: one line naming the record and the reason; nothing loaded ---

SEED_SLIPS = {
    "a characterization without its subject": (
        "    subject: zohran-mamdani\n    kind: characterization\n",
        "    kind: characterization\n",
        "statement 'chowdhury-mamdani-supports-reforming-not-defunding': subject: A "
        "characterization by another person shows someone else's position",
    ),
    "a statement said next year": (
        'said_on: "2025"',
        lambda: f'said_on: "{next_year()}"',
        "statement 'mamdani-department-of-community-safety': said_on: ",
    ),
    "a statement of 20,000 characters": (
        "      Plans to create a Department of Community Safety",
        lambda: f"      {UNBROKEN} Plans to create a Department of Community Safety",
        "statement 'mamdani-department-of-community-safety': text: This is too long: at most "
        "4000 characters",
    ),
}


@pytest.fixture
def seed_file(tmp_path):
    """A copy of seeds/ to edit; the seed file's path."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds" / SEED_FILE_NAME


@pytest.mark.parametrize("problem", SEED_SLIPS)
def test_a_seed_file_with_a_slip_fails_with_one_line_and_loads_nothing(problem, seeded, seed_file):
    old, new, reason = SEED_SLIPS[problem]
    edited(seed_file, old, new() if callable(new) else new)
    before = database_state()
    with pytest.raises(CommandError) as failure:
        call_command("load_seeds", str(seed_file))
    message = str(failure.value)
    assert "\n" not in message
    assert reason in message, message
    assert database_state() == before
