"""The API's JSON renderer (orjson) writes byte for byte what DRF's own JSONRenderer writes."""

import datetime
import decimal
import uuid
import zoneinfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from config.renderers import FastJSONRenderer
from tests.factories import (
    CitationFactory,
    PositionFactory,
    PublishedStatementFactory,
    SnapshotFactory,
)

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

VALUES = {
    "plain": {"a": 1, "b": [True, False, None], "c": "text"},
    "unicode": "Zohran Mamdani — “reforming, not defunding” ✓ 🗽 é",
    "javascript line breaks": "one\u2028two\u2029three",
    "control characters": "nul\x00 tab\t newline\n unit\x1f delete\x7f",
    "quotes and slashes": 'say "no" \\ to </script>',
    "big integers": [2**63 - 1, -(2**63), 0, -1],
    "past 64 bits": 2**64,
    "integer keys": {1: "one", 2: "two"},
    "utc moment": datetime.datetime(2025, 6, 24, 9, 30, 5, 123456, tzinfo=datetime.UTC),
    "new york moment": datetime.datetime(2025, 6, 24, 9, 30, tzinfo=NEW_YORK),
    "naive moment": datetime.datetime(2020, 6, 1, 12, 0),
    "date": datetime.date(2020, 6, 1),
    "time": datetime.time(9, 30, 5, 250000),
    "decimal": decimal.Decimal("12.50"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy string": gettext_lazy("This field is required."),
    "tuple": (1, "two", None),
    "serializer output": ReturnDict(
        {"results": ReturnList([{"id": 1}], serializer=None)}, serializer=None
    ),
    "empty": [{}, [], ""],
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_every_kind_of_value_is_written_as_drf_writes_it(value):
    assert FastJSONRenderer().render(value) == JSONRenderer().render(value)


def test_indented_output_is_drfs():
    data = {"a": [1, 2], "b": "c"}
    media_type = "application/json; indent=4"

    rendered = FastJSONRenderer().render(data, media_type, {})

    assert rendered == JSONRenderer().render(data, media_type, {})
    assert b"\n    " in rendered


def test_nothing_renders_as_nothing():
    assert FastJSONRenderer().render(None) == b""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/statements/",
        "/api/v1/statements/{id}/",
        "/api/v1/people/{subject}/stances/",
        "/api/v1/people/{subject}/stances/{topic}/",
        "/api/v1/sources/",
        "/api/v1/statements/?said_on_from=not-a-date",
        "/api/v1/statements/999999999/",
    ],
)
def test_api_responses_are_the_bytes_drf_would_send(anonymous, monkeypatch, path):
    snapshot = SnapshotFactory()
    statement = PublishedStatementFactory(
        text="Defund the police \u2028 — now", position=PositionFactory()
    )
    CitationFactory(statement=statement, source=snapshot.source, snapshot=snapshot)
    path = path.format(id=statement.pk, subject=statement.subject.slug, topic=statement.topic.slug)

    fast = anonymous.get(path)
    monkeypatch.setattr(FastJSONRenderer, "render", JSONRenderer.render)
    drf = anonymous.get(path)

    assert fast.status_code == drf.status_code
    assert fast["Content-Type"] == drf["Content-Type"] == "application/json"
    assert fast.content == drf.content
