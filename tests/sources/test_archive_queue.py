"""Archiving on the real queue: Celery workers in their own processes, on Redis, fetching
from the test's page server on 127.0.0.1 (the one loopback port they are allowed)."""

from __future__ import annotations

import datetime
import signal
from contextlib import contextmanager

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.utils import timezone

from claims.models import Citation
from sources.models import Snapshot, Source
from sources.tasks import archive, queue_archive, queue_due_rechecks
from tests.admin_forms import change_form_data
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    SourceFactory,
    StatementFactory,
)
from tests.queue_workers import sending_to, wait_for

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


@pytest.mark.django_db
@pytest.mark.parametrize("older_first", [True, False])
def test_a_source_queued_again_while_its_task_still_waits_is_fetched_once(
    older_first, page_server, settings, django_capture_on_commit_callbacks
):
    """A backlog longer than ARCHIVE_STALLED_MINUTES: the scan takes the waiting task for
    lost and queues the source again; whichever of the two messages a worker takes first,
    the page is fetched once."""
    source = SourceFactory(url=page_server.serve("/backlog", PAGE.format(text="Once.")))
    with django_capture_on_commit_callbacks() as first:
        queue_archive([source])
    settings.ARCHIVE_STALLED_MINUTES = 0  # as if the task had waited that long
    with django_capture_on_commit_callbacks() as second:
        assert queue_due_rechecks() == 1
    messages = [*first, *second] if older_first else [*second, *first]

    for deliver in messages:
        deliver()  # a worker takes the message (the suite's tasks run in this process)

    assert Snapshot.objects.filter(source=source).count() == 1
    assert len(page_server.requests) == 1
    assert archived(source)


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


@pytest.fixture
def queue_at_closed_port(loopback_listener):
    """The task queue's broker is down: nothing listens where it should be."""
    port = loopback_listener.port
    loopback_listener.socket.close()
    with sending_to(f"redis://127.0.0.1:{port}/0"):
        yield


@pytest.fixture
def queue_that_never_answers(loopback_listener):
    """The broker accepts connections but never answers (overloaded, or half-open)."""
    with sending_to(f"redis://127.0.0.1:{loopback_listener.port}/0"):
        yield


@contextmanager
def hang_guard(seconds: int = 60):
    """Fail, instead of waiting for ever, when the block has not returned within seconds."""

    def hung(signum, frame):
        raise AssertionError(f"still waiting after {seconds} s: the request hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Committed as in production, where an admin action runs outside a transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broker", ["queue_at_closed_port", "queue_that_never_answers"])
def test_archive_now_with_the_queue_unreachable_says_so_and_queues_nothing(
    client, editor, broker, request
):
    request.getfixturevalue(broker)
    archived_at = timezone.now() - datetime.timedelta(hours=1)
    source = SourceFactory(
        title="Budget story",
        url="https://news.example.org/budget",
        last_archive_attempt_at=archived_at,
    )
    client.force_login(editor)

    with hang_guard():
        answer = client.post(
            "/admin/sources/source/",
            {"action": "archive_now", "_selected_action": [source.pk]},
            follow=True,
        )

    assert answer.status_code == 200
    assert [str(m) for m in get_messages(answer.wsgi_request)] == [
        "“Budget story” was not queued for archiving: the task queue could not be reached. "
        "Try again later."
    ]
    source.refresh_from_db()
    assert source.archive_queued_at is None
    assert source.archive_problem == Source.QUEUE_UNREACHABLE
    assert f"Not archived: {Source.QUEUE_UNREACHABLE}" in answer.content.decode()
    # Nothing is lost: the next scheduled scan queues the copy asked for, though the source's
    # last copy is recent.
    assert list(Source.objects.due_for_recheck(now=timezone.now())) == [source]


@pytest.mark.django_db
def test_a_source_saved_with_the_queue_down_is_kept_and_queued_by_the_next_scan(
    client, editor, settings, queue_at_closed_port, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_ON_SAVE = True
    client.force_login(editor)

    form = change_form_data(
        client.get("/admin/sources/source/add/"),
        title="Budget story",
        kind="article",
        url="https://news.example.org/budget",
    )

    with hang_guard(), django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/admin/sources/source/add/", form)

    assert answer.status_code == 302, answer.content.decode()[:2000]
    source = Source.objects.get(title="Budget story")
    assert source.archive_queued_at is None
    assert source.archive_problem == Source.QUEUE_UNREACHABLE
    # The queue is back: the scheduled scan queues the source it could not queue then.
    with django_capture_on_commit_callbacks() as sent:
        assert queue_due_rechecks() == 1
    assert len(sent) == 1
    assert Source.objects.get(pk=source.pk).archive_queued_at is not None
