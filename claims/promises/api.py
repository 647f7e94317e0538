"""API v1 for promises: the list with its filters, one promise, and its status history.

Anonymous clients see public promises and public changes only; a promise's current status
is its latest published change (PromiseQuerySet.with_current_status), for everyone.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from claims.api.serializers import EDITORIAL_FIELDS, TopicSummarySerializer
from claims.api.views import ReadOnlyViewSet
from claims.models import PUBLIC_STATUSES, Topic
from claims.promises.models import Promise, PromiseCitation, PromiseRating, PromiseStatusChange
from claims.promises.selectors import StatusHistory
from core.api.base import (
    LinkBuilder,
    LinkField,
    PartialDateReadField,
    SlugsFilter,
    StrictFilterSet,
    visible_records,
)
from core.visibility import is_staff
from people.api import PersonSummarySerializer
from people.models import Person
from sources.api import SourceSummarySerializer

# --- Serializers ---------------------------------------------------------------------------


RATING_FIELDS = ("slug", "name", "outcome", "order")


class PromiseRatingSerializer(serializers.ModelSerializer):
    """A status on a promise scale, and whether it settles the promise."""

    class Meta:
        model = PromiseRating
        fields = list(RATING_FIELDS)


class PromiseCitationSerializer(serializers.ModelSerializer):
    """A source supporting a promise or a status change, and the statement it reports."""

    source = SourceSummarySerializer(read_only=True)
    statement_url = serializers.SerializerMethodField(
        help_text="The public statement where the promise was made, if any."
    )

    class Meta:
        model = PromiseCitation
        fields = ["id", "source", "statement_url", "excerpt", "locator"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_statement_url(self, citation: PromiseCitation) -> str | None:
        statement = citation.statement
        user = self.context["request"].user
        if statement is None or not (statement.is_public or is_staff(user)):
            return None  # a public promise never reveals a draft statement
        return LinkBuilder.for_context(self.context).url("statement-detail", "pk", statement.pk)


class PromiseStatusChangeSerializer(serializers.ModelSerializer):
    """One change of a promise's status: as of when, which status, why, on what sources."""

    changed_on = PartialDateReadField()
    rating = PromiseRatingSerializer(read_only=True, help_text="The status from this date.")
    citations = PromiseCitationSerializer(many=True, read_only=True)

    class Meta:
        model = PromiseStatusChange
        fields = [
            "id",
            "changed_on",
            "rating",
            "analysis",
            "citations",
            *EDITORIAL_FIELDS,
            "updated_at",
        ]


class PromiseStatusHistorySerializer(serializers.Serializer):
    """A promise's status changes, oldest first, and which one is current."""

    promise = LinkField(view_name="promise-detail", help_text="The promise (API link).")  # its pk
    current = serializers.IntegerField(
        source="current.pk",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The id of its latest published change (its current status); null before any.",
    )
    changes = PromiseStatusChangeSerializer(many=True, read_only=True)


class PromiseSerializer(serializers.ModelSerializer):
    """A pledge by a person, with its current status and whether it is overdue."""

    url = LinkField(view_name="promise-detail")
    status_history_url = LinkField(view_name="promise-status-history")
    person = PersonSummarySerializer(read_only=True)
    topic = TopicSummarySerializer(read_only=True)
    promised_on = PartialDateReadField()
    deadline = PartialDateReadField()
    scale = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    current_status = serializers.SerializerMethodField(
        help_text="Its latest published status change's status; null before any."
    )
    current_status_since = PartialDateReadField(
        source="current_changed_on", help_text="The date of that change; null before any."
    )
    overdue = serializers.SerializerMethodField(
        help_text="Whether the deadline has passed and the promise is still open (not kept, "
        "partly kept or broken)."
    )
    citations = PromiseCitationSerializer(many=True, read_only=True)

    class Meta:
        model = Promise
        fields = [
            "id",
            "url",
            "status_history_url",
            "person",
            "wording",
            "promised_on",
            "topic",
            "deadline",
            "scale",
            "current_status",
            "current_status_since",
            "overdue",
            "citations",
            *EDITORIAL_FIELDS,
            "version",
            "updated_at",
        ]

    def _current(self, promise: Promise) -> PromiseRating | None:
        return self.context["ratings"]().get(promise.current_rating_id)

    @extend_schema_field(PromiseRatingSerializer(allow_null=True))
    def get_current_status(self, promise: Promise) -> dict | None:
        current = self._current(promise)
        # PromiseRatingSerializer's fields, built directly: a serializer per row was most of
        # the list's serializing time.
        return current and {name: getattr(current, name) for name in RATING_FIELDS}

    def get_overdue(self, promise: Promise) -> bool:
        return promise.is_overdue(self._current(promise))


