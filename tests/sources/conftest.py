"""Fixtures for the archiver: a local web server on 127.0.0.1, and proof of connections.

The archiver refuses loopback addresses; the settings let it through to this server's
port only (ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS), so every other local address is
still refused in these tests, exactly as in production.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Real Celery workers for tests/sources/test_archive_queue.py.
from tests.queue_workers import shared_database, task_queue  # noqa: F401


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    declare_length: bool = True
    # Stall (until the test ends) before answering, or after this many bytes of the body.
    stall_before_headers: bool = False
    stall_after_bytes: int | None = None


class PageServer:
    """Serves the pages a test declares; records each request's path and headers."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                page = server.pages.get(self.path, Page(b"not here", status=404))
                if page.stall_before_headers:
                    server.release.wait(timeout=10)
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if page.declare_length:
                    self.send_header("Content-Length", str(len(page.body)))
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if page.stall_after_bytes is not None:
                    self.wfile.write(page.body[: page.stall_after_bytes])
                    self.wfile.flush()
                    server.release.wait(timeout=10)
                    return
                self.wfile.write(page.body)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def serve(self, path: str, body: bytes | str = b"", **options) -> str:
        """Serve a page at path; returns its URL."""
        self.pages[path] = Page(body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.serve(path, b"", status=status, headers={"Location": location})


@pytest.fixture
def page_server(settings):
    """A web server on 127.0.0.1 that the archiver is allowed to fetch from, and only it."""
    server = PageServer()
    server.thread.start()
    settings.ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS = [server.port]
    yield server
    server.release.set()
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def connections(monkeypatch):
    """Every address a socket in this process tries to connect to, in order."""
    attempts: list[tuple[str, int]] = []
    real_connect = socket.socket.connect

    def recording_connect(sock, address):
        attempts.append((address[0], address[1]))
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    return attempts


class Listener:
    """A listening socket nobody should reach: a connection would wait in its backlog."""

    def __init__(self, family: int, host: str):
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.bind((host, 0))
        self.socket.listen(5)
        self.socket.setblocking(False)
        self.port = self.socket.getsockname()[1]

    def was_reached(self) -> bool:
        try:
            connection, _ = self.socket.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True


@pytest.fixture
def loopback_listener():
    """A real service on 127.0.0.1 (a port the archiver is not allowed to use)."""
    listener = Listener(socket.AF_INET, "127.0.0.1")
    yield listener
    listener.socket.close()


@pytest.fixture
def ipv6_loopback_listener():
    """A real service on ::1, or a skip where the machine has no IPv6 loopback."""
    try:
        listener = Listener(socket.AF_INET6, "::1")
    except OSError as error:
        pytest.skip(f"no IPv6 loopback here ({error})")
    yield listener
    listener.socket.close()
