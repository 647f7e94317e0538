"""Statements import from JSON as drafts; a file with one bad row changes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Statement, Status
from tests.factories import PersonFactory, PublishedStatementFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:claims_statement_import")
PROCESS = reverse("admin:claims_statement_process_import")
JSON_FORMAT = "1"  # core.resources.FORMATS: CSV, then JSON


COLUMNS = ["id", "speaker", "subject", "kind", "text", "said_on", "status"]


def upload(client, rows: list[dict]):
    # A JSON import is a table: every object has the same keys.
    rows = [{column: row.get(column, "") for column in COLUMNS} for row in rows]
    file = SimpleUploadedFile("statements.json", json.dumps(rows).encode(), "application/json")
    return client.post(IMPORT, {"format": JSON_FORMAT, "import_file": file})


@pytest.fixture
def people():
    return (
        PersonFactory(slug="karam-chowdhury", name="Karam Chowdhury"),
        PersonFactory(slug="zohran-mamdani", name="Zohran Mamdani"),
    )


def test_statements_import_from_json_as_drafts(client, editor, people):
    chowdhury, mamdani = people
    client.force_login(editor)
    preview = upload(
        client,
        [
            {
                "speaker": "karam-chowdhury",
                "subject": "zohran-mamdani",
                "kind": "characterization",
                "text": "He wants reform, not defunding.",
                "said_on": "2025-06",
                "status": "published",
            },
            {"speaker": "zohran-mamdani", "kind": "quote", "text": "We will.", "said_on": "2025"},
        ],
    )
    assert "result" in preview.context, preview.context["form"].errors
    assert not preview.context["result"].has_validation_errors()
    client.post(PROCESS, preview.context["confirm_form"].initial)
    characterization = Statement.objects.get(speaker=chowdhury)
    assert characterization.subject == mamdani
    assert characterization.status == Status.DRAFT, "status is never imported"
    assert Statement.objects.get(speaker=mamdani).subject == mamdani


def test_a_statement_file_with_one_bad_row_imports_nothing(client, editor, people):
    client.force_login(editor)
    response = upload(
        client,
        [
            {"speaker": "zohran-mamdani", "kind": "quote", "text": "Fine.", "said_on": "2025"},
            {"speaker": "zohran-mamdani", "kind": "quote", "text": "Bad.", "said_on": "2025-06-"},
        ],
    )
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "said_on" in invalid.field_specific_errors
    assert "confirm_form" not in response.context
    assert not Statement.objects.exists()


def test_an_editor_cannot_change_a_published_statement_by_import(client, editor):
    statement = PublishedStatementFactory(text="As published.")
    client.force_login(editor)
    response = upload(
        client,
        [
            {
                "id": statement.pk,
                "speaker": statement.speaker.slug,
                "kind": "quote",
                "text": "Rewritten.",
                "said_on": "2025",
            }
        ],
    )
    [invalid] = response.context["result"].invalid_rows
    assert "only a publisher may change it" in str(invalid.error_dict)
    assert Statement.objects.get(pk=statement.pk).text == "As published."
