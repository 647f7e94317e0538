"""Scheduled re-checks: which sources are due a fresh copy, and what a re-check does."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from claims.models import Citation
from sources.models import Source
from sources.tasks import queue_due_rechecks
from tests.factories import CitationFactory, SourceFactory, StatementFactory

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
PAGE = "<html><body><article><p>{text}</p></article></body></html>"


def source_with(*, age_days: float, last_copy_hours_ago: float | None, **state) -> Source:
    source = SourceFactory(published_on="2020")
    Source.objects.filter(pk=source.pk).update(
        created_at=NOW - datetime.timedelta(days=age_days),
        last_archive_attempt_at=(
            None
            if last_copy_hours_ago is None
            else NOW - datetime.timedelta(hours=last_copy_hours_ago)
        ),
        **state,
    )
    return source


def due() -> set[int]:
    return set(Source.objects.due_for_recheck(now=NOW).values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_new_source_is_copied_daily_and_an_older_one_weekly():
    never = source_with(age_days=1, last_copy_hours_ago=None)
    fresh_due = source_with(age_days=3, last_copy_hours_ago=25)
    fresh_done = source_with(age_days=3, last_copy_hours_ago=2)
    old_done = source_with(age_days=30, last_copy_hours_ago=24 * 3)
    old_due = source_with(age_days=30, last_copy_hours_ago=24 * 8)

    assert due() == {never.pk, fresh_due.pk, old_due.pk}
    assert fresh_done.pk not in due() and old_done.pk not in due()


@pytest.mark.django_db
def test_a_source_published_this_week_counts_as_new_whenever_it_was_recorded():
    source = source_with(age_days=60, last_copy_hours_ago=25)
    Source.objects.filter(pk=source.pk).update(published_on=(NOW.date()).isoformat())

    assert due() == {source.pk}


@pytest.mark.django_db
def test_the_schedule_follows_the_settings(settings):
    source = source_with(age_days=30, last_copy_hours_ago=24 * 3)
    settings.ARCHIVE_RECHECK_DAYS = 2

    assert due() == {source.pk}


@pytest.mark.django_db
def test_a_queued_source_waits_unless_its_task_was_lost():
    waiting = source_with(
        age_days=30, last_copy_hours_ago=None, archive_queued_at=NOW - datetime.timedelta(minutes=5)
    )
    lost = source_with(
        age_days=30, last_copy_hours_ago=24, archive_queued_at=NOW - datetime.timedelta(hours=2)
    )

    assert due() == {lost.pk}
    assert waiting.pk not in due()


@pytest.mark.django_db
def test_a_source_without_a_url_is_never_due():
    source = source_with(age_days=1, last_copy_hours_ago=None)
    Source.objects.filter(pk=source.pk).update(url=None)

    assert due() == set()


def test_the_scheduler_runs_the_re_check_periodically():
    entry = settings.CELERY_BEAT_SCHEDULE["queue-due-source-rechecks"]

    assert entry["task"] == "sources.tasks.queue_due_rechecks"
    assert entry["schedule"] == settings.ARCHIVE_RECHECK_SCAN_MINUTES * 60


@pytest.mark.django_db
def test_a_re_check_flags_a_changed_page_and_verifies_its_quotes_again(
    page_server, django_capture_on_commit_callbacks
):
    url = page_server.serve("/pledge", PAGE.format(text="We will keep the budget."))
    statement = StatementFactory(text="We will keep the budget.")
    source = SourceFactory(url=url)
    citation = CitationFactory(statement=statement, source=source)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_due_rechecks() == 1  # never copied: due at once
    citation.refresh_from_db()
    assert citation.verification == Citation.Verification.FOUND
    page_server.serve("/pledge", PAGE.format(text="We will cut the budget."))
    Source.objects.filter(pk=source.pk).update(
        last_archive_attempt_at=timezone.now() - datetime.timedelta(days=2)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert queue_due_rechecks() == 1

    source.refresh_from_db()
    citation.refresh_from_db()
    assert source.changed_since_archived
    assert source.snapshots.count() == 2
    assert citation.verification == Citation.Verification.NOT_FOUND
    assert source.archive_queued_at is None
