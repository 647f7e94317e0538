"""Archiving real pages from a local web server: what is stored, and what is refused."""

from __future__ import annotations

import pytest

from claims.models import Citation
from sources.archive import archive_source
from sources.models import Snapshot
from tests.factories import CitationFactory, SourceFactory, StatementFactory

ARTICLE = """<!doctype html>
<html><head><title>Council votes on budget</title></head>
<body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council votes on the police budget</h1>
<p>The city council voted on Tuesday to keep the police budget at last year's level,
after a debate that lasted well into the evening.</p>
<p>{quote}</p>
<p>The mayor is expected to sign the budget by the end of the week, officials said.</p>
</article>
<footer>Copyright 2025 The Example Gazette. All rights reserved.</footer>
</body></html>"""

FIRST_QUOTE = "“We will fund the police, and we will fund them well,” the council leader said."
SECOND_QUOTE = "“We will fund the police, but not one dollar more,” the council leader said."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing the text (written by hand: the format's smallest valid file)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


@pytest.mark.django_db
def test_an_article_is_archived_with_its_main_text_and_fingerprint(page_server, settings):
    body = ARTICLE.format(quote=FIRST_QUOTE).encode()
    url = page_server.serve("/budget", body)
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    snapshot = outcome.snapshot
    assert outcome.problem == ""
    assert snapshot.final_url == url
    assert snapshot.http_status == 200
    assert snapshot.content_type == "text/html; charset=utf-8"
    assert snapshot.size == len(body)
    assert snapshot.sha256 == Snapshot.digest(body)
    assert "keep the police budget at last year's level" in snapshot.text
    assert FIRST_QUOTE in snapshot.text
    assert "All rights reserved" not in snapshot.text  # the footer is not the article
    source.refresh_from_db()
    assert source.archive_problem == ""
    assert source.changed_since_archived is False
    path, headers = page_server.requests[0]
    assert headers["User-Agent"] == settings.ARCHIVE_USER_AGENT
    assert headers["Host"] == f"127.0.0.1:{page_server.port}"


@pytest.mark.django_db
def test_the_request_names_the_original_host_while_connecting_to_the_checked_address(
    page_server, connections
):
    """The name is resolved once, the socket goes to that address, the Host header keeps the name."""
    import socket

    def resolve(host, port, type=0, **kwargs):
        return [(socket.AF_INET, type, 6, "", ("127.0.0.1", port))]

    page_server.serve("/budget", ARTICLE.format(quote=FIRST_QUOTE))
    source = SourceFactory(url=page_server.url("/budget", "news.example.org"))

    archive_source(source=source, resolve=resolve)

    assert connections == [("127.0.0.1", page_server.port)]
    assert page_server.requests[0][1]["Host"] == f"news.example.org:{page_server.port}"


@pytest.mark.django_db
def test_a_redirect_chain_is_followed_and_the_final_url_kept(page_server):
    page_server.redirect("/old", "/older-still", status=301)
    page_server.redirect("/older-still", page_server.url("/budget"), status=307)
    page_server.serve("/budget", ARTICLE.format(quote=FIRST_QUOTE))
    source = SourceFactory(url=page_server.url("/old"))

    outcome = archive_source(source=source)

    assert outcome.problem == ""
    assert outcome.snapshot.final_url == page_server.url("/budget")
    assert [path for path, _ in page_server.requests] == ["/old", "/older-still", "/budget"]


@pytest.mark.django_db
def test_more_than_five_redirects_are_refused(page_server):
    for hop in range(7):
        page_server.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    source = SourceFactory(url=page_server.url("/hop0"))

    outcome = archive_source(source=source)

    assert outcome.problem == "more than 5 redirects; not followed further"
    assert len(page_server.requests) == 6  # the first request and five redirects, no more
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("declare_length", [True, False], ids=["declared", "streamed"])
def test_a_page_over_the_size_cap_is_refused(page_server, settings, declare_length):
    """Refused from its Content-Length, or while streaming when it declares none."""
    settings.ARCHIVE_MAX_BYTES = 2000
    url = page_server.serve(
        "/huge", b"<p>" + b"x" * 100_000 + b"</p>", declare_length=declare_length
    )
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == "the page is larger than the 2,000 byte limit; it is not archived"
    source.refresh_from_db()
    assert source.archive_problem == outcome.problem
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("declared", ["\u00b2", "12abc", "-5"])
def test_a_content_length_that_is_no_number_is_read_as_undeclared(page_server, settings, declared):
    """A header that is no length ("²" is a digit to str.isdigit(), not to int()) is ignored:
    the page is archived, still within the size cap counted while streaming."""
    url = page_server.serve(
        "/odd",
        ARTICLE.format(quote=FIRST_QUOTE),
        declare_length=False,
        headers={"Content-Length": declared},
    )
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == ""
    assert FIRST_QUOTE in outcome.snapshot.text


@pytest.mark.django_db
def test_a_server_that_never_answers_times_out(page_server, settings):
    settings.ARCHIVE_READ_TIMEOUT = 0.3
    url = page_server.serve("/slow", ARTICLE, stall_before_headers=True)
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == "127.0.0.1 did not answer in time"
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_a_page_that_stops_halfway_times_out(page_server, settings):
    settings.ARCHIVE_READ_TIMEOUT = 0.3
    url = page_server.serve("/stalls", ARTICLE.format(quote=FIRST_QUOTE), stall_after_bytes=100)
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == "the server stopped sending before the page was complete"
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_an_http_error_is_recorded_without_a_snapshot(page_server):
    source = SourceFactory(url=page_server.url("/missing"))

    outcome = archive_source(source=source)

    assert outcome.problem == "the server answered HTTP 404"
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_a_changed_page_is_flagged_and_its_quotes_checked_again(page_server):
    page_server.serve("/budget", ARTICLE.format(quote=FIRST_QUOTE))
    source = SourceFactory(url=page_server.url("/budget"))
    citation = CitationFactory(
        source=source,
        statement=StatementFactory(text="We will fund the police, and we will fund them well"),
    )
    first = archive_source(source=source)
    citation.refresh_from_db()
    assert citation.verification == Citation.Verification.FOUND
    page_server.serve("/budget", ARTICLE.format(quote=SECOND_QUOTE))

    second = archive_source(source=source)

    assert first.changed is False
    assert second.changed is True
    assert second.snapshot.sha256 != first.snapshot.sha256
    source.refresh_from_db()
    assert source.changed_since_archived is True
    citation.refresh_from_db()
    assert citation.verification == Citation.Verification.NOT_FOUND
    assert citation.snapshot == second.snapshot


@pytest.mark.django_db
def test_an_unchanged_page_is_not_flagged(page_server):
    page_server.serve("/budget", ARTICLE.format(quote=FIRST_QUOTE))
    source = SourceFactory(url=page_server.url("/budget"))

    archive_source(source=source)
    again = archive_source(source=source)

    assert again.changed is False
    assert source.snapshots.count() == 2
    source.refresh_from_db()
    assert source.changed_since_archived is False


@pytest.mark.django_db
def test_plain_text_is_archived_as_it_is(page_server):
    body = "Statement by the mayor’s office.\n\nWe will fund the police.\n".encode()
    url = page_server.serve("/statement.txt", body, content_type="text/plain; charset=utf-8")
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.snapshot.text == "Statement by the mayor’s office.\n\nWe will fund the police."
    assert outcome.snapshot.content_type == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_a_pdf_is_archived_with_its_text(page_server):
    body = minimal_pdf("We will fund the police, and we will fund them well.")
    url = page_server.serve("/report.pdf", body, content_type="application/pdf")
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == ""
    assert outcome.snapshot.text == "We will fund the police, and we will fund them well."
    assert outcome.snapshot.sha256 == Snapshot.digest(body)


@pytest.mark.django_db
def test_other_content_types_are_refused(page_server):
    url = page_server.serve("/photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == "image/png is not archived (only HTML, plain text and PDF)"
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_a_broken_pdf_is_reported(page_server):
    url = page_server.serve("/broken.pdf", b"%PDF-1.4 garbage", content_type="application/pdf")
    source = SourceFactory(url=url)

    outcome = archive_source(source=source)

    assert outcome.problem == "the PDF could not be read"


@pytest.mark.django_db
def test_an_unexpected_extractor_failure_is_recorded_not_raised(page_server, monkeypatch, caplog):
    """The extraction library failing in an unforeseen way does not stop a batch run."""
    import trafilatura

    def broken_extract(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(trafilatura, "extract", broken_extract)
    source = SourceFactory(url=page_server.serve("/budget", ARTICLE.format(quote=FIRST_QUOTE)))

    outcome = archive_source(source=source)

    assert outcome.problem == (
        "an unexpected error stopped the archiver (the server log has the details)"
    )
    source.refresh_from_db()
    assert source.archive_problem == outcome.problem
    assert not Snapshot.objects.exists()
    assert "parser exploded" in caplog.text
