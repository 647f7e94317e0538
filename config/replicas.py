"""Anonymous reads from PostgreSQL replicas (DATABASE_REPLICA_URLS), everything else from the primary.

ReadReplicaMiddleware decides once per request where its reads go: an anonymous reader's
GET or HEAD (no session cookie, no Authorization header, no recent write) reads from a
replica that answers; editors, publishers, API clients with a token, and anyone within
READ_YOUR_WRITES_SECONDS of a write of their own (a cookie set on every unsafe request)
read the primary, so they see what they just wrote. ReplicaRouter sends every write and
every migration to the primary, and once a request has written, its later reads too.
A replica that does not answer is skipped for DATABASE_REPLICA_RETRY_SECONDS; with none
left, reads go to the primary, without an error.
"""

from __future__ import annotations

import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

READ_YOUR_WRITES_COOKIE = "ct_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_read_alias: contextvars.ContextVar[str] = contextvars.ContextVar(
    "read_alias", default=DEFAULT_DB_ALIAS
)
# alias -> time.monotonic() until which a replica that failed is not tried again
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    """The configured replicas' database aliases (settings.DATABASE_REPLICAS)."""
    return list(settings.DATABASE_REPLICAS)


def answering_replica() -> str | None:
    """A replica that answers now (connecting or checking its connection), or None."""
    candidates = replica_aliases()
    random.shuffle(candidates)
    for alias in candidates:
        if _down_until.get(alias, 0.0) > time.monotonic():
            continue
        connection = connections[alias]
        try:
            if connection.connection is not None and not connection.is_usable():
                connection.close()
            connection.ensure_connection()
        except DatabaseError as error:
            logger.warning(
                "Replica %s is not answering (%s); reading from the primary", alias, error
            )
            _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
            try:
                connection.close()
            except DatabaseError:
                connection.connection = None
            continue
        return alias
    return None


def reads_from_replica(request) -> bool:
    """Whether this request may read slightly old data: an anonymous reader's safe request."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and READ_YOUR_WRITES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReadReplicaMiddleware:
    """Chooses the database a request reads from; marks writers to read the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = DEFAULT_DB_ALIAS
        replicated = bool(replica_aliases())
        if replicated and reads_from_replica(request):
            alias = answering_replica() or DEFAULT_DB_ALIAS
        token = _read_alias.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if replicated and request.method not in SAFE_METHODS:
            response.set_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class ReplicaRouter:
    """Reads where ReadReplicaMiddleware chose (the primary outside requests); writes and
    migrations on the primary."""

    def db_for_read(self, model, **hints):
        return _read_alias.get()

    def db_for_write(self, model, **hints):
        # Whatever this request reads after writing comes from where it wrote.
        _read_alias.set(DEFAULT_DB_ALIAS)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's very rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
