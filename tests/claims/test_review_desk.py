"""The review desk: the queue of what waits for review, send-back with a note, and the
optional second pair of eyes (REQUIRE_SECOND_REVIEWER)."""

import datetime

import pytest
from django.urls import reverse

from claims.models import AuditEntry, EditorialRecord, FactCheck, Statement, Status
from claims.selectors import editorial_models, records_in_review
from claims.services import TransitionError, publish, send_back, submit_for_review
from tests.admin_forms import change_form_data, messages_in
from tests.factories import CitationFactory, FactCheckFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin-review-queue")


def change_url(record) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def cited_draft(text="We will.") -> Statement:
    statement = StatementFactory(text=text)
    CitationFactory(statement=statement)
    return statement


def concrete_subclasses(model) -> set:
    found = set()
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract and not subclass._meta.proxy:
            found.add(subclass)
        found |= concrete_subclasses(subclass)
    return found


def test_the_desk_covers_every_concrete_editorial_model():
    """A model that subclasses EditorialRecord (a promise, say) joins the queue unaided."""
    assert set(editorial_models()) == concrete_subclasses(EditorialRecord)
    assert {"statement", "factcheck", "stanceshift", "endorsement", "correction"} <= {
        model._meta.model_name for model in editorial_models()
    }


def test_the_queue_lists_what_waits_oldest_first_with_its_submitter(client, editor, publisher):
    older = submit_for_review(record=cited_draft("First in."), by=editor)
    check = FactCheckFactory(analysis="Checked.")
    other_editor = UserFactory(username="eric", is_staff=True)
    other_editor.groups.set(editor.groups.all())
    newer = submit_for_review(record=check, by=other_editor)
    Statement.objects.filter(pk=older.pk).update(
        submitted_at=newer.submitted_at - datetime.timedelta(hours=2)
    )
    StatementFactory(text="Still a draft.")
    client.force_login(publisher)

    page = client.get(QUEUE)

    assert page.status_code == 200
    rows = page.context["rows"]
    assert [row.record.pk for row in rows] == [older.pk, newer.pk]
    assert [row.kind for row in rows] == ["Statement", "Fact-check"]
    html = page.content.decode()
    assert "edith" in html and "eric" in html
    assert change_url(older) in html and change_url(newer) in html
    assert "Still a draft." not in html


def test_the_queue_page_runs_a_fixed_number_of_queries(
    client, editor, publisher, django_assert_max_num_queries
):
    for number in range(6):
        submit_for_review(record=cited_draft(f"Statement {number}."), by=editor)
        submit_for_review(record=FactCheckFactory(), by=editor)
    client.force_login(publisher)
    # Session, user, their permissions (2), one query per editorial model, and the admin's
    # own (site context): however many records wait.
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


def test_the_admin_index_shows_the_queue_and_its_count_to_publishers(client, editor, publisher):
    submit_for_review(record=cited_draft(), by=editor)
    submit_for_review(record=cited_draft("Another."), by=editor)
    client.force_login(publisher)
    html = client.get(reverse("admin:index")).content.decode()
    assert QUEUE in html
    assert '<span id="review-queue-count">2</span> waiting for review' in html


def test_editors_have_no_queue(client, editor):
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403
    assert QUEUE not in client.get(reverse("admin:index")).content.decode()


# --- Send back with a note ---


def test_a_publisher_sends_a_record_back_with_a_note(client, editor, publisher):
    statement = submit_for_review(record=cited_draft(), by=editor)
    client.force_login(publisher)
    page = client.get(change_url(statement))
    assert 'name="_send_back"' in page.content.decode()

    asked = client.post(
        change_url(statement), change_form_data(page, _send_back="Save and send back…")
    )
    assert asked.status_code == 302
    assert asked["Location"] == reverse("admin:claims_statement_send_back", args=[statement.pk])
    done = client.post(asked["Location"], {"note": "Cite the video, not the tweet."}, follow=True)

    assert "1 statement sent back." in messages_in(done)
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.status, stored.return_note) == (Status.DRAFT, "Cite the video, not the tweet.")
    assert stored.returned_by == publisher
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RETURNED)
    assert (entry.note, entry.actor, entry.from_status) == (
        "Cite the video, not the tweet.",
        publisher,
        Status.IN_REVIEW,
    )
    latest = stored.history.latest()
    assert latest.return_note == "Cite the video, not the tweet."
    assert latest.history_user == publisher


