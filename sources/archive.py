"""Archive a source: fetch its URL safely and keep a snapshot of its main text.

Safe to point at any URL an editor types. Only http and https; the host is resolved
and refused when any of its addresses is not a public one (loopback, private,
link-local, multicast, reserved, unspecified; IPv4, IPv6 and IPv4 inside IPv6); the
connection goes to the very address that was checked (the Host header and TLS name
stay the original host), so a second DNS answer cannot slip in another address;
redirects are followed by hand, at most MAX_REDIRECTS, each hop checked the same way;
the body is capped while it streams; timeouts bound the connection, each read and the
whole fetch. A refusal or failure is recorded on the source, never raised to the caller.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import revisions
from sources.models import Snapshot, Source
from sources.signals import snapshot_taken

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
ARCHIVED_TYPES = HTML_TYPES | {"text/plain", "application/pdf"}
# NAT64 gateways forward 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

Resolver = Callable[..., list]


class ArchiveProblem(Exception):
    """The archiver could not take a copy; the message says why, for editors."""


class ArchiveRefused(ArchiveProblem):
    """The URL is one the archiver will not fetch (unsafe address, scheme, size, type)."""


class ArchiveFailed(ArchiveProblem):
    """The fetch was allowed but did not succeed (timeout, connection, HTTP error)."""


def address_problem(address: str) -> str | None:
    """Why the archiver must not connect to this IP address, or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            problem = address_problem(str(embedded))
            if problem:
                return f"{problem} inside an IPv6 address"
    for kind, applies in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if applies:
            return f"a {kind} address"
    if not ip.is_global:
        return "not a public address"
    return None


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (address, port) and what to ask for."""

    url: str
    scheme: str
    host: str
    host_header: str
    address: str
    port: int
    path: str


def _allowed_for_tests(address: str, port: int) -> bool:
    """The test suite's own local server, and nothing else, may be on loopback."""
    ip = ipaddress.ip_address(address)
    return (
        ip.version == 4
        and ip.is_loopback
        and port in settings.ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS
    )


