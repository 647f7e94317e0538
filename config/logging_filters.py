"""Logging filters named in settings.LOGGING."""

from __future__ import annotations

import logging
import time


class OncePerInterval(logging.Filter):
    """Let one record through per `seconds` (per process): an outage that fails every request
    is said once a minute, not thousands of times."""

    def __init__(self, seconds: float = 60.0):
        super().__init__()
        self.seconds = seconds
        self._last = -float("inf")

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self._last < self.seconds:
            return False
        self._last = now
        return True
