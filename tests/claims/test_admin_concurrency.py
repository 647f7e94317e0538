"""Two editors, one statement or fact-check: the second stale save is refused, the first survives."""

import pytest
from django.urls import reverse

from claims.models import FactCheck, Statement
from tests.admin_forms import change_form_data
from tests.factories import CitationFactory, FactCheckFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def two_stale_saves(client, first_user, second_user, change, field, first, second):
    client.force_login(first_user)
    first_form = change_form_data(client.get(change), **{field: first})
    client.force_login(second_user)
    second_form = change_form_data(client.get(change), **{field: second})
    client.force_login(first_user)
    accepted = client.post(change, first_form)
    assert accepted.status_code == 302, accepted.context and accepted.context["errors"]
    client.force_login(second_user)
    return client.post(change, second_form)


def test_the_second_of_two_stale_statement_forms_is_refused(client, editor, second_editor):
    statement = StatementFactory(text="As said.")
    CitationFactory(statement=statement)
    change = reverse("admin:claims_statement_change", args=[statement.pk])
    refused = two_stale_saves(
        client, editor, second_editor, change, "text", "First fix.", "Second fix."
    )
    assert refused.status_code == 200
    error = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "“As said.” → “First fix.”" in error
    # Only what the history keeps is named: not the fingerprint derived from the text.
    assert "ingerprint" not in error
    assert Statement.objects.get(pk=statement.pk).text == "First fix."


def test_the_second_of_two_stale_fact_check_forms_is_refused(client, publisher):
    check = FactCheckFactory(analysis="Original analysis.")
    other_publisher = UserFactory(username="pete", is_staff=True)
    other_publisher.groups.set(publisher.groups.all())
    change = reverse("admin:claims_factcheck_change", args=[check.pk])
    refused = two_stale_saves(
        client, publisher, other_publisher, change, "analysis", "First.", "Second."
    )
    assert refused.status_code == 200
    assert "Someone else saved" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert FactCheck.objects.get(pk=check.pk).analysis == "First."


def test_a_stale_form_names_what_changed_as_editors_read_it(client, editor, second_editor):
    """A submission since the form opened reads "Draft → In review" and the editor's name,
    not the stored codes, the user's id and "None"."""
    statement = StatementFactory()
    CitationFactory(statement=statement)
    change = reverse("admin:claims_statement_change", args=[statement.pk])
    client.force_login(second_editor)
    stale_form = change_form_data(client.get(change), venue="A venue")
    client.force_login(editor)
    client.post(change, change_form_data(client.get(change), _submit_for_review="1"))
    assert Statement.objects.get(pk=statement.pk).status == "in_review"
    client.force_login(second_editor)

    refused = client.post(change, stale_form)

    error = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "status “Draft” → “In review”" in error
    assert f"submitted by “” → “{editor.username}”" in error
    assert "None" not in error
    assert "in_review" not in error
