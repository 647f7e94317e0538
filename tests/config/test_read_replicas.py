"""Reads from replicas (config/replicas.py): anonymous readers read a replica, editors and
anyone who just wrote read the primary, and a replica that stops answering is skipped.

The tests against a real hot standby need PostgreSQL and TEST_REPLICA_URL (the standby's
server, e.g. postgres://postgres@127.0.0.1:5433; .ci/run creates one with pg_basebackup -R
and sets it). The standby streams the primary's whole cluster, so the test database is on
it under the same name.
"""

from __future__ import annotations

import contextlib
import copy
import os
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.connection import ConnectionDoesNotExist
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config import replicas
from tests.factories import PublishedStatementFactory

REPLICA_URL = os.environ.get("TEST_REPLICA_URL", "")
ALIAS = "replica1"


def use_replica(settings, *, host: str, port: int, name: str | None = None) -> None:
    """Configure one replica, as DATABASE_REPLICA_URLS would, for this test only."""
    config = copy.deepcopy(connection.settings_dict)
    config.update(HOST=host, PORT=port, NAME=name or config["NAME"], OPTIONS={"connect_timeout": 2})
    # A connection made here, not listed in connections.settings: the test case allows it.
    connections[ALIAS] = DatabaseWrapper(config, ALIAS)
    settings.DATABASE_REPLICAS = [ALIAS]
    settings.DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]
    replicas._down_until.clear()


@pytest.fixture
def no_replica_left_behind(settings):
    """Replica tests are PostgreSQL's; the replica is gone after the test."""
    if connection.vendor != "postgresql":
        pytest.skip("read replicas are PostgreSQL hot standbys")
    yield
    # Not there when the test made none (the standby tests skip without TEST_REPLICA_URL).
    with contextlib.suppress(AttributeError, KeyError, ConnectionDoesNotExist):
        connections[ALIAS].close()
        del connections[ALIAS]
    replicas._down_until.clear()


def test_only_anonymous_safe_requests_without_a_recent_write_may_read_a_replica(settings):
    factory = RequestFactory()
    anonymous = factory.get("/api/v1/statements/")
    signed_in = factory.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    with_token = factory.get("/api/v1/statements/", HTTP_AUTHORIZATION="Token abc")
    just_wrote = factory.get("/", HTTP_COOKIE=f"{replicas.READ_YOUR_WRITES_COOKIE}=1")
    writing = factory.post("/api/v1/sources/")

    assert replicas.reads_from_replica(anonymous)
    assert not replicas.reads_from_replica(signed_in)
    assert not replicas.reads_from_replica(with_token)
    assert not replicas.reads_from_replica(just_wrote)
    assert not replicas.reads_from_replica(writing)


@pytest.mark.django_db
def test_a_write_marks_the_client_to_read_the_primary_for_a_while(editor, settings):
    settings.DATABASE_REPLICAS = ["replica1"]  # only then is there a replica to lag behind
    client = APIClient()
    client.force_authenticate(editor)

    response = client.post("/api/v1/sources/", {"title": "New"}, format="json")

    assert response.status_code == 201
    cookie = response.cookies[replicas.READ_YOUR_WRITES_COOKIE]
    assert cookie["max-age"] == settings.READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"]


@pytest.mark.django_db
def test_without_replicas_a_write_sets_no_cookie(editor):
    client = APIClient()
    client.force_authenticate(editor)

    response = client.post("/api/v1/sources/", {"title": "New"}, format="json")

    assert response.status_code == 201
    assert replicas.READ_YOUR_WRITES_COOKIE not in response.cookies


@pytest.mark.django_db
def test_a_replica_that_does_not_answer_is_skipped_without_an_error(
    settings, no_replica_left_behind
):
    statement = PublishedStatementFactory()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there any more
    use_replica(settings, host="127.0.0.1", port=port)

    response = APIClient().get("/api/v1/statements/")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [statement.pk]
    assert replicas._down_until[ALIAS] > time.monotonic()  # not tried again for a while


