"""Workflow in the admin: each step allowed or refused per group, checked on the server."""

import pytest
from django.urls import reverse

from claims.models import Statement, Status
from claims.services import publish
from tests.admin_forms import action_data, change_form_data, messages_in
from tests.factories import CitationFactory, PublishedStatementFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_statement_changelist"


@pytest.fixture
def cited_draft():
    statement = StatementFactory()
    CitationFactory(statement=statement)
    return statement


def status_of(statement) -> str:
    return Statement.objects.get(pk=statement.pk).status


def url(name: str, statement) -> str:
    return reverse(f"admin:claims_statement_{name}", args=[statement.pk])


def test_an_editor_submits_a_draft_for_review_with_the_action(client, editor, cited_draft):
    client.force_login(editor)
    response = client.post(
        reverse(CHANGELIST), action_data("submit_selected_for_review", [cited_draft]), follow=True
    )
    assert "1 statement submitted for review." in messages_in(response)
    assert status_of(cited_draft) == Status.IN_REVIEW
    assert Statement.objects.get(pk=cited_draft.pk).history.latest().history_user == editor


def test_an_editor_submits_with_the_change_form_button(client, editor, cited_draft):
    client.force_login(editor)
    page = client.get(url("change", cited_draft))
    assert 'name="_submit_for_review"' in page.content.decode()
    assert 'name="_publish"' not in page.content.decode()
    data = change_form_data(page, _submit_for_review="Save and submit for review")
    response = client.post(url("change", cited_draft), data, follow=True)
    assert response.redirect_chain[-1][0] == url("change", cited_draft)
    assert status_of(cited_draft) == Status.IN_REVIEW


def test_an_editor_is_not_offered_publish_or_retract(client, editor, cited_draft):
    client.force_login(editor)
    actions = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert "submit_selected_for_review" in names
    assert not names & {"publish_selected", "retract_selected", "delete_selected"}


def test_an_editor_posting_the_publish_action_is_refused(client, editor, cited_draft):
    """The action is not merely hidden: posted anyway, it is refused and nothing changes."""
    client.force_login(editor)
    response = client.post(
        reverse(CHANGELIST), action_data("publish_selected", [cited_draft]), follow=True
    )
    assert "No action selected." in messages_in(response)
    assert status_of(cited_draft) == Status.DRAFT


def test_an_editor_posting_the_publish_button_is_refused_with_the_reason(
    client, editor, cited_draft
):
    client.force_login(editor)
    response = client.post(url("publish", cited_draft), follow=True)
    assert any("Only publishers can publish." in message for message in messages_in(response))
    assert status_of(cited_draft) == Status.DRAFT


def test_a_publisher_publishes_with_the_action(client, publisher, cited_draft):
    client.force_login(publisher)
    response = client.post(
        reverse(CHANGELIST), action_data("publish_selected", [cited_draft]), follow=True
    )
    assert "1 statement published." in messages_in(response)
    assert status_of(cited_draft) == Status.PUBLISHED


def test_a_publisher_publishes_with_the_button(client, publisher, cited_draft):
    client.force_login(publisher)
    page = client.get(url("change", cited_draft))
    assert 'name="_publish"' in page.content.decode()
    client.post(url("change", cited_draft), change_form_data(page, _publish="Save and publish"))
    assert status_of(cited_draft) == Status.PUBLISHED


def test_publishing_an_uncited_statement_says_why_not(client, publisher):
    statement = StatementFactory()
    client.force_login(publisher)
    response = client.post(url("publish", statement), follow=True)
    assert any("at least one citation" in message for message in messages_in(response))
    assert status_of(statement) == Status.DRAFT