def check_url(url: str, *, resolve: Resolver = socket.getaddrinfo) -> Target:
    """The address to connect to for this URL, or ArchiveRefused saying why not."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ArchiveRefused(
            f"only http and https addresses are archived (this one is {scheme or 'without a scheme'}:)"
        )
    if parts.username or parts.password:
        raise ArchiveRefused("addresses with a user name or password are not archived")
    host = parts.hostname
    if not host:
        raise ArchiveRefused("the address has no host name")
    try:
        host = host.encode("idna").decode("ascii")  # an international name, as DNS knows it
    except UnicodeError:
        raise ArchiveRefused(f"{parts.hostname} is not a valid host name") from None
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise ArchiveRefused("the address has an invalid port") from None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
        subject = host
    else:
        addresses = _resolve(host, port, resolve)
        subject = f"{host} resolves to"
    for address in addresses:
        problem = address_problem(address)
        if problem and not _allowed_for_tests(address, port):
            if literal is not None:
                raise ArchiveRefused(f"{subject} is {problem}; it is not archived")
            raise ArchiveRefused(f"{subject} {address}, {problem}; it is not archived")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(
        url=url,
        scheme=scheme,
        host=host,
        host_header=_host_header(host, parts.port),
        address=addresses[0],
        port=port,
        path=path,
    )


def _host_header(host: str, explicit_port: int | None) -> str:
    name = f"[{host}]" if ":" in host else host
    return f"{name}:{explicit_port}" if explicit_port else name


def _resolve(host: str, port: int, resolve: Resolver) -> list[str]:
    try:
        answers = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise ArchiveFailed(f"the host name {host} could not be resolved") from None
    addresses = list(dict.fromkeys(str(answer[4][0]) for answer in answers))
    if not addresses:
        raise ArchiveFailed(f"the host name {host} has no address")
    return addresses


@dataclass(frozen=True)
class Fetched:
    """What the server sent for a URL after following its redirects."""

    final_url: str
    http_status: int
    content_type: str
    body: bytes


def fetch(url: str, *, resolve: Resolver = socket.getaddrinfo) -> Fetched:
    """Fetch a URL with every safety check; ArchiveProblem says why it could not be fetched."""
    deadline = time.monotonic() + settings.ARCHIVE_TOTAL_TIMEOUT
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = check_url(current, resolve=resolve)
        pool, response = _request(target)
        try:
            location = response.headers.get("Location")
            if response.status in REDIRECT_STATUSES and location:
                current = urljoin(current, location.strip())
                continue
            if not 200 <= response.status < 300:
                raise ArchiveFailed(f"the server answered HTTP {response.status}")
            return Fetched(
                final_url=current,
                http_status=response.status,
                content_type=response.headers.get("Content-Type", ""),
                body=_read_capped(response, deadline),
            )
        finally:
            response.close()
            pool.close()
    raise ArchiveRefused(f"more than {MAX_REDIRECTS} redirects; not followed further")


def _request(target: Target) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """Send the GET to the checked address itself, naming the original host."""
    timeout = urllib3.Timeout(
        connect=settings.ARCHIVE_CONNECT_TIMEOUT, read=settings.ARCHIVE_READ_TIMEOUT
    )
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,  # SNI and certificate check use the real name
            assert_hostname=target.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=timeout, retries=False
        )
    headers = {
        "Host": target.host_header,
        "User-Agent": settings.ARCHIVE_USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        response = pool.urlopen(
            "GET",
            target.path,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.HTTPError as error:
        pool.close()
        raise ArchiveFailed(_connection_problem(error, target.host)) from None
    return pool, response


def _connection_problem(error: urllib3.exceptions.HTTPError, host: str) -> str:
    if isinstance(error, urllib3.exceptions.ConnectTimeoutError):
        return f"{host} did not accept a connection in time"
    if isinstance(error, urllib3.exceptions.ReadTimeoutError):
        return f"{host} did not answer in time"
    if isinstance(error, urllib3.exceptions.SSLError):
        return f"{host} has no valid TLS certificate"
    return f"could not connect to {host}"


def _read_capped(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    """The body, refused as soon as it passes the size cap or the total time."""
    limit = settings.ARCHIVE_MAX_BYTES
    too_large = f"the page is larger than the {limit:,} byte limit; it is not archived"
    declared = response.headers.get("Content-Length", "")
    # A header that is no number ("²" is a digit to str.isdigit(), not to int()) is read as
    # undeclared, and the cap is counted while streaming.
    if re.fullmatch(r"[0-9]+", declared) and int(declared) > limit:
        raise ArchiveRefused(too_large)
    body = io.BytesIO()
    try:
        # Counted after decompression, so a small compressed bomb is caught too.
        for chunk in response.stream(64 * 1024, decode_content=True):
            body.write(chunk)
            if body.tell() > limit:
                raise ArchiveRefused(too_large)
            if time.monotonic() > deadline:
                raise ArchiveFailed(
                    f"the page took longer than {settings.ARCHIVE_TOTAL_TIMEOUT} seconds to arrive"
                )
    except urllib3.exceptions.ReadTimeoutError:
        raise ArchiveFailed("the server stopped sending before the page was complete") from None
    except urllib3.exceptions.HTTPError:
        raise ArchiveFailed("the connection broke before the page was complete") from None
    return body.getvalue()


def extract_text(fetched: Fetched) -> str:
    """The main text of what was fetched: the article of an HTML page, a plain text, a PDF's text."""
    media_type, _, parameters = fetched.content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type in HTML_TYPES:
        import trafilatura  # imported here: only the archiver needs it, and it is slow to load

        text = trafilatura.extract(
            fetched.body, include_comments=False, include_tables=True, deduplicate=False
        )
        # A page too short for trafilatura's article detection still has its text.
        return (text or trafilatura.html2txt(fetched.body) or "").strip()
    if media_type == "text/plain":
        return fetched.body.decode(_charset(parameters), errors="replace").strip()
    if media_type == "application/pdf":
        return _pdf_text(fetched.body)
    raise ArchiveRefused(
        f"{media_type or 'content without a type'} is not archived (only HTML, plain text and PDF)"
    )


