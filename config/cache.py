"""A Redis cache that degrades to no cache: when Redis is down, reads miss and writes do nothing.

The site must keep serving when its cache is gone; each outage is logged (at most once a minute
per process, so the log is not flooded).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("claimtracker.reliability")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_INTERVAL_SECONDS = 60


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache, with connection errors logged and answered as misses or no-ops."""

    _last_logged = 0.0

    def _redis_down(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ForgivingRedisCache._last_logged >= _LOG_INTERVAL_SECONDS:
            ForgivingRedisCache._last_logged = now
            logger.warning("Cache unavailable (%s failed: %s); serving uncached", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except REDIS_DOWN as error:
            self._redis_down("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except REDIS_DOWN as error:
            self._redis_down("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except REDIS_DOWN as error:
            self._redis_down("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version=version)
        except REDIS_DOWN as error:
            self._redis_down("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version=version)
        except REDIS_DOWN as error:
            self._redis_down("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version=version)
        except REDIS_DOWN as error:
            self._redis_down("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version=version)
        except REDIS_DOWN as error:
            self._redis_down("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except REDIS_DOWN as error:
            self._redis_down("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except REDIS_DOWN as error:
            self._redis_down("delete_many", error)
            return None

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except REDIS_DOWN as error:
            self._redis_down("incr", error)
            # As for a missing key: the caller decides what a counter without a cache means.
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        try:
            return super().clear()
        except REDIS_DOWN as error:
            self._redis_down("clear", error)
            return False
