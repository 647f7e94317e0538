"""Archiving on the real queue: Celery workers in their own processes, on Redis, fetching
from the test's page server on 127.0.0.1 (the one loopback port they are allowed)."""

from __future__ import annotations

import pytest
from django.db import transaction

from claims.models import Citation
from sources.models import Snapshot, Source
from sources.tasks import archive, queue_archive
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    SourceFactory,
    StatementFactory,
)
from tests.queue_workers import wait_for

PAGE = "<html><body><article><p>{text}</p></article></body></html>"


def archived(source: Source) -> bool:
    return Source.objects.filter(pk=source.pk, archive_queued_at=None).exists()


@pytest.mark.django_db(transaction=True)
def test_a_saved_source_is_archived_by_a_worker_and_its_quote_verified(
    task_queue, page_server, settings
):
    """Source saved -> task queued -> a worker fetches the page -> snapshot and verification."""
    settings.ARCHIVE_ON_SAVE = True
    task_queue.loopback_ports.append(page_server.port)
    url = page_server.serve("/budget", PAGE.format(text="We will keep the budget as it is."))
    statement = StatementFactory(text="We will keep the budget as it is.")
    task_queue.start_worker()

    source = SourceFactory(url=url)
    assert Source.objects.get(pk=source.pk).archive_queued_at is not None  # queued on save
    citation = CitationFactory(statement=statement, source=source)

    wait_for(lambda: archived(source), what="the worker to archive the source\n" + "")
    snapshot = Snapshot.objects.get(source=source)
    assert snapshot.text == "We will keep the budget as it is."
    assert snapshot.task_id  # taken by a task
    citation.refresh_from_db()
    assert citation.verification == Citation.Verification.FOUND
    assert citation.snapshot == snapshot
    assert [path for path, _headers in page_server.requests] == ["/budget"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_leaves_the_task_to_run_again_once(task_queue, page_server):
    """The worker dies while fetching; another takes the task again; one snapshot in the end."""
    task_queue.loopback_ports.append(page_server.port)
    url = page_server.serve("/slow", PAGE.format(text="Late words."), stall_before_headers=True)
    source = SourceFactory(url=url)
    first = task_queue.start_worker()
    with_commit = queue_archive([source])
    assert with_commit == [source.pk]

    wait_for(lambda: page_server.requests, what="the first worker to start fetching")
    task_queue.kill(first)
    page_server.serve("/slow", PAGE.format(text="Late words."))  # answers at once from now on
    task_queue.start_worker()

    # Back within the visibility timeout (8 s) plus one restore sweep (10 s), and a worker's
    # start: not after kombu's default sweep of every 100 s.
    wait_for(
        lambda: archived(source), timeout=60, what="the task to run again on the second worker"
    )
    assert Snapshot.objects.filter(source=source).count() == 1
    assert len(page_server.requests) == 2  # the killed attempt, then the one that finished


@pytest.mark.django_db
def test_a_task_that_runs_again_after_storing_its_copy_stores_nothing_more(page_server):
    """Idempotent: the same task (same id) delivered twice fetches and stores once."""
    source = SourceFactory(url=page_server.serve("/once", PAGE.format(text="Once.")))

    archive.apply(args=[source.pk], task_id="the-same-task")
    archive.apply(args=[source.pk], task_id="the-same-task")

    assert Snapshot.objects.filter(source=source).count() == 1
    assert len(page_server.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_two_hundred_sources_are_archived_by_three_workers_without_duplicates(
    task_queue, page_server
):
    task_queue.loopback_ports.append(page_server.port)
    with transaction.atomic():  # one commit: the tasks are sent when it is made
        publisher = OrganizationFactory()
        sources = [
            SourceFactory(
                url=page_server.serve(f"/story-{n}", PAGE.format(text=f"Story {n}.")),
                publisher=publisher,
            )
            for n in range(200)
        ]
        queued = queue_archive(sources)
    assert len(queued) == 200
    for _ in range(3):
        task_queue.start_worker()

    wait_for(
        lambda: not Source.objects.exclude(archive_queued_at=None).exists(),
        timeout=120,
        what="three workers to archive 200 sources",
    )
    snapshots = list(Snapshot.objects.values_list("source_id", "text"))
    assert len(snapshots) == 200
    assert {source_id for source_id, _text in snapshots} == {source.pk for source in sources}
    by_source = {source.pk: n for n, source in enumerate(sources)}
    assert all(text == f"Story {by_source[source_id]}." for source_id, text in snapshots)


@pytest.mark.django_db(transaction=True)
def test_a_failing_page_is_retried_then_marked_failed_with_its_reason(task_queue, page_server):
    task_queue.loopback_ports.append(page_server.port)
    source = SourceFactory(url=page_server.serve("/down", "Busy", status=503))
    task_queue.start_worker()

    queue_archive([source])

    wait_for(lambda: archived(source), what="the retries to run out")
    source.refresh_from_db()
    assert source.archive_problem == "the server answered HTTP 503"
    assert not source.snapshots.exists()
    # The first attempt and ARCHIVE_MAX_RETRIES (2 here) more, backing off in between.
    assert len(page_server.requests) == 3


@pytest.mark.django_db(transaction=True)
def test_a_refused_address_is_not_retried(task_queue, page_server):
    """The SSRF guard holds in the worker: a private address is refused once, never fetched."""
    task_queue.loopback_ports.append(page_server.port)
    source = SourceFactory(url="http://10.0.0.1/internal")
    task_queue.start_worker()

    queue_archive([source])

    wait_for(lambda: archived(source), what="the refusal to be recorded")
    source.refresh_from_db()
    assert source.archive_problem == "10.0.0.1 is a private address; it is not archived"
    assert not source.snapshots.exists()


@pytest.mark.django_db
def test_saving_a_source_queues_an_archive_only_when_its_url_is_new(
    settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_ON_SAVE = True

    def queued(source) -> bool:
        return Source.objects.get(pk=source.pk).archive_queued_at is not None

    with django_capture_on_commit_callbacks():
        source = SourceFactory(url="https://news.example.org/first")
    assert queued(source)
    Source.objects.filter(pk=source.pk).update(archive_queued_at=None)
    source = Source.objects.get(pk=source.pk)

    with django_capture_on_commit_callbacks():
        source.title = "Retitled"
        source.save()
    assert not queued(source)

    with django_capture_on_commit_callbacks():
        source.url = "https://news.example.org/second"
        source.save()
    assert queued(source)
