"""Settings for the test suite's Celery workers (tests/queue_workers.py): the real settings,
plus the loopback port of the test's page server, which production never allows."""

import os

from config.settings import *  # noqa: F403

ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS = [
    int(port) for port in os.environ.get("TEST_ARCHIVE_LOOPBACK_PORTS", "").split(",") if port
]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test's throwaway copy of its database: no need to wait for the disk on each commit.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF"  # noqa: F405
