"""Anonymous reads of public content (config.middleware.PublicResponseCacheMiddleware): 304
from the content revision alone, responses served from the cache, and a publish making every
stored response unreachable."""

from contextlib import contextmanager

import pytest
from django.db.models import F

from claims.services import publish, submit_for_review
from core import revisions
from core.models import ContentRevision
from tests import factories

# Real commits: the revision moves when a transaction commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def history_page(seeded):
    """A stance-history page of the seed data, and the statement a change will touch."""
    from claims.models import Statement

    statement = Statement.objects.filter(
        subject__slug="zohran-mamdani", topic__slug="police-funding"
    ).first()
    return "/people/zohran-mamdani/police-funding/", statement


@contextmanager
def revisions_held_still():
    """Writes that leave the revision where it is (as a write bypassing every hook would)."""
    before = revisions.current()
    yield
    ContentRevision.objects.filter(pk=revisions.ROW).update(
        number=before.number, changed_at=before.changed_at
    )


def test_a_repeated_page_is_served_from_the_cache_with_one_query(
    client, history_page, django_assert_num_queries
):
    url, _ = history_page
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(1):  # the content revision
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # Outer middleware still runs on a cached answer: the security headers are there.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"


def test_a_page_answers_304_to_its_etag_without_running_the_view(
    client, history_page, django_assert_num_queries
):
    url, _ = history_page
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_change_makes_the_cached_page_and_its_etag_stale(client, history_page):
    url, statement = history_page
    first = client.get(url)

    def reword():
        statement.text = "Reworded after a correction."
        statement.save()

    reword()
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert b"Reworded after a correction." in second.content
    assert second["ETag"] != first["ETag"]


def test_publishing_shows_at_once_on_cached_api_lists(client, publisher):
    draft = factories.CitationFactory(statement=factories.StatementFactory()).statement
    before = client.get("/api/v1/statements/").json()["results"]
    assert draft.pk not in [row["id"] for row in before]
    assert client.get("/api/v1/statements/").json()["results"] == before  # from the cache

    submit_for_review(record=draft, by=publisher)
    publish(record=draft, by=publisher)
    after = client.get("/api/v1/statements/").json()["results"]
    assert draft.pk in [row["id"] for row in after]


def test_signed_in_readers_and_token_clients_are_never_served_from_the_cache(client, editor):
    draft = factories.StatementFactory(text="A draft only staff see.")
    url = "/api/v1/statements/"
    assert "A draft only staff see." not in client.get(url).content.decode()  # cached
    client.force_login(editor)
    assert "A draft only staff see." in client.get(url).content.decode()
    assert draft.pk


def test_what_is_not_a_200_is_not_cached(client, db):
    url = "/api/v1/people/nobody/"
    assert client.get(url).status_code == 404
    # Written behind the revision's back: only a read that is not cached can see it.
    with revisions_held_still():
        # On the public record: a published statement names them.
        factories.PublishedStatementFactory(speaker=factories.PersonFactory(slug="nobody"))
    assert client.get(url).status_code == 200


def test_the_cache_can_be_turned_off(client, history_page, settings):
    settings.PUBLIC_RESPONSE_CACHE_SECONDS = 0
    url, statement = history_page
    client.get(url)
    # Written behind the revision's back: only a read that is not cached can see it.
    type(statement).objects.filter(pk=statement.pk).update(text="Changed in place.")
    assert b"Changed in place." in client.get(url).content


def test_anonymous_reads_reuse_a_recent_reading_of_the_revision(
    client, history_page, settings, django_assert_num_queries
):
    settings.CONTENT_REVISION_TTL = 60
    url, statement = history_page
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get(url).status_code == 200  # from the cache
    # Another process's change is seen when the reading expires (here: a minute)...
    ContentRevision.objects.filter(pk=revisions.ROW).update(number=F("number") + 1)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # ...and this process's own change at once.
    statement.text = "Changed in this process."
    statement.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Changed in this process." in response.content


@pytest.mark.parametrize("url", ["/api/v1/statements/", "/people/zohran-mamdani/"])
def test_a_cached_answer_and_a_304_say_what_the_first_answer_varies_on(client, seeded, url):
    """A shared cache keys on Vary and keeps by Cache-Control: every anonymous answer of a URL
    (rendered, from the cache, 304) must carry the same, or a proxy may hand one client's
    representation (JSON, the browsable API's HTML, an editor's) to another."""
    rendered = client.get(url)
    from_cache = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert not_modified.status_code == 304
    for answer in (rendered, from_cache, not_modified):
        assert {"Accept", "Authorization", "Cookie"} <= {
            name.strip() for name in answer.get("Vary", "").split(",")
        }
        assert answer["Cache-Control"] == rendered["Cache-Control"]
        assert answer["Last-Modified"] == rendered["Last-Modified"]


def test_a_citation_moved_off_a_published_statement_leaves_its_pages_at_once(client, db):
    """Moving a citation to a draft (a publisher fixing a misattached source) changes what
    the published statement shows: no cached page or 304 may keep the citation on it."""
    published = factories.PublishedStatementFactory(citation__source__title="A misattached source")
    citation = published.citations.get()
    draft = factories.StatementFactory()
    pages = [f"/api/v1/statements/{published.pk}/", published.get_absolute_url()]
    first = {url: client.get(url) for url in pages}
    assert "A misattached source" in first[pages[1]].content.decode()
    etags = {url: answer["ETag"] for url, answer in first.items()}

    moved = type(citation).objects.get(pk=citation.pk)  # as the admin and the API load it
    moved.statement = draft
    moved.save()

    api = client.get(pages[0], HTTP_IF_NONE_MATCH=etags[pages[0]])
    assert api.status_code == 200
    assert api.json()["citations"] == []
    page = client.get(pages[1], HTTP_IF_NONE_MATCH=etags[pages[1]])
    assert page.status_code == 200
    assert "A misattached source" not in page.content.decode()


def test_an_answer_that_gives_the_reader_a_cookie_is_neither_stored_nor_public(seeded):
    """The browsable API hands each reader a CSRF cookie and embeds its token: such an answer
    is that reader's own, so it is rendered for each and no shared cache may keep it."""
    from django.test import Client

    url = "/api/v1/statements/"
    first = Client().get(url, HTTP_ACCEPT="text/html")
    second = Client().get(url, HTTP_ACCEPT="text/html")

    for answer in (first, second):
        assert answer.status_code == 200
        assert "csrftoken" in answer.cookies  # rendered for this reader, not from the cache
        assert "public" not in answer["Cache-Control"]
        assert "private" in answer["Cache-Control"]