def _charset(parameters: str) -> str:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
            try:
                "".encode(charset)
            except LookupError:
                return "utf-8"
            return charset
    return "utf-8"


def _pdf_text(body: bytes) -> str:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        return "\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError):
        raise ArchiveFailed("the PDF could not be read") from None


@dataclass(frozen=True)
class ArchiveOutcome:
    """What one archive attempt did: the new snapshot, or the problem that stopped it."""

    source: Source
    snapshot: Snapshot | None
    problem: str
    changed: bool
    # The problem may pass (a timeout, a broken connection, an HTTP error): worth a retry.
    retryable: bool = False


def archive_source(
    *,
    source: Source,
    by=None,
    resolve: Resolver = socket.getaddrinfo,
    task_id: str | None = None,
) -> ArchiveOutcome:
    """Fetch a source's URL and store a snapshot; record any refusal on the source instead.

    With task_id (the background task taking the copy), a task that runs again after its
    copy was stored stores nothing more: the snapshot it took is returned.
    """
    attempted_at = timezone.now()
    retryable = False
    try:
        if not source.url:
            raise ArchiveRefused("this source has no URL")
        fetched = fetch(source.url, resolve=resolve)
        text = extract_text(fetched)
    except ArchiveProblem as problem:
        reason = str(problem)[:500]
        retryable = isinstance(problem, ArchiveFailed)
    except SoftTimeLimitExceeded:
        reason = "archiving took longer than the background task's time limit; it was stopped"
        retryable = True
    except Exception:
        # A page can break a parser in ways no one foresaw; a batch run must go on regardless.
        logger.exception("Archiving source %s (%s) failed unexpectedly", source.pk, source.url)
        reason = "an unexpected error stopped the archiver (the server log has the details)"
    else:
        try:
            return _store_snapshot(
                source, fetched, text, attempted_at=attempted_at, by=by, task_id=task_id
            )
        except IntegrityError:
            # The same task stored its copy meanwhile (it ran twice at once): that copy stands.
            stored = Snapshot.objects.filter(task_id=task_id).first() if task_id else None
            if stored is None:
                raise
            return ArchiveOutcome(source=source, snapshot=stored, problem="", changed=False)
    _record_state(source, last_archive_attempt_at=attempted_at, archive_problem=reason)
    return ArchiveOutcome(
        source=source, snapshot=None, problem=reason, changed=False, retryable=retryable
    )


@transaction.atomic
def _store_snapshot(
    source: Source, fetched: Fetched, text: str, *, attempted_at, by, task_id: str | None
) -> ArchiveOutcome:
    previous = source.latest_snapshot
    snapshot = Snapshot.objects.create(
        source=source,
        fetched_at=attempted_at,
        final_url=fetched.final_url[:2000],
        http_status=fetched.http_status,
        content_type=fetched.content_type[:200],
        size=len(fetched.body),
        sha256=Snapshot.digest(fetched.body),
        text=text,
        archived_by=by if by is not None and by.is_authenticated else None,
        task_id=task_id,
    )
    changed = previous is not None and previous.text != text
    state = {"last_archive_attempt_at": attempted_at, "archive_problem": ""}
    if changed:
        # Only ever raised here; an editor lowers it after reading the changes.
        state["changed_since_archived"] = True
    _record_state(source, **state)
    snapshot_taken.send(sender=Snapshot, snapshot=snapshot, source=source)
    return ArchiveOutcome(source=source, snapshot=snapshot, problem="", changed=changed)


def _record_state(source: Source, **state) -> None:
    # update(), not save(): bookkeeping must not bump the version an editor is editing at.
    Source.objects.filter(pk=source.pk).update(**state)
    revisions.note_change()  # update() sends no signal; the archive state is shown
    for name, value in state.items():
        setattr(source, name, value)
