"""Drafts and records in review never reach a reader: not on any page, feed, sitemap or search."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from claims.matching.models import Claim, ClaimAppearance
from claims.models import Correction, Statement, Status
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    EndorsementFactory,
    FactCheckFactory,
    PersonFactory,
    PromiseFactory,
    PromiseStatusChangeFactory,
    PublishedPromiseFactory,
    SourceFactory,
    StanceShiftFactory,
    StatementFactory,
)
from tests.pages.sitemap import SECTIONS, whole_sitemap

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-SECRET"


@pytest.fixture
def unpublished(story):
    """A draft and an in-review record of every editorial kind, all around the public story."""
    records = {}
    for status in (Status.DRAFT, Status.IN_REVIEW):
        statement = StatementFactory(
            speaker=story.mamdani,
            position=story.positions[2],
            kind=Statement.Kind.QUOTE,
            text=f"{SECRET} statement {status}: Mamdani wants more police.",
            said_on=PartialDate(2025, 6),
            status=status,
        )
        CitationFactory(statement=statement, source=story.article, excerpt=f"{SECRET} excerpt")
        records[f"statement {status}"] = statement
        records[f"fact-check on public {status}"] = FactCheckFactory(
            statement=story.reform, claim_reviewed=f"{SECRET} check {status}", status=status
        )
        records[f"fact-check on unpublished {status}"] = FactCheckFactory(
            statement=statement, claim_reviewed=f"{SECRET} check of draft", status=Status.PUBLISHED
        )
        StanceShiftFactory(
            earlier=story.reform, later=statement, analysis=f"{SECRET} shift", status=status
        )
        EndorsementFactory(
            endorser_person=story.harrison,
            endorsed=story.chowdhury,
            note=f"{SECRET} endorsement",
            status=status,
        )
        Correction.objects.create(
            content_type=ContentType.objects.get_for_model(Statement),
            object_id=story.reform.pk,
            what_changed=f"{SECRET} correction",
            reason="Not yet.",
            status=status,
            published_at=datetime.datetime(2025, 7, 9, tzinfo=datetime.UTC),
        )
    # Claims: a draft and an in-review one made by the public 2025 statement, and a
    # published one made by the public 2020 statement and by both unpublished statements.
    for status in (Status.DRAFT, Status.IN_REVIEW):
        claim = Claim.objects.create(wording=f"{SECRET} claim {status}", status=status)
        records[f"claim {status}"] = claim
        if status == Status.DRAFT:
            ClaimAppearance.objects.create(claim=claim, statement=story.reform)
    story.claim = Claim.objects.create(
        wording="Mamdani called for defunding the police.",
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 7, 9, tzinfo=datetime.UTC),
    )
    for statement in (story.defund, records["statement draft"], records["statement in_review"]):
        ClaimAppearance.objects.create(claim=story.claim, statement=statement)
    # A public promise of Mamdani's, with a draft and an in-review status change; and
    # promises that are themselves drafts or in review.
    story.promise = PublishedPromiseFactory(
        person=story.mamdani, topic=story.police_funding, wording="Answer crises with care."
    )
    for status in (Status.DRAFT, Status.IN_REVIEW):
        records[f"promise {status}"] = PromiseFactory(
            person=story.mamdani, topic=story.police_funding, wording=f"{SECRET} promise {status}"
        )
        PromiseStatusChangeFactory(
            promise=story.promise, analysis=f"{SECRET} status change {status}", status=status
        )
    # A person known only from a draft promise is not listed anywhere either.
    PromiseFactory(person=PersonFactory(name="Ghost Promiser", slug="ghost-promiser"))
    # A person and a source known only from a draft are not listed anywhere.
    ghost = PersonFactory(name="Ghost Speaker", slug="ghost-speaker")
    ghost_statement = StatementFactory(
        speaker=ghost, text=f"{SECRET} by a ghost", status=Status.DRAFT
    )
    records["source only cited by a draft"] = CitationFactory(
        statement=ghost_statement, source=SourceFactory(title="Ghost Gazette scoop")
    ).source
    return records


def reader_urls(story) -> list[str]:
    return [
        "/",
        "/search/?q=Mamdani",
        "/search/?q=wants+more+police",
        "/search/?q=Ghost",
        "/search/?q=police",
        "/people/zohran-mamdani/",
        "/people/karam-chowdhury/",
        "/people/rodney-harrison/",
        "/people/zohran-mamdani/police-funding/",
        story.defund.get_absolute_url(),
        story.reform.get_absolute_url(),
        story.fact_check.get_absolute_url(),
        story.article.get_absolute_url(),
        "/topics/police-funding/",
        "/feed/",
        "/sitemap.xml",
        *SECTIONS,
        story.promise.get_absolute_url(),
        story.claim.get_absolute_url(),
        "/promise-tracker/zohran-mamdani/",
        "/promise-tracker/zohran-mamdani/?status=unrated",
    ]


def test_no_page_feed_sitemap_or_search_shows_unpublished_records(client, story, unpublished):
    for url in reader_urls(story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET.encode() not in response.content, url


def test_the_claims_api_shows_anonymous_clients_no_unpublished_record(client, story, unpublished):
    for url in (
        f"/api/v1/claims/{story.claim.pk}/",
        "/api/v1/claims/",
        f"/api/v1/statements/{story.defund.pk}/repeats/",
        f"/api/v1/statements/{story.reform.pk}/repeats/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET.encode() not in response.content, url
        for name in ("statement draft", "statement in_review"):
            assert f"/statements/{unpublished[name].pk}/".encode() not in response.content, url


def test_searching_for_unpublished_words_finds_nothing(client, story, unpublished):
    page = client.get("/search/", {"q": SECRET}).content.decode()
    assert "0 results for" in page
    assert "statement draft" not in page and "check of draft" not in page


def test_unpublished_records_have_no_page(client, story, unpublished):
    for name, record in unpublished.items():
        assert client.get(record.get_absolute_url()).status_code == 404, name


def test_the_sitemap_omits_people_known_only_from_drafts(client, story, unpublished):
    assert b"/people/ghost-speaker/" not in whole_sitemap(client).encode()


def test_the_sitemap_lists_published_claims_only(client, story, unpublished):
    sitemap = whole_sitemap(client)
    assert story.claim.get_absolute_url() in sitemap
    for name in ("claim draft", "claim in_review"):
        assert unpublished[name].get_absolute_url() not in sitemap


def test_staff_see_the_public_pages_too_not_the_drafts(client, story, unpublished, editor):
    """The reader pages show everyone what the public sees; editors preview in the admin."""
    client.force_login(editor)
    for url in reader_urls(story):
        assert SECRET.encode() not in client.get(url).content, url


def test_a_person_known_only_from_drafts_has_no_page_and_no_search_result(
    client, story, unpublished
):
    assert client.get("/people/ghost-speaker/").status_code == 404
    assert client.get("/people/ghost-speaker/police-funding/").status_code == 404
    assert client.get("/promise-tracker/ghost-promiser/").status_code == 404
    assert client.get("/people/ghost-promiser/").status_code == 404
    assert b"Ghost Speaker" not in client.get("/search/", {"q": "Ghost"}).content


def test_a_source_known_only_from_drafts_is_not_found(client, story, unpublished):
    source = unpublished["source only cited by a draft"]
    assert client.get(source.get_absolute_url()).status_code == 404
    assert b"Ghost Gazette" not in client.get("/search/", {"q": "Ghost"}).content
    assert source.get_absolute_url().encode() not in whole_sitemap(client).encode()
