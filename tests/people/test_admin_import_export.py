"""Import and export of people from the admin: all rows or none, errors per row and field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from people.models import Person
from tests.admin_forms import messages_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:people_person_import")
PROCESS = reverse("admin:people_person_process_import")
CSV_FORMAT = "0"  # core.resources.FORMATS: CSV, then JSON

HEADER = "slug,name,aliases,description,wikidata_id\n"


def upload(client, text: str, name: str = "people.csv", file_format: str = CSV_FORMAT):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(IMPORT, {"format": file_format, "import_file": file})


def test_a_good_file_imports_after_confirmation_with_history(client, editor):
    existing = PersonFactory(slug="karam-chowdhury", name="Karam Chowdhury", description="")
    client.force_login(editor)
    preview = upload(
        client,
        HEADER + "zohran-mamdani,Zohran Mamdani,Mamdani,Nominee for mayor,Q1\n"
        "karam-chowdhury,Karam Chowdhury,,President of JIBON,\n",
    )
    assert preview.status_code == 200
    assert not preview.context["result"].has_validation_errors()
    assert Person.objects.count() == 1, "the preview is a dry run"

    response = client.post(PROCESS, preview.context["confirm_form"].initial, follow=True)

    assert any("Import finished" in message for message in messages_in(response))
    assert Person.objects.get(slug="zohran-mamdani").wikidata_id == "Q1"
    updated = Person.objects.get(pk=existing.pk)
    assert updated.description == "President of JIBON"
    assert updated.version == existing.version + 1
    assert updated.history.latest().history_user == editor


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_field(client, editor):
    existing = PersonFactory(slug="karam-chowdhury", description="Unchanged.")
    client.force_login(editor)
    response = upload(
        client,
        HEADER + "karam-chowdhury,Karam Chowdhury,,Changed.,\n"
        "rodney-harrison,Rodney Harrison,,,X42\n"
        "zohran-mamdani,Zohran Mamdani,,,\n",
    )
    result = response.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "wikidata_id" in invalid.field_specific_errors
    assert "A Wikidata id is Q followed by digits" in response.content.decode()
    assert "confirm_form" not in response.context
    assert list(Person.objects.values_list("slug", "description")) == [
        ("karam-chowdhury", "Unchanged.")
    ]
    assert existing.history.count() == 1


def test_a_control_character_in_a_file_imports_nothing_and_names_the_character(client, editor):
    """The plain-text rule of the admin and the API (core/plain_text.py) holds for imports."""
    client.force_login(editor)
    response = upload(client, HEADER + "zohran-mamdani,Zohran Mamdani,,Nominee\x07 for mayor,\n")
    [invalid] = response.context["result"].invalid_rows
    assert "description" in invalid.field_specific_errors
    assert "Remove the control character U+0007 at character 8" in response.content.decode()
    assert not Person.objects.exists()


def test_the_confirm_step_imports_nothing_from_a_file_with_a_bad_row(client, editor):
    """Even if the confirm step is posted for a bad file, the good rows are rolled back."""
    stored = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    stored.save((HEADER + "zohran-mamdani,Zohran Mamdani,,,\nrodney-harrison,,,,X42\n").encode())
    client.force_login(editor)
    response = client.post(
        PROCESS,
        {
            "import_file_name": stored.name,
            "original_file_name": "people.csv",
            "format": CSV_FORMAT,
            "resource": "0",
        },
        follow=True,
    )
    assert any("Nothing was imported" in message for message in messages_in(response))
    assert not Person.objects.exists()


def test_the_csv_export_cannot_run_as_a_spreadsheet_formula(client, editor):
    PersonFactory(name="Mallory", slug="mallory", description='=HYPERLINK("http://x.example")')
    client.force_login(editor)
    response = client.post(
        reverse("admin:people_person_export"),
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"personresource_{field}": "on" for field in ["slug", "name", "description"]},
        },
    )
    assert response.status_code == 200
    exported = response.content.decode()
    assert "'=HYPERLINK(" in exported
    assert ",=HYPERLINK(" not in exported


def test_people_export_as_json(client, editor):
    PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")
    client.force_login(editor)
    response = client.post(
        reverse("admin:people_person_export"),
        {"format": "1", "resource": "0", "personresource_slug": "on", "personresource_name": "on"},
    )
    assert response.json() == [{"slug": "zohran-mamdani", "name": "Zohran Mamdani"}]
