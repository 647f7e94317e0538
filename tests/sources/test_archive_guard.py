"""The archiver refuses every address that is not a public web server, and says why.

Each refusal is recorded on the source, no snapshot is stored, and no connection is
attempted (the `connections` fixture records every socket connect in the process).
"""

from __future__ import annotations

import socket

import pytest

from sources.archive import address_problem, archive_source, check_url
from sources.models import Snapshot
from tests.factories import SourceFactory


def resolver(table: dict[str, list[str]]):
    """A resolver answering from a table, with getaddrinfo's shape (injected, no DNS)."""

    def resolve(host, port, type=0, **kwargs):
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in address else socket.AF_INET, type, 6, "", (address, port))
            for address in table[host]
        ]

    return resolve


def archive_refused(url: str, **options):
    source = SourceFactory(url=url)
    outcome = archive_source(source=source, **options)
    source.refresh_from_db()
    assert outcome.snapshot is None
    assert not Snapshot.objects.filter(source=source).exists()
    assert source.archive_problem == outcome.problem
    assert source.last_archive_attempt_at is not None
    return source.archive_problem


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://172.16.0.1/page", "172.16.0.1 is a private address"),
        ("https://192.168.1.1/", "192.168.1.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://0.0.0.0/", "0.0.0.0 is an unspecified address".replace("an ", "a ")),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://[fc00::1]/", "fc00::1 is a private address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
        ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
        ("file:///etc/passwd", "only http and https addresses are archived (this one is file:)"),
        ("ftp://ftp.example.org/report.txt", "only http and https addresses are archived"),
    ],
)
def test_unsafe_addresses_are_refused_with_their_reason_and_never_contacted(
    url, reason, connections
):
    problem = archive_refused(url)

    assert reason in problem
    assert connections == []


@pytest.mark.django_db
def test_ipv4_loopback_is_refused_and_never_contacted(loopback_listener, connections):
    problem = archive_refused(f"http://127.0.0.1:{loopback_listener.port}/admin")

    assert problem == "127.0.0.1 is a loopback address; it is not archived"
    assert connections == []
    assert not loopback_listener.was_reached()


@pytest.mark.django_db
def test_ipv6_loopback_is_refused_and_never_contacted(ipv6_loopback_listener, connections):
    problem = archive_refused(f"http://[::1]:{ipv6_loopback_listener.port}/")

    assert problem == "::1 is a loopback address; it is not archived"
    assert connections == []
    assert not ipv6_loopback_listener.was_reached()


@pytest.mark.django_db
def test_ipv4_mapped_ipv6_loopback_is_refused(loopback_listener, connections):
    problem = archive_refused(f"http://[::ffff:127.0.0.1]:{loopback_listener.port}/")

    assert problem == (
        "::ffff:127.0.0.1 is a loopback address inside an IPv6 address; it is not archived"
    )
    assert connections == []
    assert not loopback_listener.was_reached()


@pytest.mark.django_db
def test_a_host_name_that_resolves_to_loopback_is_refused(loopback_listener, connections):
    """`localhost` is resolved by the system's own resolver (the hosts file)."""
    problem = archive_refused(f"http://localhost:{loopback_listener.port}/")

    assert problem.startswith("localhost resolves to ")
    assert "a loopback address; it is not archived" in problem
    assert connections == []
    assert not loopback_listener.was_reached()


@pytest.mark.django_db
def test_a_host_name_that_resolves_to_a_private_address_is_refused(connections):
    resolve = resolver({"intranet.example.org": ["10.20.30.40"]})

    problem = archive_refused("https://intranet.example.org/wiki", resolve=resolve)

    assert problem == (
        "intranet.example.org resolves to 10.20.30.40, a private address; it is not archived"
    )
    assert connections == []


@pytest.mark.django_db
def test_a_host_name_is_refused_when_any_of_its_addresses_is_private(connections):
    """A public first answer does not hide a private second one (DNS round-robin tricks)."""
    resolve = resolver({"mixed.example.org": ["93.184.215.14", "192.168.0.10"]})

    problem = archive_refused("http://mixed.example.org/", resolve=resolve)

    assert "192.168.0.10, a private address" in problem
    assert connections == []


@pytest.mark.django_db
def test_a_public_page_redirecting_to_a_private_address_is_refused_at_that_hop(
    page_server, loopback_listener, connections
):
    """The first hop is the test server (a public name resolving to its allowed port);
    its redirect to another local service and to the cloud metadata address are refused."""
    resolve = resolver({"news.example.org": ["127.0.0.1"]})
    page_server.redirect("/to-loopback", f"http://127.0.0.1:{loopback_listener.port}/secret")
    page_server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")

    to_loopback = archive_refused(
        page_server.url("/to-loopback", "news.example.org"), resolve=resolve
    )
    to_metadata = archive_refused(
        page_server.url("/to-metadata", "news.example.org"), resolve=resolve
    )

    assert to_loopback == "127.0.0.1 is a loopback address; it is not archived"
    assert to_metadata == "169.254.169.254 is a link-local address; it is not archived"
    assert connections == [("127.0.0.1", page_server.port)] * 2
    assert not loopback_listener.was_reached()
    assert [path for path, _ in page_server.requests] == ["/to-loopback", "/to-metadata"]


@pytest.mark.django_db
def test_an_unknown_host_name_is_reported_not_raised(connections):
    problem = archive_refused("https://no-such-host.example.org/", resolve=resolver({}))

    assert problem == "the host name no-such-host.example.org could not be resolved"
    assert connections == []


@pytest.mark.django_db
def test_a_source_without_url_is_reported(connections):
    source = SourceFactory(url=None)

    outcome = archive_source(source=source)

    assert outcome.problem == "this source has no URL"
    assert connections == []


def test_the_connection_goes_to_the_address_that_was_checked():
    """The resolver is asked once; its answer is the address the request is sent to."""
    answers = iter([["93.184.215.14"], ["10.0.0.1"]])  # a rebinding server's two answers

    def rebinding_resolve(host, port, type=0, **kwargs):
        return [(socket.AF_INET, type, 6, "", (address, port)) for address in next(answers)]

    target = check_url("https://news.example.org/story?id=4", resolve=rebinding_resolve)

    assert target.address == "93.184.215.14"
    assert target.host == "news.example.org"
    assert target.host_header == "news.example.org"
    assert target.path == "/story?id=4"
    assert next(answers) == ["10.0.0.1"]  # never asked a second time


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"],
)
def test_public_addresses_are_allowed(address):
    assert address_problem(address) is None


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("2002:7f00:1::", "a loopback address inside an IPv6 address"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", "a private address inside an IPv6 address"),  # NAT64 of 10.0.0.1
        ("fe80::1%eth0", "a link-local address"),
    ],
)
def test_addresses_hidden_in_other_forms_are_refused(address, problem):
    assert address_problem(address) == problem


@pytest.mark.django_db
def test_the_loopback_allowance_is_off_by_default(settings):
    assert settings.ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS == []
