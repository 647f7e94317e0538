"""Editorial transitions, allowed and refused per group, each leaving history."""

import pytest

from claims.models import AuditEntry, PublishedRecordError, Statement, Status
from claims.services import TransitionError, publish, retract, return_to_draft, submit_for_review
from tests.factories import CitationFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_draft():
    statement = StatementFactory()
    CitationFactory(statement=statement)
    return statement


def test_an_editor_submits_a_draft_for_review(editor, cited_draft):
    statement = submit_for_review(record=cited_draft, by=editor)
    assert statement.status == Status.IN_REVIEW
    latest = statement.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Submitted for review"


def test_an_editor_cannot_publish(editor, cited_draft):
    with pytest.raises(TransitionError, match="Only publishers"):
        publish(record=cited_draft, by=editor)
    assert Statement.objects.get(pk=cited_draft.pk).status == Status.DRAFT


def test_a_publisher_publishes_a_cited_statement(publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    assert statement.status == Status.PUBLISHED
    assert statement.published_at is not None


def test_a_statement_without_citation_cannot_be_published(publisher):
    statement = StatementFactory()
    with pytest.raises(TransitionError, match="at least one citation"):
        publish(record=statement, by=publisher)
    assert Statement.objects.get(pk=statement.pk).status == Status.DRAFT


def test_a_retraction_needs_a_reason(publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    with pytest.raises(TransitionError, match="reason"):
        retract(record=statement, by=publisher, reason="  ")
    statement = retract(record=statement, by=publisher, reason="The quote was misattributed.")
    assert statement.status == Status.RETRACTED
    assert statement.retraction_reason == "The quote was misattributed."


def test_a_long_retraction_reason_is_kept_whole_on_the_record_and_cut_in_the_history(
    publisher, cited_draft
):
    # The history's reason column holds 100 characters: PostgreSQL refused the save before.
    reason = "The quote was misattributed: " + "the recording shows another speaker. " * 8
    statement = publish(record=cited_draft, by=publisher)
    statement = retract(record=statement, by=publisher, reason=reason)
    statement.refresh_from_db()
    assert statement.status == Status.RETRACTED
    assert statement.retraction_reason == reason.strip()
    logged = statement.history.latest().history_change_reason
    assert len(logged) == 100
    assert logged.startswith("Retracted: The quote was misattributed:")
    assert logged.endswith("…")
    audit = AuditEntry.objects.get(object_id=statement.pk, action=AuditEntry.Action.RETRACTED)
    assert audit.note == reason.strip()


def test_an_editor_cannot_retract(editor, publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    with pytest.raises(TransitionError, match="Only publishers"):
        retract(record=statement, by=editor, reason="No.")


def test_a_record_in_review_can_go_back_to_draft(editor, cited_draft):
    statement = submit_for_review(record=cited_draft, by=editor)
    assert return_to_draft(record=statement, by=editor).status == Status.DRAFT


def test_a_published_record_is_never_deleted(publisher, cited_draft):
    statement = publish(record=cited_draft, by=publisher)
    with pytest.raises(PublishedRecordError, match="retract"):
        statement.delete()
    with pytest.raises(PublishedRecordError):
        Statement.objects.all().delete()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_draft_can_be_deleted(cited_draft):
    cited_draft.citations.all().delete()
    cited_draft.delete()
    assert not Statement.objects.exists()


def test_a_fact_check_or_shift_is_published_only_after_the_statements_it_shows(publisher):
    """Published on a draft statement, a fact-check would be public nowhere, and its
    published_at would come before the day readers first saw it (the feed, the sitemap)."""
    from core.partial_dates import PartialDate
    from tests.factories import (
        FactCheckFactory,
        PublishedStatementFactory,
        StanceShiftFactory,
        TopicFactory,
    )

    draft = StatementFactory(topic=TopicFactory(), said_on=PartialDate(2025))
    CitationFactory(statement=draft)
    check = FactCheckFactory(statement=draft)
    earlier = PublishedStatementFactory(
        speaker=draft.speaker, subject=draft.subject, topic=draft.topic, said_on=PartialDate(2020)
    )
    shift = StanceShiftFactory(earlier=earlier, later=draft)
    for record in (check, shift):
        with pytest.raises(TransitionError, match="Publish the statement"):
            publish(record=record, by=publisher)
        record.refresh_from_db()
        assert record.status == Status.DRAFT and record.published_at is None
    publish(record=draft, by=publisher)
    for record in (check, shift):
        assert publish(record=record, by=publisher).status == Status.PUBLISHED
