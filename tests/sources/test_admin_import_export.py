"""Sources import from CSV, matched on their normalized URL; one bad row changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.models import Source
from tests.factories import OrganizationFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:sources_source_import")
PROCESS = reverse("admin:sources_source_process_import")
HEADER = "url,title,publisher,authors,kind,published_on,via,notes\n"


def upload(client, text: str):
    file = SimpleUploadedFile("sources.csv", text.encode(), content_type="text/csv")
    return client.post(IMPORT, {"format": "0", "import_file": file})


def test_sources_import_and_update_by_normalized_url(client, editor):
    OrganizationFactory(slug="the-new-york-times")
    author = PersonFactory(slug="emma-fitzsimmons")
    existing = SourceFactory(url="https://example.org/story", title="Old title")
    client.force_login(editor)
    preview = upload(
        client,
        HEADER + "https://EXAMPLE.org/story?utm_source=x,New title,,,article,2025-06,,\n"
        "https://nytimes.example/mamdani,Mamdani and the police,the-new-york-times,"
        "emma-fitzsimmons,article,2025-06-24,https://example.org/story,\n",
    )
    assert not preview.context["result"].has_validation_errors(), preview.context["result"]
    client.post(PROCESS, preview.context["confirm_form"].initial)
    assert Source.objects.get(pk=existing.pk).title == "New title"
    new = Source.objects.get(url="https://nytimes.example/mamdani")
    assert list(new.authors.all()) == [author]
    assert new.via == existing


def test_a_source_file_with_a_bad_url_imports_nothing(client, editor):
    client.force_login(editor)
    response = upload(
        client,
        HEADER + "https://example.org/good,Good,,,article,2025,,\n"
        "javascript:alert(1),Bad,,,article,2025,,\n",
    )
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert "url" in invalid.field_specific_errors
    assert not Source.objects.exists()
