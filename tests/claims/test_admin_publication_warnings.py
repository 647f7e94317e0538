"""A publisher is warned before publishing a statement whose quote is not in its source.

The statement admin puts claims.admin_verification.PublicationWarningsMixin in front of its
bases, so its publish action and button ask first.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Statement, Status
from tests.admin_forms import change_form_data
from tests.factories import CitationFactory, SnapshotFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_statement_changelist"
ARTICLE = "“We will fund the police, and we will fund them well,” the council leader said."


def quoted_draft(text: str) -> Statement:
    statement = StatementFactory(text=text)
    CitationFactory(statement=statement, source=SnapshotFactory(text=ARTICLE).source)
    return statement


def url(name: str, statement) -> str:
    return reverse(f"admin:claims_statement_{name}", args=[statement.pk])


def status_of(statement) -> str:
    return Statement.objects.get(pk=statement.pk).status


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_change_form_warns_a_publisher_about_a_quote_not_found(client, publisher):
    statement = quoted_draft("We will defund the police")
    client.force_login(publisher)

    response = client.get(url("change", statement))

    assert any(
        message.startswith(
            "Before publishing: The quoted words were not found in the archived copy"
        )
        for message in messages_of(response)
    )


def test_the_change_form_has_no_warning_for_a_quote_found(client, publisher):
    statement = quoted_draft("We will fund the police, and we will fund them well.")
    client.force_login(publisher)

    response = client.get(url("change", statement))

    assert not any("Before publishing" in message for message in messages_of(response))


def test_the_publish_button_asks_for_confirmation_then_publishes(client, publisher):
    statement = quoted_draft("We will defund the police")
    client.force_login(publisher)

    asked = client.post(url("publish", statement))

    assert asked.status_code == 200
    assert "Publish anyway" in asked.content.decode()
    assert "The quoted words were not found in the archived copy" in asked.content.decode()
    assert status_of(statement) == Status.DRAFT

    client.post(url("publish", statement), {"publish_despite_warnings": "1"})

    assert status_of(statement) == Status.PUBLISHED


def test_the_publish_action_asks_for_confirmation_then_publishes(client, publisher):
    unverified = quoted_draft("We will defund the police")
    verified = quoted_draft("we will fund them well")
    client.force_login(publisher)
    selection = {"action": "publish_selected", ACTION_CHECKBOX_NAME: [unverified.pk, verified.pk]}

    asked = client.post(reverse(CHANGELIST), selection)

    assert "Publish anyway" in asked.content.decode()
    assert status_of(unverified) == Status.DRAFT
    assert status_of(verified) == Status.DRAFT

    client.post(reverse(CHANGELIST), {**selection, "publish_despite_warnings": "1"})

    assert status_of(unverified) == Status.PUBLISHED
    assert status_of(verified) == Status.PUBLISHED


def test_a_verified_quote_is_published_without_a_question(client, publisher):
    statement = quoted_draft("We will fund the police, and we will fund them well")
    client.force_login(publisher)

    client.post(url("publish", statement))

    assert status_of(statement) == Status.PUBLISHED


def excerpt_draft(text: str, excerpt: str) -> Statement:
    """A verbatim quote cited with an excerpt (its source has no archived copy)."""
    statement = StatementFactory(text=text)
    CitationFactory(statement=statement, excerpt=excerpt)
    return statement


def test_a_quote_missing_from_its_excerpt_must_be_acknowledged(client, publisher):
    statement = excerpt_draft("We will defund the police.", "We will fund the police well.")
    client.force_login(publisher)
    form = change_form_data(client.get(url("change", statement)), _publish="Save and publish")

    asked = client.post(url("change", statement), form)

    assert asked.status_code == 200
    assert "The quoted words are not in the excerpt cited from" in asked.content.decode()
    assert status_of(statement) == Status.DRAFT

    client.post(url("publish", statement), {"publish_despite_warnings": "1"})

    assert status_of(statement) == Status.PUBLISHED


def test_a_quote_found_in_its_excerpt_is_not_questioned(client, publisher):
    statement = excerpt_draft("we will fund them", "“We will fund them,” she said.")
    client.force_login(publisher)
    form = change_form_data(client.get(url("change", statement)), _publish="Save and publish")

    client.post(url("change", statement), form)

    assert status_of(statement) == Status.PUBLISHED


def test_a_paraphrase_is_not_held_to_its_excerpt(client, publisher):
    statement = excerpt_draft("She backs the police.", "We will fund the police well.")
    Statement.objects.filter(pk=statement.pk).update(kind=Statement.Kind.PARAPHRASE)
    client.force_login(publisher)

    client.post(url("publish", statement))

    assert status_of(statement) == Status.PUBLISHED
