"""The source admin's archive parts: "Archive now", the change flag, the diff of two copies."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from sources.models import Source
from tests.factories import SnapshotFactory, SourceFactory, UserFactory

PAGE = "<html><body><article><p>{text}</p></article></body></html>"


def archive_now(client, *sources):
    return client.post(
        "/admin/sources/source/",
        {"action": "archive_now", "_selected_action": [source.pk for source in sources]},
        follow=True,
    )


@pytest.mark.django_db
def test_archive_now_takes_a_copy_and_says_so(client, editor, page_server):
    source = SourceFactory(
        title="Budget story", url=page_server.serve("/budget", PAGE.format(text="Kept."))
    )
    client.force_login(editor)

    response = archive_now(client, source)

    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["“Budget story” archived."]
    snapshot = source.latest_snapshot
    assert snapshot.text == "Kept."
    assert snapshot.archived_by == editor


@pytest.mark.django_db
def test_archive_now_reports_a_refusal_as_a_warning(client, editor):
    source = SourceFactory(title="Metadata", url="http://169.254.169.254/latest/")
    client.force_login(editor)

    response = archive_now(client, source)

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“Metadata” was not archived: 169.254.169.254 is a link-local address; it is not archived"
    ]
    assert not source.snapshots.exists()
    assert "Not archived: 169.254.169.254 is a link-local address" in response.content.decode()


@pytest.mark.django_db
def test_archive_now_needs_the_change_permission(client, page_server):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    source = SourceFactory(url=page_server.serve("/budget", PAGE.format(text="Kept.")))
    client.force_login(viewer)

    archive_now(client, source)

    assert not source.snapshots.exists()
    assert page_server.requests == []


@pytest.mark.django_db
def test_a_changed_source_is_flagged_and_the_admin_shows_what_changed(client, editor, page_server):
    source = SourceFactory(
        title="Budget story",
        url=page_server.serve("/budget", PAGE.format(text="The council kept the budget.")),
    )
    client.force_login(editor)
    archive_now(client, source)
    page_server.serve("/budget", PAGE.format(text="The council cut the budget."))

    response = archive_now(client, source)

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“Budget story” archived; its text changed since the last copy."
    ]
    assert "Changed since archived" in response.content.decode()
    changes = client.get(f"/admin/sources/source/{source.pk}/changes/")
    page = changes.content.decode()
    assert changes.status_code == 200
    # Side by side, with the changed letters marked on each side.
    assert "The&nbsp;council&nbsp;" in page
    assert '<span class="diff_chg">kep</span>t' in page
    assert '<span class="diff_chg">cu</span>t' in page


@pytest.mark.django_db
def test_the_diff_escapes_the_page_text(client, editor):
    source = SourceFactory()
    SnapshotFactory(
        source=source,
        text="Plain words.",
        fetched_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC),
    )
    SnapshotFactory(source=source, text="<script>alert(1)</script> & more")
    client.force_login(editor)

    page = client.get(f"/admin/sources/source/{source.pk}/changes/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_the_changes_page_of_a_source_with_one_copy_says_there_is_nothing_to_compare(
    client, editor
):
    source = SnapshotFactory().source
    client.force_login(editor)

    page = client.get(f"/admin/sources/source/{source.pk}/changes/").content.decode()

    assert "nothing to compare yet" in page


@pytest.mark.django_db
def test_the_changes_page_of_an_unknown_source_is_not_found(client, editor):
    client.force_login(editor)

    assert client.get("/admin/sources/source/999999/changes/").status_code in (302, 404)


@pytest.mark.django_db
def test_marking_changes_reviewed_clears_the_flag(client, editor):
    source = SourceFactory()
    Source.objects.filter(pk=source.pk).update(changed_since_archived=True)
    client.force_login(editor)

    client.post(
        "/admin/sources/source/",
        {"action": "mark_changes_reviewed", "_selected_action": [source.pk]},
    )

    source.refresh_from_db()
    assert source.changed_since_archived is False
