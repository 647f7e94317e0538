"""Real Celery workers for tests: separate processes, on Redis, reading the test's database.

`shared_database` hands the workers the test's database (on SQLite, a file copy of the
migrated in-memory test database, which this process then uses too); `task_queue` points
this process's Celery app at Redis under a key prefix of the test's own and starts
workers with `task_queue.start_worker()`. Workers load tests.worker_settings: the real
settings, plus the one loopback port the test's page server listens on.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from config.settings import redis_broker_transport_options

BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/6")
# An unacknowledged task (its worker was killed) is handed out again after this long: longer
# than any task or retry countdown here takes on a loaded machine, so none runs twice alive.
VISIBILITY_TIMEOUT = 8


def wait_for(condition: Callable[[], object], *, timeout: float = 60, what: str = "") -> object:
    """Poll until condition() is true (another process is doing the work); fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(0.1)


@pytest.fixture
def shared_database(request, django_db_blocker, tmp_path):
    """The test's database as a URL another process can open (mark the test
    django_db(transaction=True), so what it writes is committed and others see it)."""
    # The test is marked django_db(transaction=True): its data is committed, others see it.
    if connection.vendor == "postgresql":
        config = connection.settings_dict
        user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        yield f"postgres://{user}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"
        return
    path = tmp_path / "shared.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        # Keep the in-memory database open (closing its last connection would drop it) and
        # point this process at the copy until the test ends.
        in_memory, name = connection.connection, connection.settings_dict["NAME"]
        connection.connection = None
        connection.settings_dict["NAME"] = str(path)
        try:
            yield f"sqlite:///{path}"
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name
            connection.connection = in_memory


class TaskQueue:
    """Workers on a Redis queue of this test's own."""

    def __init__(self, database_url: str, prefix: str, log_dir: Path):
        self.database_url = database_url
        self.prefix = prefix
        self.log_dir = log_dir
        self.workers: list[subprocess.Popen] = []
        self.loopback_ports: list[int] = []

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_KEY_PREFIX": self.prefix,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "TEST_ARCHIVE_LOOPBACK_PORTS": ",".join(str(p) for p in self.loopback_ports),
            "ARCHIVE_MAX_RETRIES": str(settings.ARCHIVE_MAX_RETRIES),
            "ARCHIVE_RETRY_BACKOFF": str(settings.ARCHIVE_RETRY_BACKOFF),
            "ARCHIVE_READ_TIMEOUT": str(settings.ARCHIVE_READ_TIMEOUT),
            "LOG_LEVEL": "WARNING",
        }

    def start_worker(self) -> subprocess.Popen:
        """A worker process (prefork, one child), in a process group of its own."""
        number = len(self.workers) + 1
        log = open(self.log_dir / f"worker-{number}.log", "wb")  # noqa: SIM115 (kept for the process)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                f"--hostname=test{number}-{self.prefix}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen) -> None:
        """Kill a worker and its child outright, as a crash or a lost machine would."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    def stop_all(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.log_dir.glob("worker-*.log"))
        )


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"the real-queue tests need Redis at {BROKER_URL} ({error}); CI starts one")
    return client


@contextmanager
def sending_to(broker_url: str, **transport_options):
    """This process's Celery app sends to a Redis broker at broker_url (not eagerly), with the
    transport options production's settings give a Redis broker, plus transport_options."""
    conf = celery_app.conf
    # The app reads Django's settings under the CELERY_ namespace: set them by those names.
    names = ("CELERY_BROKER_URL", "CELERY_BROKER_TRANSPORT_OPTIONS", "CELERY_TASK_ALWAYS_EAGER")
    saved = {name: conf[name] for name in names}
    conf.update(
        CELERY_BROKER_URL=broker_url,
        CELERY_BROKER_TRANSPORT_OPTIONS={
            **redis_broker_transport_options(),
            **transport_options,
        },
        CELERY_TASK_ALWAYS_EAGER=False,
    )
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.update(saved)
        celery_app.amqp._producer_pool = None


@pytest.fixture
def task_queue(shared_database, settings, tmp_path):
    """Celery on Redis for this test: this process sends to it, task_queue's workers take."""
    client = _redis_or_skip()
    prefix = f"ct-test-{uuid.uuid4().hex[:12]}:"
    settings.ARCHIVE_MAX_RETRIES = 2
    settings.ARCHIVE_RETRY_BACKOFF = 1
    settings.ARCHIVE_READ_TIMEOUT = 5
    queue = TaskQueue(shared_database, prefix, tmp_path)
    try:
        with sending_to(BROKER_URL, global_keyprefix=prefix, visibility_timeout=VISIBILITY_TIMEOUT):
            yield queue
    finally:
        queue.stop_all()
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
