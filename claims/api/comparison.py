"""API v1: people compared on a topic (claims.comparison), as the comparison page shows them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.api.serializers import (
    PositionSummarySerializer,
    StanceTopicSerializer,
    StatementBriefSerializer,
    TopicSummarySerializer,
)
from claims.api.views import StanceViewMixin
from claims.comparison import (
    MOST_COMPARED,
    ComparedPerson,
    ComparisonError,
    Period,
    TopicComparison,
    people_slugs,
    topic_comparison,
)
from claims.models import Statement, Topic
from core.api.base import LinkBuilder, PartialDateReadField
from people.api import PersonSummarySerializer


class ComparedStatementSerializer(StatementBriefSerializer):
    """A person's latest statement on the topic: its position, kind and who said it."""

    position = PositionSummarySerializer(read_only=True)

    class Meta(StatementBriefSerializer.Meta):
        model = Statement
        fields = [*StatementBriefSerializer.Meta.fields, "kind", "position"]


class PeriodSerializer(serializers.Serializer):
    """A person's statements at one position within one period (a month, or a year)."""

    said_on = PartialDateReadField(help_text="The period: a month (2025-06) or a year (2020).")
    position = PositionSummarySerializer(read_only=True)
    count = serializers.IntegerField(read_only=True, help_text="How many statements.")
    statement_url = serializers.SerializerMethodField(
        help_text="The statement (API), when the period holds only one; else null."
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_statement_url(self, period: Period) -> str | None:
        if period.statement_id is None:
            return None
        return LinkBuilder.for_context(self.context).url(
            "statement-detail", "pk", period.statement_id
        )


class ComparedPersonSerializer(serializers.Serializer):
    """One person compared: their periods in date order and their latest statement."""

    person = PersonSummarySerializer(read_only=True)
    history_url = serializers.SerializerMethodField(
        help_text="The person's whole stance history on the topic (API)."
    )
    latest = ComparedStatementSerializer(
        read_only=True,
        allow_null=True,
        help_text="The latest statement placing the person on the topic; null when none does.",
    )
    periods = PeriodSerializer(many=True, read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_history_url(self, compared: ComparedPerson) -> str:
        return reverse(
            "person-stance-history",
            kwargs={"slug": compared.person.slug, "topic_slug": self.context["topic"].slug},
            request=self.context["request"],
        )


class TopicComparisonSerializer(serializers.Serializer):
    """People's positions on one topic, side by side and over time."""

    topic = serializers.SerializerMethodField()
    period = serializers.ChoiceField(
        choices=["month", "year"],
        read_only=True,
        help_text="What each period is: a month, or a year when someone has more than 48 "
        "months of statements.",
    )
    people = ComparedPersonSerializer(many=True, read_only=True)

    @extend_schema_field(StanceTopicSerializer)
    def get_topic(self, comparison: TopicComparison) -> dict:
        return {
            **TopicSummarySerializer(comparison.topic, context=self.context).data,
            "positions": PositionSummarySerializer(comparison.axis, many=True).data,
        }


class TopicComparisonView(StanceViewMixin, generics.GenericAPIView):
    """People compared on a topic."""

    serializer_class = TopicComparisonSerializer

    def known_query_parameters(self) -> set[str]:
        return {*super().known_query_parameters(), "people"}

    @extend_schema(
        summary="Compare people on a topic",
        operation_id="topics_compare_retrieve",
        description=(
            f"Up to {MOST_COMPARED} people, in the order named: per person, their statements "
            "on the topic counted per period (month, or year for long histories) and position, "
            "in date order, and their latest statement with its position. Only published "
            "statements for anonymous clients; retracted statements place nobody. "
            "400 when `people` names nobody, more than six, someone twice, or someone unknown. "
            "Answers 304 to If-None-Match with the current ETag."
        ),
        parameters=[
            OpenApiParameter(
                "people",
                # 1 to MOST_COMPARED slugs, comma-separated: an empty list is refused.
                {
                    "type": "string",
                    "pattern": rf"^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+){{0,{MOST_COMPARED - 1}}}$",
                },
                OpenApiParameter.QUERY,
                required=True,
                description=f"1 to {MOST_COMPARED} person slugs, separated by commas (or the "
                "parameter repeated).",
            )
        ],
        responses={
            200: TopicComparisonSerializer,
            304: OpenApiResponse(description="Not modified."),
        },
    )
    def get(self, request, slug: str, **kwargs):
        def render() -> Response:
            topic = get_object_or_404(Topic.objects.prefetch_related("positions"), slug=slug)
            try:
                slugs = people_slugs(request.query_params.getlist("people"))
                comparison = topic_comparison(topic=topic, slugs=slugs, user=request.user)
            except ComparisonError as error:
                raise serializers.ValidationError({"people": [str(error)]}) from None
            context = {**self.get_serializer_context(), "topic": topic}
            return Response(TopicComparisonSerializer(comparison, context=context).data)

        return self.conditional(request, render)
