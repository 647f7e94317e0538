"""Filters on the claims lists; every bad value is a 400 naming the parameter."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from claims.models import (
    Citation,
    Endorsement,
    FactCheck,
    Position,
    Rating,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from claims.selectors import search_statements
from core.api.base import (
    LARGEST_ID,
    PartialDateFromFilter,
    PartialDateToFilter,
    RecordIdsFilter,
    SlugsFilter,
    StrictFilterSet,
    visible_records,
)
from people.models import Person
from sources.models import Source

RECORD_ID = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}


def _people(label: str, field_name: str = "") -> SlugsFilter:
    return SlugsFilter(
        # With to_field_name, django-filter compares that attribute: filter on the slug too.
        field_name=f"{field_name}__slug" if field_name else "",
        to_field_name="slug",
        queryset=visible_records(Person.objects),
        label=f"{label} (a person's slug; repeat for any of several).",
        **({} if field_name else {"method": "involving"}),
    )


def _topics(field_name: str = "topic") -> SlugsFilter:
    return SlugsFilter(
        field_name=f"{field_name}__slug",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label="The topic's slug (repeat for any of several).",
    )


class StatementFilter(StrictFilterSet):
    """Filters for the list of statements."""

    q = django_filters.CharFilter(
        method="search",
        label="Full-text search on the text and venue, and on the speaker's and subject's names.",
        max_length=200,
    )
    speaker = _people("Said by", "speaker")
    subject = _people("Showing the position of", "subject")
    person = _people("Said by or about")
    topic = _topics()
    position = SlugsFilter(
        field_name="position__slug",
        to_field_name="slug",
        queryset=Position.objects.all(),
        label="The position's slug (narrow with topic when a slug is used on several topics).",
    )
    kind = django_filters.MultipleChoiceFilter(choices=Statement.Kind.choices)
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, label="Editorial status (the public sees published and retracted)."
    )
    said_after = PartialDateFromFilter(
        field_name="said_on",
        label=(
            "Said on or after the start of this period: 2020, 2025-06 or 2025-06-24. Partial "
            "dates compare by their earliest day, so said_after=2025-06 keeps 2025-06-24 and "
            "2025-06 but not 2025."
        ),
    )
    said_before = PartialDateToFilter(
        field_name="said_on",
        label=(
            "Said on or before the end of this period: 2020, 2025-06 or 2025-06-24. Partial "
            "dates compare by their earliest day, so said_before=2025-06 keeps 2025-06-30, "
            "2025-06 and 2025, but not 2025-07."
        ),
    )
    source = RecordIdsFilter(
        method="citing",
        queryset=visible_records(Source.objects),
        label="Cites this source (its id; repeat for any of several).",
    )

    class Meta:
        model = Statement
        fields = [
            "q",
            "speaker",
            "subject",
            "person",
            "topic",
            "position",
            "kind",
            "status",
            "said_after",
            "said_before",
            "source",
        ]

    def search(self, queryset, name, value):
        return search_statements(value, queryset)

    @extend_schema_field(OpenApiTypes.STR)
    def involving(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(speaker__in=value) | Q(subject__in=value))

    @extend_schema_field(OpenApiTypes.INT)
    def citing(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Citation.objects.filter(source__in=value).values("statement"))


class CitationFilter(StrictFilterSet):
    """Filters for the list of citations."""

    statement = extend_schema_field(RECORD_ID)(
        django_filters.NumberFilter(field_name="statement", min_value=1, max_value=LARGEST_ID)
    )
    source = extend_schema_field(RECORD_ID)(
        django_filters.NumberFilter(field_name="source", min_value=1, max_value=LARGEST_ID)
    )
    verification = django_filters.MultipleChoiceFilter(choices=Citation.Verification.choices)

    class Meta:
        model = Citation
        fields = ["statement", "source", "verification"]


class TopicFilter(StrictFilterSet):
    """Filters for the list of topics."""

    parent = _topics("parent")

    class Meta:
        model = Topic
        fields = ["parent"]


class EndorsementFilter(StrictFilterSet):
    """Filters for the list of endorsements."""

    endorsed = _people("Endorsed", "endorsed")
    endorser = _people("Endorsed by", "endorser_person")
    kind = django_filters.MultipleChoiceFilter(choices=Endorsement.Kind.choices)

    class Meta:
        model = Endorsement
        fields = ["endorsed", "endorser", "kind"]


class FactCheckFilter(StrictFilterSet):
    """Filters for the list of fact-checks."""

    rating = SlugsFilter(
        field_name="rating__slug",
        to_field_name="slug",
        queryset=Rating.objects.all(),
        label="The rating's slug, for example mostly-false (repeat for any of several).",
    )
    person = _people("Checking a statement by or about")
    reviewed_after = django_filters.DateFilter(
        field_name="reviewed_on", lookup_expr="gte", label="Reviewed on or after (YYYY-MM-DD)."
    )
    reviewed_before = django_filters.DateFilter(
        field_name="reviewed_on", lookup_expr="lte", label="Reviewed on or before (YYYY-MM-DD)."
    )

    class Meta:
        model = FactCheck
        fields = ["rating", "person", "reviewed_after", "reviewed_before"]

    @extend_schema_field(OpenApiTypes.STR)
    def involving(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(statement__speaker__in=value) | Q(statement__subject__in=value))


class StanceShiftFilter(StrictFilterSet):
    """Filters for the list of stance shifts."""

    subject = _people("About", "subject")
    topic = _topics()
    rating = django_filters.MultipleChoiceFilter(choices=StanceShift.Rating.choices)

    class Meta:
        model = StanceShift
        fields = ["subject", "topic", "rating"]
