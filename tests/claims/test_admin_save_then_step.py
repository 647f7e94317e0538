"""Workflow buttons on a change form save the form first, then move the record."""

import pytest
from django.urls import reverse

from claims.models import AuditEntry, Statement, Status
from tests.admin_forms import change_form_data, messages_in
from tests.factories import CitationFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_draft():
    statement = StatementFactory(text="The old words.")
    CitationFactory(statement=statement, excerpt="The old words.")
    return statement


def change_url(statement) -> str:
    return reverse("admin:claims_statement_change", args=[statement.pk])


def test_an_edit_then_submit_for_review_keeps_the_edit(client, editor, cited_draft):
    client.force_login(editor)
    data = change_form_data(
        client.get(change_url(cited_draft)),
        text="The new words.",
        _submit_for_review="Save and submit for review",
    )
    response = client.post(change_url(cited_draft), data, follow=True)
    stored = Statement.objects.get(pk=cited_draft.pk)
    assert (stored.text, stored.status) == ("The new words.", Status.IN_REVIEW)
    assert "1 statement submitted for review." in messages_in(response)
    submitted = AuditEntry.objects.get(action=AuditEntry.Action.SUBMITTED)
    assert submitted.object_repr.endswith("The new words.")


def test_an_edit_then_publish_keeps_the_edit(client, publisher, cited_draft):
    client.force_login(publisher)
    data = change_form_data(
        client.get(change_url(cited_draft)),
        text="The old words.",
        venue="A town hall",
        _publish="Save and publish",
    )
    client.post(change_url(cited_draft), data)
    stored = Statement.objects.get(pk=cited_draft.pk)
    assert (stored.venue, stored.status) == ("A town hall", Status.PUBLISHED)


def test_a_citation_added_in_the_same_form_counts_for_publishing(client, publisher):
    statement = StatementFactory(text="We will.")
    source = CitationFactory(statement=StatementFactory()).source
    client.force_login(publisher)
    data = change_form_data(
        client.get(change_url(statement)),
        **{"citations-0-source": str(source.pk), "citations-0-excerpt": "We will."},
        _publish="Save and publish",
    )
    client.post(change_url(statement), data)
    stored = Statement.objects.get(pk=statement.pk)
    assert stored.status == Status.PUBLISHED
    assert stored.citations.count() == 1


def test_a_form_error_stops_both_the_save_and_the_step(client, editor, cited_draft):
    client.force_login(editor)
    data = change_form_data(
        client.get(change_url(cited_draft)),
        text="The new words.",
        said_on="2025-13",
        _submit_for_review="Save and submit for review",
    )
    response = client.post(change_url(cited_draft), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["said_on"]
    stored = Statement.objects.get(pk=cited_draft.pk)
    assert (stored.text, stored.status) == ("The old words.", Status.DRAFT)
    assert not AuditEntry.objects.exists()


def test_a_refused_publish_keeps_the_saved_edit_and_says_why(client, publisher):
    statement = StatementFactory(text="Uncited.")
    client.force_login(publisher)
    data = change_form_data(
        client.get(change_url(statement)), text="Still uncited.", _publish="Save and publish"
    )
    response = client.post(change_url(statement), data, follow=True)
    assert any("at least one citation" in message for message in messages_in(response))
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.text, stored.status) == ("Still uncited.", Status.DRAFT)


def test_a_stale_save_shows_no_workflow_button(client, editor, cited_draft):
    """Someone else saved first: the refused form offers no step acting on their version."""
    other = UserFactory(username="eric", is_staff=True)
    other.groups.set(editor.groups.all())
    client.force_login(editor)
    mine = change_form_data(client.get(change_url(cited_draft)), text="Mine.")
    client.force_login(other)
    theirs = change_form_data(client.get(change_url(cited_draft)), text="Theirs.")
    assert client.post(change_url(cited_draft), theirs).status_code == 302
    client.force_login(editor)

    refused = client.post(
        change_url(cited_draft), {**mine, "_submit_for_review": "Save and submit for review"}
    )

    assert refused.status_code == 200
    assert refused.context["workflow_buttons"] == []
    assert 'name="_submit_for_review"' not in refused.content.decode()
    stored = Statement.objects.get(pk=cited_draft.pk)
    assert (stored.text, stored.status) == ("Theirs.", Status.DRAFT)


def test_the_add_form_saves_and_submits_in_one_step(client, editor):
    person = StatementFactory().speaker
    client.force_login(editor)
    add = reverse("admin:claims_statement_add")
    data = change_form_data(
        client.get(add),
        speaker=str(person.pk),
        kind="quote",
        text="Added and submitted.",
        said_on="2024",
        _submit_for_review="Save and submit for review",
    )
    client.post(add, data)
    assert Statement.objects.get(text="Added and submitted.").status == Status.IN_REVIEW
