"""API v1 for claims: the list, one claim with its appearances in order and its ratings, and
a statement's repeats (the claim it makes).

Anonymous clients see published claims, their public statements and the published
fact-checks of those; staff see drafts too.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.response import Response

from claims.api.serializers import (
    EDITORIAL_FIELDS,
    RatingSerializer,
    StatementBriefSerializer,
    TopicSummarySerializer,
)
from claims.api.views import ReadOnlyViewSet, StanceViewMixin
from claims.matching.models import Claim, ClaimAppearance
from claims.models import PUBLIC_STATUSES, FactCheck, Statement
from core.api.base import LinkField
from core.visibility import is_staff


class ClaimRatingSerializer(serializers.ModelSerializer):
    """A fact-check of the claim as one statement made it: "Rated X on <date> when Y said it"."""

    url = LinkField(view_name="factcheck-detail")
    statement = serializers.IntegerField(source="statement_id", read_only=True)
    said_by = serializers.CharField(source="statement.speaker_display", read_only=True)
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = FactCheck
        fields = ["id", "url", "statement", "said_by", "rating", "reviewed_on", "status"]


class ClaimSerializer(serializers.ModelSerializer):
    """What several statements assert, with each statement that makes it and its ratings."""

    url = LinkField(view_name="claim-detail")
    topic = TopicSummarySerializer(read_only=True, allow_null=True)
    first_appearance = serializers.SerializerMethodField(
        help_text="The earliest said statement that makes it; null when none is visible."
    )
    appearances = serializers.SerializerMethodField(
        help_text="The statements that make it, earliest said first."
    )
    ratings = serializers.SerializerMethodField(
        help_text="Fact-checks of the claim as each statement made it, oldest review first."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "wording",
            "topic",
            "first_appearance",
            "appearances",
            "ratings",
            *EDITORIAL_FIELDS,
            "version",
            "updated_at",
        ]

    def _statements(self, claim: Claim) -> list[Statement]:
        return [appearance.statement for appearance in claim.shown_appearances]

    @extend_schema_field(StatementBriefSerializer(allow_null=True))
    def get_first_appearance(self, claim: Claim) -> dict | None:
        statements = self._statements(claim)
        if not statements:
            return None
        return StatementBriefSerializer(statements[0], context=self.context).data

    @extend_schema_field(StatementBriefSerializer(many=True))
    def get_appearances(self, claim: Claim) -> list[dict]:
        return StatementBriefSerializer(
            self._statements(claim), many=True, context=self.context
        ).data

    @extend_schema_field(ClaimRatingSerializer(many=True))
    def get_ratings(self, claim: Claim) -> list[dict]:
        checks = [
            check for statement in self._statements(claim) for check in statement.shown_checks
        ]
        checks.sort(key=lambda check: (check.reviewed_on, check.pk))
        return ClaimRatingSerializer(checks, many=True, context=self.context).data


def claims_for(user):
    """Claims the user may see, with the statements and fact-checks they may see of each.

    Queries: claims, their appearances with statements and speakers, their fact-checks."""
    statements_shown = {} if is_staff(user) else {"statement__status__in": PUBLIC_STATUSES}
    checks = FactCheck.objects.visible_to(user).select_related("rating__scale").order_by("pk")
    appearances = (
        ClaimAppearance.objects.filter(**statements_shown)
        .select_related("statement__speaker", "statement__speaker_organization")
        .prefetch_related(
            Prefetch("statement__fact_checks", queryset=checks, to_attr="shown_checks")
        )
        .order_by("statement__said_on", "statement__pk")
    )
    return (
        Claim.objects.visible_to(user)
        .select_related("topic")
        .prefetch_related(
            Prefetch("appearances", queryset=appearances, to_attr="shown_appearances")
        )
    )


@extend_schema_view(
    list=extend_schema(summary="List claims, each with its appearances and ratings"),
    retrieve=extend_schema(summary="One claim, with its appearances in order and its ratings"),
)
class ClaimViewSet(ReadOnlyViewSet):
    """What several statements assert, whoever says them."""

    serializer_class = ClaimSerializer

    def get_queryset(self):
        return claims_for(self.request.user)


class StatementRepeatsSerializer(serializers.Serializer):
    """The claim a statement makes (null when none), with its other appearances."""

    statement = serializers.IntegerField(help_text="The statement's id.")
    claim = ClaimSerializer(allow_null=True)


class StatementRepeatsView(StanceViewMixin, generics.GenericAPIView):
    """A statement's repeats: the claim it makes and the statements that make it too."""

    serializer_class = StatementRepeatsSerializer

    @extend_schema(
        summary="A statement's repeats: the claim it makes, its appearances and ratings",
        operation_id="statements_repeats_retrieve",
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="A statement id."
            )
        ],
        responses={
            200: StatementRepeatsSerializer,
            304: OpenApiResponse(description="Not modified."),
            404: OpenApiResponse(description="No such statement."),
        },
    )
    def get(self, request, pk: int, **kwargs):
        def render() -> Response:
            statement = get_object_or_404(Statement.objects.visible_to(request.user), pk=pk)
            claim = claims_for(request.user).filter(appearances__statement=statement).first()
            answer = {"statement": statement.pk, "claim": claim}
            return Response(
                StatementRepeatsSerializer(answer, context=self.get_serializer_context()).data
            )

        return self.conditional(request, render)
