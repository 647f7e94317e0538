"""The statement serializer's hand-built output equals DRF's field-by-field output."""

import pytest
from rest_framework import serializers

from claims.api.serializers import StatementSerializer
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
)

pytestmark = pytest.mark.django_db


def field_by_field(monkeypatch, anonymous, path):
    """The response with DRF's generic ModelSerializer.to_representation in place."""
    monkeypatch.setattr(
        StatementSerializer, "to_representation", serializers.ModelSerializer.to_representation
    )
    return anonymous.get(path).json()


def test_a_list_of_full_and_bare_statements_reads_the_same_as_field_by_field(
    anonymous, monkeypatch
):
    PublishedStatementFactory(
        speaker=PersonFactory(),
        speaker_organization=OrganizationFactory(),
        position=PositionFactory(),
        venue="Zoom call with officers",
    )
    PublishedStatementFactory(
        speaker=None, speaker_label="officers on a call", subject=PersonFactory()
    )
    lean = anonymous.get("/api/v1/statements/").json()

    assert len(lean["results"]) == 2
    assert lean == field_by_field(monkeypatch, anonymous, "/api/v1/statements/")


def test_a_statement_detail_keeps_its_citations_and_reads_the_same(anonymous, monkeypatch):
    statement = PublishedStatementFactory(position=PositionFactory())
    path = f"/api/v1/statements/{statement.pk}/"
    lean = anonymous.get(path).json()

    assert len(lean["citations"]) == 1
    assert lean == field_by_field(monkeypatch, anonymous, path)
