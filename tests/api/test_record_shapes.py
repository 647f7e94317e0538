"""A statement's and a source's JSON, key for key and value for value, in lists and details:
the one shape each serializer defines (and the schema documents)."""

import datetime

import pytest

from claims.models import Statement
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    SnapshotFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

API = "http://testserver/api/v1"


def moment(value: datetime.datetime) -> str:
    """A moment as the API writes it in UTC (the suite's time zone)."""
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


@pytest.fixture
def full():
    """A statement naming everything a statement can name."""
    topic = TopicFactory(name="Police funding", slug="police-funding")
    position = PositionFactory(topic=topic, name="Defund", slug="defund", axis_value=-2)
    return PublishedStatementFactory(
        speaker=PersonFactory(name="Karam Chowdhury", slug="karam-chowdhury"),
        speaker_organization=OrganizationFactory(name="JIBON", slug="jibon", kind="police"),
        subject=PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani"),
        kind=Statement.Kind.CHARACTERIZATION,
        text="He wants to defund the police.",
        said_on=PartialDate(2025, 6),
        venue="Zoom call with officers",
        topic=topic,
        position=position,
        citation=None,
    )


def test_a_statement_naming_everything_reads_as_documented(anonymous, full):
    (row,) = anonymous.get("/api/v1/statements/").json()["results"]

    full.refresh_from_db()
    assert row == {
        "id": full.pk,
        "url": f"{API}/statements/{full.pk}/",
        "speaker": {
            "slug": "karam-chowdhury",
            "name": "Karam Chowdhury",
            "url": f"{API}/people/karam-chowdhury/",
        },
        "speaker_organization": {
            "slug": "jibon",
            "name": "JIBON",
            "kind": "police",
            "url": f"{API}/organizations/jibon/",
        },
        "speaker_label": "",
        "speaker_display": "Karam Chowdhury",
        "subject": {
            "slug": "zohran-mamdani",
            "name": "Zohran Mamdani",
            "url": f"{API}/people/zohran-mamdani/",
        },
        "kind": "characterization",
        "text": "He wants to defund the police.",
        "said_on": {"iso": "2025-06", "precision": "month", "text": "June 2025"},
        "venue": "Zoom call with officers",
        "topic": {
            "slug": "police-funding",
            "name": "Police funding",
            "url": f"{API}/topics/police-funding/",
        },
        "position": {
            "id": full.position_id,
            "slug": "defund",
            "name": "Defund",
            "axis_value": -2,
        },
        "status": "published",
        "published_at": "2025-06-26T00:00:00Z",
        "retracted_at": None,
        "retraction_reason": "",
        "version": full.version,
        "updated_at": moment(full.updated_at),
    }


def test_statements_without_a_named_speaker_are_shown_by_label_or_organization(anonymous):
    subject = PersonFactory()
    PublishedStatementFactory(speaker=None, speaker_label="officers on a call", subject=subject)
    PublishedStatementFactory(
        speaker=None, speaker_organization=OrganizationFactory(name="NYPD"), subject=subject
    )

    rows = anonymous.get("/api/v1/statements/?ordering=id").json()["results"]

    assert [(row["speaker"], row["speaker_display"]) for row in rows] == [
        (None, "officers on a call"),
        (None, "NYPD"),
    ]
    assert [(row["topic"], row["position"]) for row in rows] == [(None, None), (None, None)]
    assert rows[1]["speaker_organization"]["name"] == "NYPD"


def test_a_statement_detail_adds_its_citations_with_their_sources(anonymous, full):
    snapshot = SnapshotFactory(
        source=SourceFactory(
            title="Mamdani and the police",
            url="https://news.example.org/mamdani",
            publisher=OrganizationFactory(
                name="The New York Times", slug="the-new-york-times", kind="news"
            ),
            published_on=PartialDate(2025, 6, 24),
        )
    )
    archived = CitationFactory(
        statement=full, source=snapshot.source, snapshot=snapshot, locator="paragraph 6"
    )
    bare_source = SourceFactory(title="A flyer", url=None, publisher=None, published_on=None)
    bare = CitationFactory(statement=full, source=bare_source, excerpt="Defund.")

    body = anonymous.get(f"/api/v1/statements/{full.pk}/").json()

    archived.refresh_from_db()
    bare.refresh_from_db()
    listed = anonymous.get("/api/v1/statements/").json()["results"][0]
    repeats = f"{API}/statements/{full.pk}/repeats/"
    assert body == {**listed, "citations": body["citations"], "repeats_url": repeats}
    assert list(body) == [*listed, "citations", "repeats_url"]
    assert body["citations"] == [
        {
            "id": archived.pk,
            "url": f"{API}/citations/{archived.pk}/",
            "statement": full.pk,
            "endorsement": None,
            "source": {
                "id": snapshot.source_id,
                "title": "Mamdani and the police",
                "url": f"{API}/sources/{snapshot.source_id}/",
                "web_url": "https://news.example.org/mamdani",
                "publisher": {
                    "slug": "the-new-york-times",
                    "name": "The New York Times",
                    "kind": "news",
                    "url": f"{API}/organizations/the-new-york-times/",
                },
                "kind": "article",
                "published_on": {"iso": "2025-06-24", "precision": "day", "text": "24 June 2025"},
            },
            "excerpt": archived.excerpt,
            "locator": "paragraph 6",
            "verification": "not_found",
            "verified_at": moment(archived.verified_at),
            "snapshot_sha256": snapshot.sha256,
            "updated_at": moment(archived.updated_at),
        },
        {
            "id": bare.pk,
            "url": f"{API}/citations/{bare.pk}/",
            "statement": full.pk,
            "endorsement": None,
            "source": {
                "id": bare_source.pk,
                "title": "A flyer",
                "url": f"{API}/sources/{bare_source.pk}/",
                "web_url": None,
                "publisher": None,
                "kind": "article",
                "published_on": None,
            },
            "excerpt": "Defund.",
            "locator": "",
            "verification": "no_snapshot",
            "verified_at": moment(bare.verified_at),
            "snapshot_sha256": None,
            "updated_at": moment(bare.updated_at),
        },
    ]


def test_moments_are_shown_in_the_configured_time_zone(anonymous, full, settings):
    settings.TIME_ZONE = "America/New_York"

    (row,) = anonymous.get("/api/v1/statements/").json()["results"]

    assert row["published_at"] == "2025-06-25T20:00:00-04:00"


def test_links_follow_each_requests_host_and_scheme(anonymous, settings, full):
    """Links are reversed per request: one asked for by another host, or over HTTPS behind a
    proxy, is never served to the next request."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PUBLIC_RESPONSE_CACHE_SECONDS = 0
    links = []
    for host, proto in [("testserver", "http"), ("localhost", "http"), ("localhost", "https")]:
        body = anonymous.get(
            "/api/v1/statements/", HTTP_HOST=host, HTTP_X_FORWARDED_PROTO=proto
        ).json()
        links.append(body["results"][0]["url"])

    assert links[0].startswith("http://testserver/api/v1/statements/")
    assert links[1].startswith("http://localhost/api/v1/statements/")
    assert links[2].startswith("https://localhost/api/v1/statements/")
