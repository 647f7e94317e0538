"""Background tasks of the sources app: archiving a source, and the scheduled re-checks.

Archiving runs on a Celery worker (config/celery.py), never in a web request. A task is
idempotent (its snapshot carries the task's id, stored once however often the task runs),
retried with exponential backoff when a fetch fails for a reason that may pass, and
time-limited (CELERY_TASK_SOFT_TIME_LIMIT). Its state is on the source, for editors:
`archive_queued_at` while it waits or retries, then `last_archive_attempt_at` and
`archive_problem` (empty when the copy was taken). The archiver's own guards (sources.archive:
addresses, size, time) apply in the worker exactly as anywhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import kombu.exceptions
from celery import shared_task
from celery.utils.log import get_task_logger
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from core import revisions
from sources.archive import archive_source
from sources.models import Snapshot, Source

logger = get_task_logger(__name__)


def queue_archive(sources: Iterable[Source | int], *, by=None) -> list[int]:
    """Queue an archive task for each source not already waiting for one; the ids queued.

    The task is sent when the current transaction commits, so a worker never looks for a
    source that is not there yet. A source queued longer than ARCHIVE_STALLED_MINUTES counts
    as not waiting (its task was lost) and is queued again. When the task queue cannot be
    reached, the source is left not queued with Source.QUEUE_UNREACHABLE as its problem.
    """
    now = timezone.now()
    stalled = now - datetime.timedelta(minutes=settings.ARCHIVE_STALLED_MINUTES)
    by_id = by.pk if by is not None and by.is_authenticated else None
    queued = []
    for source in sources:
        source_id = source if isinstance(source, int) else source.pk
        claimed = (
            Source.objects.filter(pk=source_id)
            .exclude(url=None)
            .filter(Q(archive_queued_at=None) | Q(archive_queued_at__lt=stalled))
            .update(archive_queued_at=now)
        )
        if claimed:
            queued.append(source_id)
            transaction.on_commit(lambda source_id=source_id: _send(source_id, by_id, now))
    if queued:
        revisions.note_change()  # update() sends no signal; the queued state is shown
    return queued


def _send(source_id: int, by_id: int | None, queued_at: datetime.datetime) -> None:
    try:
        archive.delay(source_id, by_id=by_id, queued_at=queued_at.isoformat())
    except kombu.exceptions.OperationalError as error:
        # The record is saved already (this runs after the commit): the source is left not
        # queued, saying why, so the editor can try again and the next scan re-queues it
        # once the queue is back, rather than shown as queued while no task exists.
        logger.warning("Source %s was not queued for archiving: %s", source_id, error)
        Source.objects.filter(pk=source_id, archive_queued_at=queued_at).update(
            archive_queued_at=None, archive_problem=Source.QUEUE_UNREACHABLE
        )
        revisions.note_change()


def _backoff(retries: int) -> int:
    return get_exponential_backoff_interval(
        factor=settings.ARCHIVE_RETRY_BACKOFF,
        retries=retries,
        maximum=settings.ARCHIVE_RETRY_BACKOFF_MAX,
        full_jitter=False,
    )


@shared_task(
    bind=True,
    name="sources.tasks.archive",
    # The database busy or briefly unreachable: the same backoff as a failed fetch.
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=None,
    retry_backoff=True,
    retry_backoff_max=600,
)
def archive(self, source_id: int, *, by_id: int | None = None, queued_at: str | None = None) -> str:
    """Take a copy of a source's page (and so re-check the quotes cited from it).

    queued_at is when queue_archive claimed the source for this task; a task whose claim is
    no longer the source's (it was queued again as lost, or archived since) does nothing.
    """
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return "no such source"
    claim = None if queued_at is None else datetime.datetime.fromisoformat(queued_at)
    if claim is not None and source.archive_queued_at != claim:
        # A backlog outlasted ARCHIVE_STALLED_MINUTES: the scan queued the source again, so
        # two messages name it; only the newer claim's fetches.
        return "superseded by a later queueing, or archived since"
    task_id = self.request.id
    if task_id and Snapshot.objects.filter(task_id=task_id).exists():
        # Ran before and stored its copy, but was not acknowledged (its worker died).
        _finish(source_id, claim)
        return "already archived by this task"
    by = get_user_model()._default_manager.filter(pk=by_id).first() if by_id else None
    outcome = archive_source(source=source, by=by, task_id=task_id)
    attempt = self.request.retries + 1
    if outcome.retryable and self.request.retries < settings.ARCHIVE_MAX_RETRIES:
        countdown = _backoff(self.request.retries)
        logger.info(
            "Source %s: attempt %s failed (%s); retrying in %s s",
            source_id,
            attempt,
            outcome.problem,
            countdown,
        )
        raise self.retry(countdown=countdown)
    _finish(source_id, claim)
    if outcome.problem:
        return f"not archived after {attempt} attempt(s): {outcome.problem}"
    return "archived"


def _finish(source_id: int, claim: datetime.datetime | None) -> None:
    finished = Source.objects.filter(pk=source_id)
    if claim is not None:
        finished = finished.filter(archive_queued_at=claim)  # not a later queueing's claim
    finished.update(archive_queued_at=None)
    revisions.note_change()


@shared_task(name="sources.tasks.queue_due_rechecks")
def queue_due_rechecks() -> int:
    """Periodic: queue a fresh copy of every source whose scheduled re-check is due."""
    due = Source.objects.due_for_recheck(now=timezone.now()).order_by("pk")
    with transaction.atomic():
        queued = queue_archive(due.values_list("pk", flat=True))
    logger.info("Queued %s source(s) for their scheduled re-check", len(queued))
    return len(queued)


def queue_archive_on_save(sender, *, instance: Source, created: bool, raw=False, **kwargs):
    """Receiver of Source's post_save: a source saved with a new URL is archived."""
    if raw or not settings.ARCHIVE_ON_SAVE or not instance.url:
        return
    if created or instance.url != getattr(instance, "_url_when_loaded", None):
        queue_archive([instance])
    instance._url_when_loaded = instance.url