def test_the_retract_button_asks_for_a_reason_first(client, publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    client.force_login(publisher)
    page = client.get(url("retract", statement))
    assert page.status_code == 200
    assert "Reason" in page.content.decode()
    refused = client.post(url("retract", statement), {"reason": "  "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"]
    assert status_of(statement) == Status.PUBLISHED
    client.post(url("retract", statement), {"reason": "The quote was misattributed."})
    retracted = Statement.objects.get(pk=statement.pk)
    assert retracted.status == Status.RETRACTED
    assert retracted.retraction_reason == "The quote was misattributed."


def test_the_retract_action_asks_for_a_reason_on_an_intermediate_page(
    client, publisher, cited_draft
):
    statement = publish(record=cited_draft, by=publisher)
    client.force_login(publisher)
    page = client.post(reverse(CHANGELIST), action_data("retract_selected", [statement]))
    assert page.status_code == 200
    assert page.templates[0].name == "admin/claims/retract.html"
    assert status_of(statement) == Status.PUBLISHED
    response = client.post(
        reverse(CHANGELIST),
        action_data("retract_selected", [statement], retract="Retract", reason="Misquoted."),
        follow=True,
    )
    assert "1 statement retracted." in messages_in(response)
    assert Statement.objects.get(pk=statement.pk).retraction_reason == "Misquoted."


def test_an_editor_cannot_retract_through_the_button(client, editor, publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    client.force_login(editor)
    response = client.post(url("retract", statement), {"reason": "Because."}, follow=True)
    assert any("Only publishers can retract." in message for message in messages_in(response))
    assert status_of(statement) == Status.PUBLISHED


def test_an_editor_cannot_delete_even_a_draft(client, editor, cited_draft):
    client.force_login(editor)
    assert client.post(url("delete", cited_draft), {"post": "yes"}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), action_data("delete_selected", [cited_draft], post="yes"), follow=True
    )
    assert "No action selected." in messages_in(response)
    assert Statement.objects.filter(pk=cited_draft.pk).exists()


def test_a_publisher_cannot_delete_a_published_statement(client, publisher):
    statement = PublishedStatementFactory()
    client.force_login(publisher)
    assert client.post(url("delete", statement), {"post": "yes"}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), action_data("delete_selected", [statement], post="yes"), follow=True
    )
    assert any("cannot be deleted" in message for message in messages_in(response))
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_publisher_deletes_a_draft(client, publisher):
    statement = StatementFactory()
    client.force_login(publisher)
    client.post(
        reverse(CHANGELIST), action_data("delete_selected", [statement], post="yes"), follow=True
    )
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_an_editor_cannot_edit_a_published_statement(client, editor):
    statement = PublishedStatementFactory(text="As published.")
    client.force_login(editor)
    page = client.get(url("change", statement))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    response = client.post(url("change", statement), {"text": "Edited.", "version": "1"})
    assert response.status_code == 403
    assert Statement.objects.get(pk=statement.pk).text == "As published."


def test_a_publisher_edits_a_published_statement(client, publisher):
    statement = PublishedStatementFactory(text="As published.")
    client.force_login(publisher)
    data = change_form_data(client.get(url("change", statement)), text="Corrected.")
    response = client.post(url("change", statement), data)
    assert response.status_code == 302, response.context["errors"]
    assert Statement.objects.get(pk=statement.pk).text == "Corrected."


def test_the_status_cannot_be_set_through_the_form(client, editor, cited_draft):
    client.force_login(editor)
    data = change_form_data(client.get(url("change", cited_draft)), status=Status.PUBLISHED)
    assert client.post(url("change", cited_draft), data).status_code == 302
    assert status_of(cited_draft) == Status.DRAFT


def test_an_editor_cannot_add_a_citation_to_a_published_statement(client, editor):
    statement = PublishedStatementFactory()
    client.force_login(editor)
    add = reverse("admin:claims_citation_add")
    data = change_form_data(
        client.get(add),
        statement=statement.pk,
        source=statement.citations.get().source_id,
        excerpt="Another passage.",
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert "only a publisher" in response.context["adminform"].form.errors["statement"][0]
    assert statement.citations.count() == 1
