"""The source admin's archive parts: "Archive now", the change flag, the diff of two copies."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from sources.models import Source
from tests.factories import SnapshotFactory, SourceFactory, UserFactory

PAGE = "<html><body><article><p>{text}</p></article></body></html>"


def archive_now(client, capture_on_commit, *sources):
    """Ask for copies; the queued tasks run (in this process: the suite's tasks are eager)
    once the request's transaction commits. Returns the changelist shown afterwards."""
    with capture_on_commit(execute=True):
        answer = client.post(
            "/admin/sources/source/",
            {"action": "archive_now", "_selected_action": [source.pk for source in sources]},
        )
    response = client.get("/admin/sources/source/")
    response.answer = answer
    return response


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.answer.wsgi_request)]


@pytest.mark.django_db
def test_archive_now_answers_at_once_and_a_task_takes_the_copy(
    client, editor, page_server, django_capture_on_commit_callbacks
):
    source = SourceFactory(
        title="Budget story", url=page_server.serve("/budget", PAGE.format(text="Kept."))
    )
    client.force_login(editor)

    with django_capture_on_commit_callbacks() as queued:
        answer = client.post(
            "/admin/sources/source/",
            {"action": "archive_now", "_selected_action": [source.pk]},
            follow=True,
        )

    # The admin answered without fetching anything: the task waits in the queue.
    assert [str(m) for m in get_messages(answer.wsgi_request)] == [
        "“Budget story” queued for archiving; its status here shows the result."
    ]
    assert page_server.requests == []
    assert "Queued for archiving at" in answer.content.decode()
    assert len(queued) == 1

    queued[0]()  # the worker's turn

    snapshot = source.latest_snapshot
    assert snapshot.text == "Kept."
    assert snapshot.archived_by == editor
    assert "Archived " in client.get("/admin/sources/source/").content.decode()


@pytest.mark.django_db
def test_archive_now_shows_a_refusal_as_the_source_status(
    client, editor, django_capture_on_commit_callbacks
):
    source = SourceFactory(title="Metadata", url="http://169.254.169.254/latest/")
    client.force_login(editor)

    response = archive_now(client, django_capture_on_commit_callbacks, source)

    assert messages_of(response) == [
        "“Metadata” queued for archiving; its status here shows the result."
    ]
    assert not source.snapshots.exists()
    assert "Not archived: 169.254.169.254 is a link-local address" in response.content.decode()


@pytest.mark.django_db
def test_archive_now_says_when_a_source_is_already_queued(
    client, editor, django_capture_on_commit_callbacks
):
    source = SourceFactory(title="Waiting")
    Source.objects.filter(pk=source.pk).update(
        archive_queued_at=datetime.datetime.now(datetime.UTC)
    )
    client.force_login(editor)

    response = archive_now(client, django_capture_on_commit_callbacks, source)

    assert messages_of(response) == ["“Waiting” is already queued for archiving."]


@pytest.mark.django_db
def test_archive_now_needs_the_change_permission(
    client, page_server, django_capture_on_commit_callbacks
):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    source = SourceFactory(url=page_server.serve("/budget", PAGE.format(text="Kept.")))
    client.force_login(viewer)

    archive_now(client, django_capture_on_commit_callbacks, source)

    assert not source.snapshots.exists()
    assert page_server.requests == []


@pytest.mark.django_db
def test_a_changed_source_is_flagged_and_the_admin_shows_what_changed(
    client, editor, page_server, django_capture_on_commit_callbacks
):
    source = SourceFactory(
        title="Budget story",
        url=page_server.serve("/budget", PAGE.format(text="The council kept the budget.")),
    )
    client.force_login(editor)
    archive_now(client, django_capture_on_commit_callbacks, source)
    page_server.serve("/budget", PAGE.format(text="The council cut the budget."))

    response = archive_now(client, django_capture_on_commit_callbacks, source)

    assert source.snapshots.count() == 2
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
