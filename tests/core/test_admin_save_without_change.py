"""A Save in the admin that changes nothing keeps the record as it was: the same version, the
same updated_at, no history entry; so it neither fills the history with empty entries nor
makes the form another editor opened earlier stale. A change of the record or of one of its
inline rows is saved as before, and the workflow buttons still take their step."""

import pytest

from claims.models import Statement, Status
from core import revisions
from tests.admin_forms import change_form_data, messages_in
from tests.core.test_every_edited_record_is_versioned import (
    INLINE,
    OWN_PAGE,
    change_url,
    fresh,
    row_key,
    save,
)
from tests.factories import (
    CitationFactory,
    FactCheckFactory,
    PersonFactory,
    PromiseFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def source_with_an_author():
    source = SourceFactory()
    source.authors.add(PersonFactory())
    return source


# Every record edited on a page of its own.
EVERY_OWN_PAGE = {
    "statement": lambda: CitationFactory(statement=StatementFactory()).statement,
    "fact-check": FactCheckFactory,
    "person": PersonFactory,
    "source": source_with_an_author,
    "promise": PromiseFactory,
    **{name: kind.make for name, kind in OWN_PAGE.items()},
}


def as_stored(record) -> tuple:
    """What a save would move: the version, the time of the last save, the history's length."""
    stored = fresh(record)
    return stored.version, stored.updated_at, stored.history.count()


def as_stored_and_served(record) -> tuple:
    """As stored, and the content revision readers' ETags and cached pages are keyed on."""
    return *as_stored(record), revisions.current()


@pytest.mark.parametrize("make", EVERY_OWN_PAGE.values(), ids=EVERY_OWN_PAGE.keys())
def test_a_save_that_changes_nothing_keeps_the_record_as_it_was(client, publisher, make):
    record = make()
    url = change_url(record)
    client.force_login(publisher)
    opened = client.get(url)
    before = as_stored_and_served(record)

    response = client.post(url, change_form_data(opened), follow=True)

    assert response.redirect_chain, response.context and response.context["errors"]
    assert any("successfully" in message for message in messages_in(response))
    assert as_stored_and_served(record) == before


def test_a_save_that_changes_nothing_does_not_make_an_earlier_form_stale(
    client, editor, second_editor
):
    """Editor A opens the statement; editor B opens it later and saves without changing
    anything; A's change, made from the form A opened first, is accepted."""
    statement = CitationFactory(statement=StatementFactory(venue="A hall")).statement
    url = change_url(statement)
    client.force_login(editor)
    opened_first = client.get(url)
    client.force_login(second_editor)
    untouched = save(client, second_editor, url, change_form_data(client.get(url)))
    assert untouched.status_code == 302, untouched.context and untouched.context["errors"]

    accepted = save(client, editor, url, change_form_data(opened_first, venue="A town hall"))

    assert accepted.status_code == 302, accepted.context and accepted.context["errors"]
    stored = fresh(statement)
    assert (stored.venue, stored.version) == ("A town hall", statement.version + 1)


def test_a_save_from_a_stale_form_is_refused_even_when_it_changes_nothing(
    client, editor, second_editor
):
    """The page shows values someone else has since replaced, and its workflow buttons would
    act on them: the editor reloads first, as for any stale save (the API answers 412)."""
    statement = CitationFactory(statement=StatementFactory(venue="A hall")).statement
    url = change_url(statement)
    client.force_login(second_editor)
    opened_first = client.get(url)
    save(client, editor, url, change_form_data(client.get(url), venue="A town hall"))

    refused = save(client, second_editor, url, change_form_data(opened_first))

    assert refused.status_code == 200
    assert "Someone else saved" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert fresh(statement).venue == "A town hall"


def test_a_real_change_still_moves_the_version_and_writes_history(client, editor):
    statement = CitationFactory(statement=StatementFactory(venue="A hall")).statement
    version, updated_at, entries = as_stored(statement)
    url = change_url(statement)
    client.force_login(editor)

    response = client.post(url, change_form_data(client.get(url), venue="A town hall"))

    assert response.status_code == 302, response.context and response.context["errors"]
    stored = fresh(statement)
    assert stored.venue == "A town hall"
    assert stored.version == version + 1
    assert stored.updated_at > updated_at
    assert stored.history.count() == entries + 1
    assert stored.history.latest().history_user == editor


@pytest.mark.parametrize("kind", INLINE.values(), ids=INLINE.keys())
def test_a_row_changed_alone_is_a_change_of_the_record(client, publisher, kind):
    """The row is part of the record as readers see it (a statement's citations): its new
    version is what tells a reader's ETag, or another editor's form, that it changed."""
    parent = kind.make_parent()
    row = kind.row_of(parent)
    version, _, entries = as_stored(parent)
    url = change_url(parent)
    client.force_login(publisher)
    opened = client.get(url)

    response = save(
        client,
        publisher,
        url,
        {**change_form_data(opened), row_key(opened, row, kind.field): "Mine."},
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert getattr(fresh(row), kind.field) == "Mine."
    assert fresh(parent).version == version + 1
    assert fresh(parent).history.count() == entries + 1


def test_save_and_submit_for_review_without_a_change_still_submits(client, editor):
    """The button's step is a change of its own: it moves the version once and is recorded."""
    statement = CitationFactory(statement=StatementFactory()).statement
    version, _, entries = as_stored(statement)
    url = change_url(statement)
    client.force_login(editor)

    response = client.post(
        url,
        change_form_data(client.get(url), _submit_for_review="Save and submit for review"),
        follow=True,
    )

    assert "1 statement submitted for review." in messages_in(response)
    stored = Statement.objects.get(pk=statement.pk)
    assert stored.status == Status.IN_REVIEW
    assert stored.version == version + 1
    assert stored.history.count() == entries + 1