# --- A real hot standby (PostgreSQL streaming replication) ---------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:port to the standby; stop() is the replica going away."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.stopped.is_set():
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self):
        self.stopped.set()
        with contextlib.suppress(OSError):  # shutdown wakes the thread waiting in accept()
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for end in self.sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass


@pytest.fixture
def standby(settings, no_replica_left_behind):
    """The hot standby, reached through a proxy this test can cut, as replica1."""
    if not REPLICA_URL:
        pytest.skip("no hot standby: set TEST_REPLICA_URL (.ci/run creates one on port 5433)")
    server = urlsplit(REPLICA_URL)
    proxy = TcpProxy((server.hostname, server.port or 5432))
    use_replica(settings, host="127.0.0.1", port=proxy.port, name=connection.settings_dict["NAME"])
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,), f"{REPLICA_URL} is not a standby"
    yield proxy
    connections[ALIAS].close()
    proxy.stop()


def wait_for_replay():
    """Until the standby has replayed everything the primary has committed so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + 30
    with connections[ALIAS].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the standby did not catch up in 30 s"
            time.sleep(0.05)


def read_from(client, path: str) -> tuple[object, dict[str, int]]:
    """The response, and how many queries each database answered for it."""
    with (
        CaptureQueriesContext(connection) as primary,
        CaptureQueriesContext(connections[ALIAS]) as replica,
    ):
        response = client.get(path)
    return response, {"primary": len(primary), "replica": len(replica)}


def in_recovery_through_the_router() -> bool:
    """pg_is_in_recovery() on the database the router picks for a read right now."""
    from django.db import router

    from claims.models import Statement

    with connections[router.db_for_read(Statement)].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_anonymous_api_reads_are_served_by_the_standby(standby):
    statement = PublishedStatementFactory()
    wait_for_replay()
    seen = []
    from config.replicas import ReadReplicaMiddleware

    probe = ReadReplicaMiddleware(lambda request: seen.append(in_recovery_through_the_router()))
    probe(RequestFactory().get("/api/v1/statements/"))

    response, queries = read_from(APIClient(), "/api/v1/statements/")

    assert seen == [True]  # the router sent the anonymous read to the standby
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [statement.pk]
    assert queries["replica"] > 0
    assert queries["primary"] == 0


@pytest.mark.django_db(transaction=True)
def test_an_editor_reads_the_primary_and_sees_a_write_at_once(standby, editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    from config.replicas import ReadReplicaMiddleware

    seen = []
    probe = ReadReplicaMiddleware(lambda request: seen.append(in_recovery_through_the_router()))
    probe(RequestFactory().get("/api/v1/sources/", HTTP_AUTHORIZATION="Token x"))

    created = client.post("/api/v1/sources/", {"title": "Just written"}, format="json")
    response, queries = read_from(client, f"/api/v1/sources/{created.json()['id']}/")

    assert seen == [False]
    assert created.status_code == 201
    assert response.status_code == 200
    assert response.json()["title"] == "Just written"
    assert queries["replica"] == 0


@pytest.mark.django_db(transaction=True)
def test_after_a_write_a_browser_reads_the_primary(standby, editor):
    client = APIClient()
    client.force_authenticate(editor)
    client.post("/api/v1/sources/", {"title": "Written"}, format="json")
    # The same browser, without credentials now, still carries the cookie the write set.
    reader = APIClient()
    reader.cookies[replicas.READ_YOUR_WRITES_COOKIE] = client.cookies[
        replicas.READ_YOUR_WRITES_COOKIE
    ].value

    response, queries = read_from(reader, "/api/v1/statements/")

    assert response.status_code == 200
    assert queries["replica"] == 0


@pytest.mark.django_db(transaction=True)
def test_reads_fall_back_to_the_primary_when_the_standby_stops(standby):
    statement = PublishedStatementFactory()
    wait_for_replay()
    anonymous = APIClient()
    _, before = read_from(anonymous, "/api/v1/statements/")
    assert before["replica"] > 0

    standby.stop()  # the replica goes away, its open connection with it
    response, after = read_from(anonymous, "/api/v1/statements/")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [statement.pk]
    assert after["replica"] == 0
    assert after["primary"] > 0
