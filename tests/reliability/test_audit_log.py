"""The audit log: every editorial action is recorded with the transition, readable by
publishers, and never changed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError

from claims.models import AuditEntry, AuditLogIsAppendOnly, Statement, Status
from claims.services import TransitionError, publish, retract, return_to_draft, submit_for_review
from tests.factories import CitationFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_draft():
    statement = StatementFactory()
    CitationFactory(statement=statement)
    return statement


def test_publishing_records_who_what_when_and_from_which_version(publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    entry = AuditEntry.objects.get()
    assert entry.actor == publisher
    assert entry.actor_name == "paula"
    assert entry.action == AuditEntry.Action.PUBLISHED
    assert entry.record == statement
    assert entry.content_type == ContentType.objects.get_for_model(Statement)
    assert (entry.from_status, entry.to_status) == (Status.DRAFT, Status.PUBLISHED)
    assert entry.history_id == statement.history.latest().history_id
    assert entry.version == statement.version
    assert entry.object_repr == str(statement)
    assert entry.at is not None


def test_every_transition_leaves_one_entry(editor, publisher, cited_draft):
    statement = submit_for_review(record=cited_draft, by=editor)
    statement = return_to_draft(record=statement, by=editor)
    statement = submit_for_review(record=statement, by=editor)
    statement = publish(record=statement, by=publisher)
    retract(record=statement, by=publisher, reason="Misattributed.")
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [
        (entry.action, entry.actor_name, entry.from_status, entry.to_status) for entry in entries
    ] == [
        ("submitted", "edith", "draft", "in_review"),
        ("returned", "edith", "in_review", "draft"),
        ("submitted", "edith", "draft", "in_review"),
        ("published", "paula", "in_review", "published"),
        ("retracted", "paula", "published", "retracted"),
    ]
    assert entries[-1].note == "Misattributed."


def test_a_refused_transition_leaves_no_entry(editor, cited_draft):
    with pytest.raises(TransitionError):
        publish(record=cited_draft, by=editor)
    assert not AuditEntry.objects.exists()


def test_a_failure_writing_the_entry_leaves_the_record_unpublished(
    publisher, cited_draft, monkeypatch
):
    """The entry is written in the transition's transaction: no entry, no publication."""

    def database_fails(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(ContentType.objects, "get_for_model", database_fails)
    with pytest.raises(DatabaseError):
        publish(record=cited_draft, by=publisher)
    monkeypatch.undo()
    stored = Statement.objects.get(pk=cited_draft.pk)
    assert stored.status == Status.DRAFT
    assert stored.history.count() == 1
    assert not AuditEntry.objects.exists()


def test_an_entry_cannot_be_changed_or_deleted(publisher, cited_draft):
    publish(record=cited_draft, by=publisher)
    entry = AuditEntry.objects.get()
    entry.note = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.update(note="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().note == ""


def test_the_entry_keeps_the_actor_name_when_the_account_goes(cited_draft):
    from django.contrib.auth.models import Group

    departing = UserFactory(username="departing", is_staff=True)
    departing.groups.add(Group.objects.get(name="Publisher"))
    publish(record=cited_draft, by=departing)
    departing.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.actor_name == "departing"


def test_publishers_read_the_audit_log_in_the_admin(client, publisher, cited_draft):
    publish(record=cited_draft, by=publisher)
    entry = AuditEntry.objects.get()
    client.force_login(publisher)
    listing = client.get("/admin/claims/auditentry/")
    assert listing.status_code == 200
    assert "paula" in listing.content.decode()
    detail = client.get(f"/admin/claims/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()


def test_editors_cannot_read_the_audit_log(client, editor):
    client.force_login(editor)
    assert client.get("/admin/claims/auditentry/").status_code == 403


@pytest.mark.parametrize("who", ["publisher", "superuser"])
def test_nobody_adds_changes_or_deletes_entries_in_the_admin(client, publisher, cited_draft, who):
    publish(record=cited_draft, by=publisher)
    entry = AuditEntry.objects.get()
    user = publisher if who == "publisher" else UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    assert client.get("/admin/claims/auditentry/add/").status_code == 403
    changed = client.post(
        f"/admin/claims/auditentry/{entry.pk}/change/", {"note": "rewritten", "actor_name": "x"}
    )
    assert changed.status_code == 403
    assert (
        client.post(f"/admin/claims/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = client.post(
        "/admin/claims/auditentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    stored = AuditEntry.objects.get()
    assert (stored.note, stored.actor_name) == ("", "paula")


def test_restoring_an_earlier_version_is_logged_with_the_version_restored(publisher, cited_draft):
    from core.history import restore_version

    first_version = cited_draft.history.earliest()
    cited_draft.text = "A later wording."
    cited_draft.save()
    restored = restore_version(
        record=cited_draft, history_id=first_version.history_id, by=publisher
    )
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.RESTORED
    assert entry.actor == publisher
    assert entry.record == restored
    assert entry.from_history_id == first_version.history_id
    assert entry.history_id == restored.history.latest().history_id
    assert restored.text == first_version.text


def test_a_refused_restore_leaves_no_entry(editor, publisher, cited_draft):
    from core.history import RestoreError, restore_version

    statement = publish(record=cited_draft, by=publisher)
    before = AuditEntry.objects.count()
    with pytest.raises(RestoreError):
        restore_version(
            record=statement, history_id=statement.history.earliest().history_id, by=editor
        )
    assert AuditEntry.objects.count() == before
