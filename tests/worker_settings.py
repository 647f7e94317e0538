"""Settings for the test suite's Celery workers (tests/queue_workers.py): the real settings,
plus the loopback port of the test's page server, which production never allows."""

import os

from config.settings import *  # noqa: F403

ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS = [
    int(port) for port in os.environ.get("TEST_ARCHIVE_LOOPBACK_PORTS", "").split(",") if port
]
