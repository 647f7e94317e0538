"""Promises and their status timelines: order, current status, publication and validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from claims.models import AuditEntry, Promise, PromiseStatusChange, PublishedRecordError, Status
from claims.promises import selectors
from claims.promises.models import passed_before
from claims.services import TransitionError, publish, retract, submit_for_review
from core.partial_dates import PartialDate
from tests.factories import (
    PromiseCitationFactory,
    PromiseFactory,
    PromiseScaleFactory,
    PromiseStatusChangeFactory,
    PublishedPromiseFactory,
    PublishedStatusChangeFactory,
    promise_status,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def change(promise, on: str, rating: str, **kwargs) -> PromiseStatusChange:
    """A published (unless told otherwise) status change to `rating` (a status's slug)."""
    return PublishedStatusChangeFactory(
        promise=promise,
        changed_on=PartialDate.parse(on),
        rating=promise_status(rating, promise.scale),
        **kwargs,
    )


def current_of(promise) -> str | None:
    annotated = Promise.objects.with_current_status().get(pk=promise.pk)
    record = selectors.promise_record(pk=promise.pk)
    from_rows = {r.rating_id for r in [record.current] if r}
    assert from_rows == ({annotated.current_rating_id} - {None})
    return record.current.rating.slug if record.current else None


def test_changes_are_ordered_by_date_then_precision():
    """A year comes before its months, a month before its days; then by id."""
    promise = PublishedPromiseFactory(promised_on=PartialDate(2024))
    day = change(promise, "2025-06-24", "stalled")
    year = change(promise, "2025", "in-the-works")
    month = change(promise, "2025-06", "in-the-works")
    earlier_year = change(promise, "2024", "not-yet-rated")
    same_day_later = change(promise, "2025-06-24", "compromise")

    ordered = list(promise.changes.all())
    assert ordered == [earlier_year, year, month, day, same_day_later]
    assert selectors.promise_record(pk=promise.pk).changes == ordered


def test_the_current_status_is_the_latest_published_change():
    promise = PublishedPromiseFactory(promised_on=PartialDate(2024))
    change(promise, "2025-06-24", "stalled")
    change(promise, "2025", "kept")  # less precise, so earlier than June 2025
    assert current_of(promise) == "stalled"


def test_drafts_in_review_and_retracted_changes_are_never_the_current_status(publisher):
    promise = PublishedPromiseFactory(promised_on=PartialDate(2024))
    change(promise, "2025", "in-the-works")
    change(promise, "2025-07", "kept", status=Status.DRAFT)
    change(promise, "2025-08", "broken", status=Status.IN_REVIEW)
    stalled = change(promise, "2025-09", "stalled")
    assert current_of(promise) == "stalled"

    retract(record=stalled, by=publisher, reason="The project had resumed.")

    assert current_of(promise) == "in-the-works"
    record = selectors.promise_record(pk=promise.pk)
    # The retracted change stays on the public timeline, marked; drafts never show.
    assert [(c.changed_on.isoformat(), c.status) for c in record.changes] == [
        ("2025", Status.PUBLISHED),
        ("2025-09", Status.RETRACTED),
    ]


def test_a_promise_without_a_published_change_has_no_current_status():
    promise = PublishedPromiseFactory()
    PromiseStatusChangeFactory(promise=promise)  # a draft
    assert current_of(promise) is None
    assert selectors.person_promises(person=promise.person)[0].current is None


def test_a_status_change_needs_a_citation_to_be_published(publisher):
    draft = PromiseStatusChangeFactory(citation=None)
    with pytest.raises(TransitionError, match="at least one citation"):
        publish(record=draft, by=publisher)
    assert PromiseStatusChange.objects.get(pk=draft.pk).status == Status.DRAFT
    assert not AuditEntry.objects.exists()

    PromiseCitationFactory(status_change=draft)
    published = publish(record=draft, by=publisher)

    assert published.status == Status.PUBLISHED
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.to_status) == ("published", publisher, "published")
    assert published.history.latest().history_change_reason == "Published"


def test_a_status_change_of_a_draft_promise_cannot_be_published(publisher):
    draft = PromiseStatusChangeFactory(promise=PromiseFactory())
    with pytest.raises(TransitionError, match="Publish the promise before"):
        publish(record=draft, by=publisher)


def test_a_promise_needs_a_citation_to_be_published(publisher):
    promise = PromiseFactory(citation=None)
    with pytest.raises(TransitionError, match="at least one citation"):
        publish(record=promise, by=publisher)


def test_editors_submit_and_publishers_publish_promises(editor, publisher):
    promise = submit_for_review(record=PromiseFactory(), by=editor)
    with pytest.raises(TransitionError, match="Only publishers"):
        publish(record=promise, by=editor)
    assert publish(record=promise, by=publisher).status == Status.PUBLISHED


def test_a_published_promise_is_retracted_never_deleted():
    promise = PublishedPromiseFactory()
    with pytest.raises(PublishedRecordError):
        promise.delete()
    with pytest.raises(PublishedRecordError):
        Promise.objects.all().delete()


# --- Validation, in clean(): the admin, the seeds and any importer share it ----------------


def test_a_status_change_cannot_be_dated_in_the_future():
    promise = PublishedPromiseFactory()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    future = PromiseStatusChangeFactory.build(
        promise=promise,
        changed_on=PartialDate(tomorrow.year, tomorrow.month, tomorrow.day),
        rating=promise_status("kept"),
    )
    with pytest.raises(ValidationError) as caught:
        future.full_clean()
    assert caught.value.message_dict["changed_on"] == [
        "A status change cannot be dated in the future."
    ]


