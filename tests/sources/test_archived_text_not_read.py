"""Pages and API answers that show an archived copy show its date and SHA-256, never its text
(a whole article, often kilobytes): they must not read the text from the database either.

The benchmark's first datasets hid this: their citations never pointed at a copy and their
copies were a hundred words long, so reading every copy's text whole cost nothing there."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Citation, Endorsement, Status
from tests.factories import (
    CitationFactory,
    EndorsementFactory,
    FactCheckFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    SnapshotFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ARTICLE = "An archived article, paragraph after paragraph. " * 200
# The snapshot's text column, however the query names the table (quoted, maybe aliased).
READS_TEXT = re.compile(r'"(?:sources_snapshot|T\d+|U\d+)"\."text"')


@pytest.fixture
def archived_story():
    """A published statement and an endorsement, both cited from a source whose archived copy
    was checked: the citation points at the copy, as verify_citation leaves it."""
    position = PositionFactory()
    subject = PersonFactory(slug="subject")
    source = SourceFactory()
    snapshot = SnapshotFactory(source=source, text=ARTICLE)
    statement = PublishedStatementFactory(
        subject=subject, speaker=subject, topic=position.topic, position=position
    )
    statement.citations.all().delete()
    CitationFactory(statement=statement, source=source)
    endorsement = EndorsementFactory(endorsed=subject, status=Status.PUBLISHED)
    CitationFactory(statement=None, endorsement=endorsement, source=source)
    # As a check against the copy leaves them (saving a citation checks it again).
    Citation.objects.update(snapshot=snapshot, verification=Citation.Verification.FOUND)
    fact_check = FactCheckFactory(statement=statement, status=Status.PUBLISHED)
    return {
        "statement": statement,
        "source": source,
        "snapshot": snapshot,
        "topic": position.topic,
        "endorsement": endorsement,
        "fact_check": fact_check,
    }


def paths(story) -> dict[str, str]:
    statement, source, topic = story["statement"], story["source"], story["topic"]
    fact_check = story["fact_check"]
    return {
        "statement page": f"/statements/{statement.pk}/",
        "source page": f"/sources/{source.pk}/",
        "stance-history page": f"/people/subject/{topic.slug}/",
        "person page": "/people/subject/",
        "fact-check page": f"/fact-checks/{fact_check.pk}/",
        "API statement": f"/api/v1/statements/{statement.pk}/",
        "API citations": "/api/v1/citations/",
        "API citation": f"/api/v1/citations/{statement.citations.get().pk}/",
        "API endorsements": "/api/v1/endorsements/",
        "API endorsement": f"/api/v1/endorsements/{story['endorsement'].pk}/",
        "API source": f"/api/v1/sources/{source.pk}/",
        "API stance history": f"/api/v1/people/subject/stances/{topic.slug}/",
        "API claimreview": f"/api/v1/fact-checks/{fact_check.pk}/claimreview.jsonld",
    }


@pytest.mark.parametrize(
    "name",
    [
        "statement page",
        "source page",
        "stance-history page",
        "person page",
        "fact-check page",
        "API statement",
        "API citations",
        "API citation",
        "API endorsements",
        "API endorsement",
        "API source",
        "API stance history",
        "API claimreview",
    ],
)
def test_an_archived_copys_text_is_never_read_to_show_it(archived_story, name):
    assert Endorsement.objects.get().citations.get().snapshot_id  # the story is as described
    assert archived_story["statement"].citations.get().snapshot_id
    path = paths(archived_story)[name]
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = APIClient().get(path)
    assert response.status_code == 200, (path, response.status_code)
    read_text = [query["sql"] for query in captured if READS_TEXT.search(query["sql"])]
    assert read_text == [], f"{name} read the archived text: {read_text[0][:300]}"


@pytest.mark.parametrize("name", ["statement page", "source page", "API statement", "API source"])
def test_what_is_shown_of_the_archived_copy_is_still_there(archived_story, name):
    """Deferring the text must not lose what the page shows of the copy: its SHA-256."""
    response = APIClient().get(paths(archived_story)[name])
    assert archived_story["snapshot"].sha256 in response.content.decode()
    assert "paragraph after paragraph" not in response.content.decode()


ADMIN_LISTS = {
    "snapshots": "admin:sources_snapshot_changelist",
    "quotes not found": "admin:claims_quotenotfound_changelist",
}


@pytest.mark.parametrize("name", [*ADMIN_LISTS, "a source's copies"])
def test_the_admin_lists_copies_without_reading_their_text(archived_story, client, editor, name):
    """Editors' lists show a copy's date, status and size; its text is on its own page."""
    Citation.objects.update(verification=Citation.Verification.NOT_FOUND)
    client.force_login(editor)
    if name in ADMIN_LISTS:
        path = reverse(ADMIN_LISTS[name])
    else:
        path = reverse("admin:sources_source_change", args=[archived_story["source"].pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert archived_story["snapshot"].fetched_at.strftime("%Y") in response.content.decode()
    read_text = [query["sql"] for query in captured if READS_TEXT.search(query["sql"])]
    assert read_text == [], f"{name} read the archived text: {read_text[0][:300]}"


def test_a_copys_own_admin_page_still_shows_its_text(archived_story, client, editor):
    client.force_login(editor)
    path = reverse("admin:sources_snapshot_change", args=[archived_story["snapshot"].pk])
    assert "paragraph after paragraph" in client.get(path).content.decode()
