"""The hand-built outputs of the hot read paths equal DRF's field-by-field output.

The statements list builds its rows from values (statement_row), and the statement and source
serializers build their dicts directly: each test renders the same request once that way and
once with DRF's generic ModelSerializer walk over model objects (for the list, the
model-object read path), and compares. (The stance history has one read path,
claims.stance_history, and DRF's walk: nothing to compare.)
"""

import pytest
from rest_framework import mixins, serializers

from claims.api.serializers import StatementSerializer
from claims.api.views import StatementViewSet
from claims.models import Statement
from sources.api import SourceSummarySerializer
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    SnapshotFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    """Each request runs its view: the second must not be the first one's stored answer."""
    settings.PUBLIC_RESPONSE_CACHE_SECONDS = 0


GENERIC = serializers.ModelSerializer.to_representation


def field_by_field(monkeypatch, anonymous, path):
    """The response with DRF's generic walk (and model objects for lists) in place."""
    for serializer in (StatementSerializer, SourceSummarySerializer):
        monkeypatch.setattr(serializer, "to_representation", GENERIC)
    monkeypatch.setattr(StatementViewSet, "list", mixins.ListModelMixin.list)
    monkeypatch.setattr(
        StatementViewSet,
        "get_queryset",
        lambda view: Statement.objects.visible_to(view.request.user).for_listing(),
    )
    return anonymous.get(path).json()


@pytest.fixture
def statements():
    """Full and bare statements on one subject and topic, cited in every way a source can be."""
    subject = PersonFactory(slug="subject")
    position = PositionFactory()
    full = PublishedStatementFactory(
        speaker=PersonFactory(),
        speaker_organization=OrganizationFactory(),
        subject=subject,
        topic=position.topic,
        position=position,
        venue="Zoom call with officers",
    )
    bare = PublishedStatementFactory(
        speaker=None, speaker_label="officers on a call", subject=subject, topic=position.topic
    )
    organization_only = PublishedStatementFactory(
        speaker=None, speaker_organization=OrganizationFactory(), subject=subject
    )
    snapshot = SnapshotFactory()
    CitationFactory(statement=full, source=snapshot.source, snapshot=snapshot)
    CitationFactory(statement=bare, source=SourceFactory(publisher=None, url=None))
    return {"full": full, "bare": bare, "organization_only": organization_only}


def test_a_list_of_full_and_bare_statements_reads_the_same_as_field_by_field(
    anonymous, monkeypatch, statements
):
    lean = anonymous.get("/api/v1/statements/").json()

    assert len(lean["results"]) == 3
    assert {row["speaker_display"] for row in lean["results"]} >= {"officers on a call"}
    assert lean == field_by_field(monkeypatch, anonymous, "/api/v1/statements/")


def test_a_filtered_and_searched_list_reads_the_same(anonymous, monkeypatch, statements):
    path = "/api/v1/statements/?subject=subject&ordering=said_on&page_size=2"
    lean = anonymous.get(path).json()

    assert len(lean["results"]) == 2 and lean["next"]
    assert lean == field_by_field(monkeypatch, anonymous, path)


def test_a_statement_detail_keeps_its_citations_and_reads_the_same(
    anonymous, monkeypatch, statements
):
    path = f"/api/v1/statements/{statements['full'].pk}/"
    lean = anonymous.get(path).json()

    assert len(lean["citations"]) == 2
    assert lean == field_by_field(monkeypatch, anonymous, path)


def test_moments_are_shown_in_the_configured_time_zone_as_field_by_field(
    anonymous, monkeypatch, statements, settings
):
    # The list looks the time zone up once per page (LinkBuilder.moment): still the current one.
    settings.TIME_ZONE = "America/New_York"
    lean = anonymous.get("/api/v1/statements/").json()

    assert {row["published_at"] for row in lean["results"]} == {"2025-06-25T20:00:00-04:00"}
    assert lean == field_by_field(monkeypatch, anonymous, "/api/v1/statements/")


def test_links_follow_each_requests_host_and_scheme(anonymous, settings, statements):
    """Link templates are kept per process: one asked for by another host, or over HTTPS
    behind a proxy, must not be served to the next request."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    links = []
    for host, proto in [("testserver", "http"), ("localhost", "http"), ("localhost", "https")]:
        body = anonymous.get(
            "/api/v1/statements/", HTTP_HOST=host, HTTP_X_FORWARDED_PROTO=proto
        ).json()
        links.append(body["results"][0]["url"])

    assert links[0].startswith("http://testserver/api/v1/statements/")
    assert links[1].startswith("http://localhost/api/v1/statements/")
    assert links[2].startswith("https://localhost/api/v1/statements/")
