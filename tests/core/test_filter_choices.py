"""What a filtered request builds: choices only for the filters it names, conditions once.

The visible-records condition of a person, organization or source nests the conditions of
every public record that may name it; building it was most of a filtered request's work.
"""

import pytest
from django.test import RequestFactory

from claims.api.filters import StatementFilter
from claims.models import Statement
from core.visibility import named_publicly
from people.models import Person
from sources.models import Source
from tests.factories import PublishedStatementFactory, StatementFactory

pytestmark = pytest.mark.django_db


def statement_filter(query: dict) -> StatementFilter:
    request = RequestFactory().get("/api/v1/statements/", query)
    request.user = None
    return StatementFilter(request.GET, queryset=Statement.objects.all(), request=request)


def test_a_filter_the_request_does_not_name_gets_no_choices():
    filterset = statement_filter({"q": "housing"})
    speakers = filterset.filters["speaker"].queryset
    assert not callable(speakers)
    assert speakers.model is Person and speakers.query.is_empty()
    assert filterset.is_valid()


def test_a_named_filter_still_chooses_among_the_visible_records():
    statement = PublishedStatementFactory()
    assert statement_filter({"speaker": statement.speaker.slug}).is_valid()
    draft_only = StatementFactory().speaker  # a draft: its speaker is not public
    refused = statement_filter({"speaker": draft_only.slug})
    assert not refused.is_valid()
    assert "speaker" in refused.errors


@pytest.mark.parametrize("model", [Person, Source])
def test_the_public_condition_is_built_once_per_model(model):
    assert named_publicly(model) is named_publicly(model)
