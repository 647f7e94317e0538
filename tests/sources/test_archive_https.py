"""HTTPS: the archiver connects to the checked address but speaks TLS to the real host name.

A local TLS server holds a certificate from a throwaway test authority (trustme); it
records the name each client asked for in its TLS hello (SNI).
"""

from __future__ import annotations

import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme

from sources.archive import archive_source
from tests.factories import SourceFactory


def resolve_to_loopback(host, port, type=0, **kwargs):
    return [(socket.AF_INET, type, 6, "", ("127.0.0.1", port))]


@pytest.fixture
def tls_server(settings, tmp_path):
    authority = trustme.CA()
    certificate = authority.issue_cert("news.example.org")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    names_asked: list[str | None] = []
    context.sni_callback = lambda connection, name, context: names_asked.append(name)
    host_headers: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            host_headers.append(self.headers["Host"])
            body = b"<html><body><article><p>Served over TLS.</p></article></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    settings.ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS = [httpd.server_address[1]]
    authority_file = tmp_path / "authority.pem"
    authority.cert_pem.write_to_path(str(authority_file))
    httpd.names_asked, httpd.host_headers, httpd.authority_file = (
        names_asked,
        host_headers,
        authority_file,
    )
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.django_db
def test_https_is_fetched_from_the_checked_address_with_the_real_host_name(tls_server, monkeypatch):
    # The system's certificate store, plus the test authority (OpenSSL reads this variable).
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.authority_file))
    port = tls_server.server_address[1]
    source = SourceFactory(url=f"https://news.example.org:{port}/story")

    outcome = archive_source(source=source, resolve=resolve_to_loopback)

    assert outcome.problem == ""
    assert outcome.snapshot.text == "Served over TLS."
    assert tls_server.names_asked == ["news.example.org"]
    assert tls_server.host_headers == [f"news.example.org:{port}"]


@pytest.mark.django_db
def test_a_certificate_for_another_name_is_refused(tls_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.authority_file))
    port = tls_server.server_address[1]
    source = SourceFactory(url=f"https://other.example.org:{port}/story")

    outcome = archive_source(source=source, resolve=resolve_to_loopback)

    assert outcome.problem == "other.example.org has no valid TLS certificate"
    assert tls_server.host_headers == []


@pytest.mark.django_db
def test_a_certificate_from_an_unknown_authority_is_refused(tls_server):
    port = tls_server.server_address[1]
    source = SourceFactory(url=f"https://news.example.org:{port}/story")

    outcome = archive_source(source=source, resolve=resolve_to_loopback)

    assert outcome.problem == "news.example.org has no valid TLS certificate"
    assert tls_server.names_asked == ["news.example.org"]
    assert tls_server.host_headers == []
