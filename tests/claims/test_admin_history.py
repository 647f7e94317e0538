"""History is visible in the admin and an earlier version can be restored, within the rules."""

import pytest
from django.urls import reverse

from claims.models import Statement, Status
from claims.services import publish, submit_for_review
from tests.admin_forms import change_form_data, messages_in
from tests.factories import CitationFactory, StatementFactory

pytestmark = pytest.mark.django_db


def url(name: str, statement, *args) -> str:
    return reverse(f"admin:claims_statement_{name}", args=[statement.pk, *args])


@pytest.fixture
def edited_draft(client, editor):
    """A cited draft whose text an editor changed once through the admin."""
    statement = StatementFactory(text="First wording.")
    CitationFactory(statement=statement)
    client.force_login(editor)
    data = change_form_data(client.get(url("change", statement)), text="Second wording.")
    assert client.post(url("change", statement), data).status_code == 302
    return Statement.objects.get(pk=statement.pk)


def first_version_id(statement) -> int:
    return statement.history.earliest().history_id


def test_the_history_page_shows_who_changed_what(client, editor, edited_draft):
    page = client.get(url("history", edited_draft))
    content = page.content.decode()
    assert page.status_code == 200
    assert "First wording." in content
    assert "Second wording." in content
    assert editor.username in content
    assert "Restore this version" in content


def test_an_editor_restores_an_earlier_version_of_a_draft(client, editor, edited_draft):
    response = client.post(
        url("restore", edited_draft, first_version_id(edited_draft)),
        {"version": edited_draft.version},
        follow=True,
    )
    assert any(message.startswith("Restored version") for message in messages_in(response))
    restored = Statement.objects.get(pk=edited_draft.pk)
    assert restored.text == "First wording."
    assert restored.version == edited_draft.version + 1
    latest = restored.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Restored by edith")


def test_a_restore_from_a_stale_history_page_is_refused(client, editor, edited_draft):
    response = client.post(
        url("restore", edited_draft, first_version_id(edited_draft)),
        {"version": edited_draft.version - 1},
        follow=True,
    )
    assert any("changed by someone else" in message for message in messages_in(response))
    assert Statement.objects.get(pk=edited_draft.pk).text == "Second wording."


def test_an_editor_cannot_restore_a_published_statement(client, editor, publisher, edited_draft):
    published = publish(record=edited_draft, by=publisher)
    client.force_login(editor)
    assert "Restore this version" not in client.get(url("history", published)).content.decode()
    response = client.post(
        url("restore", published, first_version_id(published)),
        {"version": published.version},
        follow=True,
    )
    assert any("may not change" in message for message in messages_in(response))
    assert Statement.objects.get(pk=published.pk).text == "Second wording."


def test_a_publisher_restores_a_published_statement_which_stays_published(
    client, publisher, edited_draft
):
    published = publish(record=edited_draft, by=publisher)
    client.force_login(publisher)
    client.post(
        url("restore", published, first_version_id(published)), {"version": published.version}
    )
    restored = Statement.objects.get(pk=published.pk)
    assert restored.text == "First wording."
    assert restored.status == Status.PUBLISHED


def test_the_stock_revert_form_cannot_save(client, editor, edited_draft):
    """Simple-history's own revert form would skip the checks; it only shows a version."""
    version_page = url("simple_history", edited_draft, first_version_id(edited_draft))
    assert client.get(version_page).status_code == 200
    assert client.post(version_page, {"text": "Sneaky."}).status_code == 405
    assert Statement.objects.get(pk=edited_draft.pk).text == "Second wording."


def test_an_editor_can_view_an_earlier_version_of_a_published_statement(
    client, editor, publisher, edited_draft
):
    published = publish(record=edited_draft, by=publisher)
    client.force_login(editor)
    page = client.get(url("simple_history", published, first_version_id(published)))
    assert page.status_code == 200
    assert "First wording." in page.content.decode()


def test_a_restore_leaves_the_review_state_as_it_is(client, editor, publisher, edited_draft):
    """Restoring a version from when the draft was sent back brings back its words, not the
    answered note, nor who submitted it then."""
    from claims.services import return_to_draft, send_back, submit_for_review

    submit_for_review(record=edited_draft, by=editor)
    send_back(record=Statement.objects.get(pk=edited_draft.pk), by=publisher, note="Fix the date.")
    when_sent_back = Statement.objects.get(pk=edited_draft.pk).history.latest().history_id
    submit_for_review(record=Statement.objects.get(pk=edited_draft.pk), by=publisher)
    return_to_draft(record=Statement.objects.get(pk=edited_draft.pk), by=publisher)
    current = Statement.objects.get(pk=edited_draft.pk)

    client.post(url("restore", current, when_sent_back), {"version": current.version})

    restored = Statement.objects.get(pk=edited_draft.pk)
    assert restored.version == current.version + 1
    assert restored.return_note == ""
    assert not restored.is_returned
    assert restored.submitted_by == publisher
    assert restored.submitted_at == current.submitted_at


def test_an_editor_cannot_restore_a_citation_of_a_published_statement(client, editor, publisher):
    """The citation's change form is read-only to an editor once its statement is public;
    its restore button is refused the same way, not only hidden."""
    statement = StatementFactory(text="First wording.")
    citation = CitationFactory(statement=statement, excerpt="First excerpt.")
    first = citation.history.earliest().history_id
    citation.excerpt = "Second excerpt."
    citation.save()
    publish(record=statement, by=publisher)
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_citation_restore", args=[citation.pk, first]), follow=True
    )

    assert any("may not change" in message for message in messages_in(response))
    citation.refresh_from_db()
    assert citation.excerpt == "Second excerpt."


@pytest.fixture
def published_after_edit(client, editor, publisher):
    """A statement edited once by an editor (kind, and a venue it had none of), then submitted
    and published."""
    statement = StatementFactory(text="First wording.", kind=Statement.Kind.QUOTE, venue="")
    statement.history.update(history_user=editor)  # created by edith, as in the admin
    CitationFactory(statement=statement)
    client.force_login(editor)
    data = change_form_data(
        client.get(url("change", statement)), kind=Statement.Kind.PARAPHRASE, venue="City Hall"
    )
    assert client.post(url("change", statement), data).status_code == 302
    submit_for_review(record=Statement.objects.get(pk=statement.pk), by=editor)
    publish(record=Statement.objects.get(pk=statement.pk), by=publisher)
    return Statement.objects.get(pk=statement.pk)


def changes_shown(page) -> set[tuple[str, str, str]]:
    return {
        (change["field"], change["old"], change["new"])
        for version in page.context["page_obj"]
        for change in getattr(version, "history_delta_changes", [])
    }


def test_the_history_page_shows_changes_as_the_form_reads_them(client, published_after_edit):
    """Choices by their labels, no value as a dash, and no version counter as a change."""
    page = client.get(url("history", published_after_edit))

    assert changes_shown(page) == {
        ("Kind", "Verbatim quote", "Paraphrase"),
        ("Venue", "—", "City Hall"),
        ("Status", "Draft", "In review"),
        ("Status", "In review", "Published"),
    }


def test_the_history_page_leaves_a_missing_change_reason_empty(client, published_after_edit):
    """An edit saved without a reason shows no reason, not "None"."""
    page = client.get(url("history", published_after_edit))

    table = page.content.decode().split('id="change-history"')[1].split("</table>")[0]
    assert "Submitted for review" in table
    assert "None" not in table