def test_a_status_change_cannot_be_dated_before_the_promise():
    promise = PublishedPromiseFactory(promised_on=PartialDate(2025, 6))
    early = PromiseStatusChangeFactory.build(
        promise=promise, changed_on=PartialDate(2025, 5), rating=promise_status("kept")
    )
    with pytest.raises(ValidationError, match="before the promise"):
        early.full_clean()
    # "2025" may be June 2025 or later: allowed.
    PromiseStatusChangeFactory.build(
        promise=promise, changed_on=PartialDate(2025), rating=promise_status("kept")
    ).full_clean()


def test_a_status_of_another_scale_is_refused():
    other_scale = PromiseScaleFactory(name="Dignitas", slug="dignitas")
    promise = PublishedPromiseFactory()
    unknown = PromiseStatusChangeFactory.build(
        promise=promise, rating=promise_status("kept", other_scale)
    )
    with pytest.raises(ValidationError) as caught:
        unknown.full_clean()
    assert "is not a status of this promise's scale" in caught.value.message_dict["rating"][0]


def test_the_deadline_cannot_be_before_the_promise():
    late = PromiseFactory.build(
        promised_on=PartialDate(2025, 6),
        deadline=PartialDate(2025, 5),
        person=PromiseFactory().person,
    )
    late.topic.save()
    late.scale = PromiseScaleFactory()
    with pytest.raises(ValidationError) as caught:
        late.full_clean()
    assert caught.value.message_dict["deadline"] == [
        "The deadline cannot be before the promise was made (June 2025)."
    ]


def test_control_characters_are_refused_in_the_wording_and_analysis():
    promise = PromiseFactory()
    promise.wording = "Build\x00 housing."
    with pytest.raises(ValidationError, match="control character U\\+0000"):
        promise.full_clean()
    status_change = PromiseStatusChangeFactory()
    status_change.analysis = "Stalled\x07."
    with pytest.raises(ValidationError, match="control character U\\+0007"):
        status_change.full_clean()


# --- Overdue: the deadline has passed and the promise is still open -----------------------


@pytest.mark.parametrize(
    ("deadline", "passed"),
    [("2025", True), ("2026-11", True), ("2026-12-01", True), ("2026", False), ("2026-12", False)],
)
def test_a_deadline_has_passed_only_once_its_whole_period_is_over(deadline, passed):
    promise = PublishedPromiseFactory(promised_on=PartialDate(2024), deadline=None)
    promise.deadline = PartialDate.parse(deadline)
    promise.save()
    assert Promise.objects.filter(passed_before(TODAY)).exists() == passed
    assert promise.is_overdue(None, on=TODAY) == passed


@pytest.mark.parametrize(
    ("rating", "overdue"),
    [("in-the-works", True), ("stalled", True), ("kept", False), ("broken", False)],
)
def test_a_promise_past_its_deadline_is_overdue_while_open(rating, overdue):
    promise = PublishedPromiseFactory(promised_on=PartialDate(2024), deadline=PartialDate(2025))
    change(promise, "2025-03", rating)
    assert Promise.objects.overdue(on=TODAY).exists() == overdue
    assert Promise.objects.not_overdue(on=TODAY).exists() != overdue
    (row,) = selectors.person_promises(person=promise.person, on=TODAY)
    assert row.overdue == overdue


# --- History, restore and corrections, as for fact-checks ---------------------------------


def test_an_earlier_version_of_a_promise_is_restored_with_an_audit_entry(publisher):
    from core.history import restore_version

    promise = PublishedPromiseFactory(wording="Build 10,000 homes.")
    first = promise.history.latest().history_id
    promise.wording = "Build 5,000 homes."
    promise.save()

    restored = restore_version(
        record=Promise.objects.get(pk=promise.pk), history_id=first, by=publisher
    )

    assert restored.wording == "Build 10,000 homes."
    assert restored.history.count() == 3
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.from_history_id) == ("restored", first)


def test_a_published_correction_of_a_promise_shows_on_its_page(client):
    from tests.factories import CorrectionFactory

    promise = PublishedPromiseFactory()
    CorrectionFactory(record=promise, what_changed="The date.", status=Status.PUBLISHED)
    CorrectionFactory(record=promise, what_changed="Not yet public.", status=Status.DRAFT)
    page = client.get(promise.get_absolute_url()).content.decode()
    assert "The date." in page
    assert "Not yet public." not in page


@pytest.mark.parametrize(
    ("published", "draft"),
    [
        (PublishedPromiseFactory, PromiseFactory),
        (PublishedStatusChangeFactory, PromiseStatusChangeFactory),
    ],
)
def test_a_citation_moved_off_a_published_record_is_a_public_change(published, draft):
    """Moving a citation from a published promise (or status change) to a draft takes it off
    a page readers see: the public revision moves, so no cached page keeps it."""
    from core import revisions

    citation = published().citations.get()
    draft_record = draft(citation=None)
    moved = type(citation).objects.get(pk=citation.pk)  # as the admin and the API load it
    field = "promise" if isinstance(draft_record, Promise) else "status_change"
    setattr(moved, field, draft_record)
    before = revisions.current().public_pending

    moved.save()

    assert revisions.current().public_pending > before
