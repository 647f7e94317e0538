"""The stance history's hand-built output equals DRF's field-by-field output.

The stance history builds its points from values (statement_row, selectors.stance_history_rows):
the test renders the same request once that way and once with DRF's generic ModelSerializer
walk over model objects (selectors.stance_history), and compares.
"""

import pytest
from rest_framework import serializers

from claims import selectors
from claims.api import views as api_views
from claims.api.serializers import StanceCitationSerializer, StancePointSerializer
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
    """The response with DRF's generic walk over model objects in place."""
    for serializer in (StancePointSerializer, StanceCitationSerializer):
        monkeypatch.setattr(serializer, "to_representation", GENERIC)
    monkeypatch.setattr(api_views, "stance_history_rows", selectors.stance_history)
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


def test_a_stance_history_reads_the_same_as_field_by_field(anonymous, monkeypatch, statements):
    topic = statements["full"].topic
    path = f"/api/v1/people/subject/stances/{topic.slug}/"
    lean = anonymous.get(path).json()

    citations = [citation for point in lean["points"] for citation in point["citations"]]
    assert len(lean["points"]) == 2 and len(citations) == 4
    assert {citation["snapshot_sha256"] is None for citation in citations} == {True, False}
    assert any(citation["source"]["publisher"] is None for citation in citations)
    assert lean == field_by_field(monkeypatch, anonymous, path)
