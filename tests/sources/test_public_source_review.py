"""A source a public record cites changes only by a publisher's hand, and the change is logged."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import AuditEntry
from sources.models import Source
from tests.api.versions import if_match
from tests.factories import (
    CitationFactory,
    PublishedStatementFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def cited():
    """A source a published statement cites."""
    source = SourceFactory(title="Original title", url="https://news.example/original")
    PublishedStatementFactory(citation__source=source)
    return source


def reader_sees(client, source: Source) -> str:
    page = client.get(f"/sources/{source.pk}/").content.decode()
    api = APIClient().get(f"/api/v1/sources/{source.pk}/").json()
    assert api["title"] in page
    return api["title"]


def test_an_editors_change_to_a_publicly_cited_source_waits_for_a_publisher(
    client, editor, publisher, cited
):
    url = f"/api/v1/sources/{cited.pk}/"
    editor_api = token_client(editor)
    change = {"title": "Swapped title", "web_url": "https://elsewhere.example/"}

    refused = editor_api.patch(url, change, format="json", **if_match(editor_api, url))
    assert refused.status_code == 403
    assert "only a publisher" in refused.json()["detail"]
    client.force_login(editor)
    admin_post = client.post(
        f"/admin/sources/source/{cited.pk}/change/",
        {"title": "Swapped title", "kind": "article", "version": cited.version},
    )
    assert admin_post.status_code == 403
    client.logout()
    assert reader_sees(client, cited) == "Original title"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SOURCE_CHANGED).exists()

    publisher_api = token_client(publisher)
    allowed = publisher_api.patch(url, change, format="json", **if_match(publisher_api, url))
    assert allowed.status_code == 200, allowed.content
    assert reader_sees(client, cited) == "Swapped title"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SOURCE_CHANGED)
    assert entry.actor == publisher
    assert entry.object_id == cited.pk
    assert "title" in entry.note and "url" in entry.note
    assert entry.history_id == Source.objects.get(pk=cited.pk).history.latest().history_id


def test_editors_still_change_sources_only_drafts_cite_without_an_audit_entry(editor):
    source = SourceFactory(title="Draft's source")
    CitationFactory(statement=StatementFactory(), source=source)
    api = token_client(editor)
    url = f"/api/v1/sources/{source.pk}/"
    response = api.patch(url, {"title": "Better title"}, format="json", **if_match(api, url))
    assert response.status_code == 200, response.content
    assert Source.objects.get(pk=source.pk).title == "Better title"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SOURCE_CHANGED).exists()


def test_archiving_bookkeeping_on_a_public_source_is_not_an_editorial_change(cited):
    cited.archive_problem = "refused"
    cited.save(update_fields=["archive_problem", "updated_at"])
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SOURCE_CHANGED).exists()


def test_an_editor_cannot_restore_an_earlier_version_of_a_publicly_cited_source(
    client, editor, publisher, cited
):
    """Restore is a change like any other: an editor's is refused (in the admin, and by
    core.history.restore_version for any caller), and the public title stays."""
    from django.urls import reverse

    from core.history import RestoreError, restore_version

    first = cited.history.earliest().history_id
    cited.title = "Corrected title"
    cited.save()
    client.force_login(editor)

    client.post(reverse("admin:sources_source_restore", args=[cited.pk, first]))
    with pytest.raises(RestoreError, match="may not change"):
        restore_version(record=Source.objects.get(pk=cited.pk), history_id=first, by=editor)

    assert Source.objects.get(pk=cited.pk).title == "Corrected title"


def test_a_restore_in_the_admin_asks_the_sources_rule_once(client, publisher, cited, monkeypatch):
    """The admin decides whether the user may change the source (Source.editable_by, which
    asks the database whether a public record cites it) and the restore takes its answer."""
    from django.urls import reverse

    first = cited.history.earliest().history_id
    cited.title = "Corrected title"
    cited.save()
    rule = Source.editable_by
    asked = []
    monkeypatch.setattr(
        Source, "editable_by", lambda source, user: asked.append(1) or rule(source, user)
    )
    client.force_login(publisher)

    client.post(
        reverse("admin:sources_source_restore", args=[cited.pk, first]),
        {"version": Source.objects.get(pk=cited.pk).version},
    )

    assert Source.objects.get(pk=cited.pk).title == "Original title"
    assert len(asked) == 1