# --- Filters -------------------------------------------------------------------------------


class PromiseFilter(StrictFilterSet):
    """Filters for the list of promises."""

    person = SlugsFilter(
        field_name="person__slug",
        to_field_name="slug",
        # A person only drafts name is unknown to the public here too (core.visibility).
        queryset=visible_records(Person.objects),
        label="Pledged by (a person's slug; repeat for any of several).",
    )
    topic = SlugsFilter(
        field_name="topic__slug",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label="The topic's slug (repeat for any of several).",
    )
    status = SlugsFilter(
        to_field_name="slug",
        queryset=PromiseRating.objects.all(),
        method="current_status_is",
        label="The current status's slug, for example in-the-works (repeat for any of several).",
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="is_overdue",
        label="true: only promises past their deadline and still open; false: the others.",
    )

    class Meta:
        model = Promise
        fields = ["person", "topic", "status", "overdue"]

    @extend_schema_field(OpenApiTypes.STR)
    def current_status_is(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_current_rating([rating.pk for rating in value])

    def is_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue() if value == "true" else queryset.not_overdue()


# --- Views ---------------------------------------------------------------------------------


def _citations():
    return PromiseCitation.objects.select_related("source__publisher", "statement").order_by("pk")


@extend_schema_view(
    list=extend_schema(summary="List promises, with their current statuses"),
    retrieve=extend_schema(summary="One promise"),
)
class PromiseViewSet(ReadOnlyViewSet):
    """What people pledged, each with its current status (its latest published change)."""

    serializer_class = PromiseSerializer
    filterset_class = PromiseFilter

    def get_queryset(self):
        return (
            Promise.objects.visible_to(self.request.user)
            .with_current_status()
            .select_related("person", "topic", "scale")
            .prefetch_related(Prefetch("citations", queryset=_citations()))
        )

    def get_serializer_context(self):
        loaded = {}

        def ratings() -> dict:
            # Every status of every scale (a few dozen rows): one query, only when needed.
            if "all" not in loaded:
                loaded["all"] = PromiseRating.objects.in_bulk()
            return loaded["all"]

        return {**super().get_serializer_context(), "ratings": ratings}

    @extend_schema(
        summary="A promise's status history",
        description=(
            "Its status changes, oldest first (by partial date, then precision), each with its "
            "status, analysis and citations. Anonymous clients see published and retracted "
            "changes; `current` is the latest published one. Not paginated."
        ),
        filters=False,
        responses={
            200: PromiseStatusHistorySerializer,
            304: OpenApiResponse(description="Not modified."),
        },
    )
    @action(detail=True, url_path="status-history", pagination_class=None, filter_backends=[])
    def status_history(self, request, pk=None, **kwargs):
        def render() -> Response:
            promise = self.get_object()
            changes = PromiseStatusChange.objects.visible_to(request.user).filter(promise=promise)
            if not is_staff(request.user):
                changes = changes.filter(promise__status__in=PUBLIC_STATUSES)
            changes = list(
                changes.select_related("rating")
                .prefetch_related(Prefetch("citations", queryset=_citations()))
                .order_by("changed_on", "pk")
            )
            history = StatusHistory(promise=promise, changes=changes)
            context = self.get_serializer_context()
            return Response(PromiseStatusHistorySerializer(history, context=context).data)

        return self.conditional(request, render)