def test_the_note_is_required(client, editor, publisher):
    statement = submit_for_review(record=cited_draft(), by=editor)
    client.force_login(publisher)
    url = reverse("admin:claims_statement_send_back", args=[statement.pk])
    for note in ("", "   "):
        response = client.post(url, {"note": note})
        assert response.status_code == 200
        assert response.context["form"].errors["note"]
    assert Statement.objects.get(pk=statement.pk).status == Status.IN_REVIEW
    with pytest.raises(TransitionError, match="Write a note"):
        send_back(record=statement, by=publisher, note=" ")


def test_an_editor_cannot_send_back(client, editor):
    statement = submit_for_review(record=cited_draft(), by=editor)
    client.force_login(editor)
    url = reverse("admin:claims_statement_send_back", args=[statement.pk])
    response = client.post(url, {"note": "Mine."}, follow=True)
    assert any("Only publishers can send" in message for message in messages_in(response))
    assert Statement.objects.get(pk=statement.pk).status == Status.IN_REVIEW


def test_the_editor_sees_the_note_on_the_record_in_the_list_and_on_the_index(
    client, editor, publisher
):
    statement = submit_for_review(record=cited_draft("Returned words."), by=editor)
    send_back(record=statement, by=publisher, note="Check the date.")
    client.force_login(editor)

    form = client.get(change_url(statement)).content.decode()
    listing = client.get(reverse("admin:claims_statement_changelist")).content.decode()
    index = client.get(reverse("admin:index")).content.decode()

    assert 'id="return-note"' in form and "Check the date." in form
    assert "Sent back: Check the date." in listing
    assert "Sent back to you (1)" in index and "Check the date." in index


def test_submitting_again_answers_the_note(editor, publisher):
    statement = submit_for_review(record=cited_draft(), by=editor)
    send_back(record=statement, by=publisher, note="Check the date.")
    again = submit_for_review(record=statement, by=editor)
    assert (again.status, again.return_note) == (Status.IN_REVIEW, "")
    assert AuditEntry.objects.filter(note="Check the date.").exists()


# --- A second pair of eyes ---


@pytest.fixture
def second_publisher(publisher):
    other = UserFactory(username="pete", is_staff=True)
    other.groups.set(publisher.groups.all())
    return other


def created_by(user, text="Mine.") -> Statement:
    """A cited draft whose history names its creator, as the admin's add form leaves it."""
    statement = StatementFactory.build(text=text)
    statement.speaker.save()
    statement.subject = statement.speaker
    statement._history_user = user
    statement.save()
    CitationFactory(statement=statement)
    return statement


def test_by_default_a_publisher_may_publish_their_own_record(publisher):
    statement = created_by(publisher)
    assert publish(record=statement, by=publisher).status == Status.PUBLISHED


def test_with_a_second_reviewer_nobody_publishes_what_they_created(
    settings, publisher, second_publisher
):
    settings.REQUIRE_SECOND_REVIEWER = True
    statement = created_by(publisher)
    with pytest.raises(TransitionError, match="another publisher must publish it"):
        publish(record=statement, by=publisher)
    assert publish(record=statement, by=second_publisher).status == Status.PUBLISHED


def test_with_a_second_reviewer_nobody_publishes_what_they_last_changed(
    client, settings, editor, publisher, second_publisher
):
    settings.REQUIRE_SECOND_REVIEWER = True
    statement = created_by(editor)
    client.force_login(publisher)
    form = change_form_data(
        client.get(change_url(statement)), venue="Edited by the publisher", _publish="Save..."
    )
    response = client.post(change_url(statement), form, follow=True)
    assert any("A second pair of eyes is required" in m for m in messages_in(response))
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.venue, stored.status) == ("Edited by the publisher", Status.DRAFT)
    assert publish(record=stored, by=second_publisher).status == Status.PUBLISHED


def test_with_a_second_reviewer_saving_unchanged_and_publishing_is_fine(
    client, settings, editor, publisher
):
    settings.REQUIRE_SECOND_REVIEWER = True
    statement = submit_for_review(record=created_by(editor), by=editor)
    client.force_login(publisher)
    form = change_form_data(client.get(change_url(statement)), _publish="Save and publish")
    client.post(change_url(statement), form)
    assert Statement.objects.get(pk=statement.pk).status == Status.PUBLISHED


def test_fact_checks_follow_the_same_rule(settings, publisher, second_publisher):
    settings.REQUIRE_SECOND_REVIEWER = True
    check = FactCheckFactory()
    check.analysis = "Rewritten by the publisher."
    check._history_user = publisher
    check.save()
    with pytest.raises(TransitionError, match="another publisher must publish it"):
        publish(record=check, by=publisher)
    assert publish(record=FactCheck.objects.get(pk=check.pk), by=second_publisher).is_public


def test_records_in_review_is_empty_when_nothing_waits():
    StatementFactory()
    assert records_in_review() == []
