"""API v1 views for topics, statements, citations, endorsements, fact-checks, shifts,
corrections, stance histories and ClaimReview.

Anonymous clients see only what is public, and never a public record's link to
one that is not (a published fact-check of a draft statement stays hidden).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, permissions, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.api.filters import (
    CitationFilter,
    EndorsementFilter,
    FactCheckFilter,
    StanceShiftFilter,
    StatementFilter,
    TopicFilter,
)
from claims.api.serializers import (
    CitationSerializer,
    CitationWriteSerializer,
    CorrectionSerializer,
    EndorsementSerializer,
    FactCheckSerializer,
    PersonStancesSerializer,
    StanceHistorySerializer,
    StanceShiftSerializer,
    StatementDetailSerializer,
    StatementSerializer,
    StatementWriteSerializer,
    TopicSerializer,
)
from claims.jsonld import claim_review, claim_reviews
from claims.models import (
    Citation,
    Correction,
    EditorialRecord,
    Endorsement,
    FactCheck,
    Position,
    Promise,
    PromiseStatusChange,
    StanceShift,
    Statement,
    Topic,
)
from claims.selectors import stance_summary
from claims.stance_history import POINTS_PER_PAGE, BadPage, stance_history
from core.api.base import (
    CacheHeadersMixin,
    ConditionalDetailMixin,
    ReadOrModelPermissions,
    StrictOrderingFilter,
    WriteThenReadMixin,
)
from core.record_ids import parse_record_id
from core.visibility import get_visible_or_404, is_staff
from people.models import Person


class CanEditRecord(ReadOrModelPermissions):
    """Editors change drafts and records in review; public records only publishers
    (EditorialRecord.editable_by)."""

    def has_object_permission(self, request, view, record):
        if request.method in permissions.SAFE_METHODS:
            return True
        target = record if isinstance(record, EditorialRecord) else view.edited_record(record)
        return target.editable_by(request.user)


class ReadOnlyViewSet(CacheHeadersMixin, ConditionalDetailMixin, viewsets.ReadOnlyModelViewSet):
    """Public reads: cursor-paginated lists, conditional details, cache headers."""

    filter_backends = [*viewsets.ReadOnlyModelViewSet.filter_backends, StrictOrderingFilter]
    ordering_fields = ["id"]


@extend_schema_view(
    list=extend_schema(summary="List topics, with their positions"),
    retrieve=extend_schema(summary="One topic, by slug"),
)
class TopicViewSet(ReadOnlyViewSet):
    """Subjects of public debate and the positions one may take on them."""

    serializer_class = TopicSerializer
    filterset_class = TopicFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Topic.objects.select_related("parent").prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("axis_value", "pk"))
        )


class StatementOrderingFilter(StrictOrderingFilter):
    """Newest first; search results newest said first.

    By id, PostgreSQL would walk the primary key and test every row against the search
    (every row, for a rare word); no index gives said_on order, so it finds the matches
    through the GIN index and sorts only those.
    """

    def get_default_ordering(self, view):
        return ["-said_on"] if view.request.query_params.get("q") else ["-id"]


_STATEMENT_EXAMPLE = {
    "speaker": "karam-chowdhury",
    "subject": "zohran-mamdani",
    "kind": "characterization",
    "text": "He has said he wants to defund the police.",
    "said_on": "2025-06",
    "venue": "Zoom call with officers",
    "topic": "police-funding",
    "position": 1,
}


@extend_schema_view(
    list=extend_schema(summary="List statements"),
    retrieve=extend_schema(summary="One statement, with its citations"),
    create=extend_schema(
        summary="Draft a statement (editors)",
        request=StatementWriteSerializer,
        responses={201: StatementDetailSerializer},
        examples=[
            OpenApiExample("A characterization", request_only=True, value=_STATEMENT_EXAMPLE)
        ],
    ),
    update=extend_schema(
        summary="Replace a draft statement (editors; send If-Match)",
        request=StatementWriteSerializer,
        responses={200: StatementDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a draft statement (editors; send If-Match)",
        request=StatementWriteSerializer,
        responses={200: StatementDetailSerializer},
    ),
)
class StatementViewSet(
    CacheHeadersMixin, ConditionalDetailMixin, WriteThenReadMixin, viewsets.ModelViewSet
):
    """What people said or did; editors draft and change them, publishers publish them."""

    serializer_class = StatementSerializer
    detail_serializer_class = StatementDetailSerializer
    write_serializer_class = StatementWriteSerializer
    filterset_class = StatementFilter
    permission_classes = [CanEditRecord]
    filter_backends = [*viewsets.ModelViewSet.filter_backends, StatementOrderingFilter]
    ordering_fields = ["id", "said_on"]

    def get_queryset(self):
        statements = Statement.objects.visible_to(self.request.user).for_listing()
        if self.action == "list":
            return statements
        return statements.with_citations()


@extend_schema_view(
    list=extend_schema(summary="List citations"),
    retrieve=extend_schema(summary="One citation"),
    create=extend_schema(
        summary="Cite a source for a draft statement (editors)",
        request=CitationWriteSerializer,
        responses={201: CitationSerializer},
    ),
    update=extend_schema(
        summary="Replace a citation (editors; send If-Match)",
        request=CitationWriteSerializer,
        responses={200: CitationSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a citation (editors; send If-Match)",
        request=CitationWriteSerializer,
        responses={200: CitationSerializer},
    ),
)
class CitationViewSet(
    CacheHeadersMixin, ConditionalDetailMixin, WriteThenReadMixin, viewsets.ModelViewSet
):
    """Sources supporting statements and endorsements."""

    serializer_class = CitationSerializer
    write_serializer_class = CitationWriteSerializer
    filterset_class = CitationFilter
    permission_classes = [CanEditRecord]
    filter_backends = [*viewsets.ModelViewSet.filter_backends, StrictOrderingFilter]
    ordering_fields = ["id"]

    def get_queryset(self):
        return Citation.objects.visible_to(self.request.user).with_sources()

    def edited_record(self, citation: Citation) -> EditorialRecord:
        """A citation is part of the record it supports; editing it edits that record."""
        return citation.supported

    def perform_create(self, serializer):
        self._check_statement(serializer.validated_data.get("statement"))
        serializer.save()

    def perform_update(self, serializer):
        self._check_statement(serializer.validated_data.get("statement"))
        serializer.save()

    def _check_statement(self, statement: Statement | None) -> None:
        if statement is not None and not statement.editable_by(self.request.user):
            raise PermissionDenied("You may not change the citations of this statement.")


@extend_schema_view(
    list=extend_schema(summary="List endorsements"),
    retrieve=extend_schema(summary="One endorsement"),
)
class EndorsementViewSet(ReadOnlyViewSet):
    """People and organizations backing, supporting or withdrawing from a person."""

    serializer_class = EndorsementSerializer
    filterset_class = EndorsementFilter

    def get_queryset(self):
        return (
            Endorsement.objects.visible_to(self.request.user)
            .select_related("endorser_person", "endorser_organization", "endorsed")
            .prefetch_related(
                Prefetch(
                    "citations",
                    queryset=Citation.objects.with_sources(),
                )
            )
        )


def _public_fact_checks(user):
    return FactCheck.objects.visible_to(user)


class JSONLDRenderer(JSONRenderer):
    """JSON-LD is JSON with its own media type."""

    media_type = "application/ld+json"
    format = "jsonld"


CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "description": "A schema.org ClaimReview (JSON-LD).",
    "properties": {
        "@context": {"type": "string"},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string"},
        "claimReviewed": {"type": "string"},
        "datePublished": {"type": "string"},
        "author": {"type": "object"},
        "reviewRating": {"type": "object"},
        "itemReviewed": {"type": "object"},
    },
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
    "example": {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/fact-checks/1/",
        "claimReviewed": "Mamdani wants to defund the police.",
        "datePublished": "2025-06-27",
        "author": {"@type": "Organization", "name": "Claim Tracker", "url": "https://example.org/"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 3,
            "bestRating": 6,
            "worstRating": 1,
            "alternateName": "Half True",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Karam Chowdhury"},
            "datePublished": "2025-06",
            "appearance": [],
        },
    },
}


# In the list form the context is said once, on the graph.
CLAIM_REVIEW_IN_GRAPH_SCHEMA = {
    **{key: value for key, value in CLAIM_REVIEW_SCHEMA.items() if key != "example"},
    "required": [name for name in CLAIM_REVIEW_SCHEMA["required"] if name != "@context"],
}


@extend_schema_view(
    list=extend_schema(summary="List fact-checks"),
    retrieve=extend_schema(summary="One fact-check"),
)
class FactCheckViewSet(ReadOnlyViewSet):
    """Rated checks of claims made in statements; each also as schema.org ClaimReview."""

    serializer_class = FactCheckSerializer
    filterset_class = FactCheckFilter

    def get_queryset(self):
        return _public_fact_checks(self.request.user).select_related(
            "statement__speaker", "statement__speaker_organization", "rating__scale"
        )

    @extend_schema(
        summary="One fact-check as schema.org ClaimReview (JSON-LD)",
        operation_id="fact_checks_claimreview_retrieve",
        responses={(200, "application/ld+json"): CLAIM_REVIEW_SCHEMA},
        filters=False,
    )
    def claimreview(self, request, pk=None):
        # An id beyond the column's range names nothing: 404, not an overflow.
        if (fact_check_id := parse_record_id(str(pk))) is None:
            raise Http404

        def render() -> Response:
            fact_check = get_object_or_404(claim_reviews(), pk=fact_check_id)
            return Response(claim_review(fact_check, absolute_url=request.build_absolute_uri))

        return self.conditional(request, render)

    @extend_schema(
        summary="Every published fact-check as ClaimReview (JSON-LD), a page at a time",
        description="The next and previous pages are in the Link header.",
        operation_id="fact_checks_claimreview_list",
        responses={
            (200, "application/ld+json"): {
                "type": "object",
                "properties": {
                    "@context": {"type": "string"},
                    "@graph": {"type": "array", "items": CLAIM_REVIEW_IN_GRAPH_SCHEMA},
                },
                "required": ["@context", "@graph"],
            }
        },
        filters=False,
    )
    def claimreview_list(self, request):
        return self.conditional(request, lambda: self._claim_review_page(request))

    def _claim_review_page(self, request) -> Response:
        page = self.paginate_queryset(claim_reviews())
        reviews = []
        for fact_check in page:
            review = claim_review(fact_check, absolute_url=request.build_absolute_uri)
            del review["@context"]  # said once, on the graph
            reviews.append(review)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (
                ("next", self.paginator.get_next_link()),
                ("prev", self.paginator.get_previous_link()),
            )
            if url
        ]
        headers = {"Link": ", ".join(links)} if links else {}
        return Response({"@context": "https://schema.org", "@graph": reviews}, headers=headers)


@extend_schema_view(
    list=extend_schema(summary="List stance shifts"),
    retrieve=extend_schema(summary="One stance shift"),
)
class StanceShiftViewSet(ReadOnlyViewSet):
    """Rated changes in a subject's position between two statements."""

    serializer_class = StanceShiftSerializer
    filterset_class = StanceShiftFilter

    def get_queryset(self):
        # A statement spoken for an organization alone is shown by the organization's name.
        return (
            StanceShift.objects.visible_to(self.request.user)
            .select_related("subject", "topic", "earlier__speaker", "later__speaker")
            .prefetch_related("earlier__speaker_organization", "later__speaker_organization")
        )


@extend_schema_view(
    list=extend_schema(summary="List corrections"),
    retrieve=extend_schema(summary="One correction"),
)
class CorrectionViewSet(ReadOnlyViewSet):
    """Public notes on published records: what changed and why."""

    serializer_class = CorrectionSerializer

    def get_queryset(self):
        corrections = Correction.objects.visible_to(self.request.user).select_related(
            "content_type"
        )
        # Schema generation runs without a database, and the content types need one.
        if getattr(self, "swagger_fake_view", False) or is_staff(self.request.user):
            return corrections
        return corrections.filter(_on_public_records())


def _on_public_records() -> Q:
    """Corrections whose record is public too (records without a workflow always are)."""
    editorial = [
        Statement,
        Endorsement,
        FactCheck,
        StanceShift,
        Correction,
        Promise,
        PromiseStatusChange,
    ]
    types = ContentType.objects.get_for_models(*editorial)
    condition = ~Q(content_type__in=list(types.values()))
    for model, content_type in types.items():
        condition |= Q(
            content_type=content_type,
            object_id__in=model._default_manager.published().values("pk"),
        )
    return condition


# --- Stance history ------------------------------------------------------------------------


class StanceViewMixin(CacheHeadersMixin):
    """The stance endpoints are not model viewsets: no pagination, no filters."""

    pagination_class = None
    filter_backends = []


class PersonStancesView(StanceViewMixin, generics.GenericAPIView):
    """A person's stance summary."""

    serializer_class = PersonStancesSerializer

    @extend_schema(
        summary="Where a person stands on each topic",
        operation_id="people_stances_list",
        description=(
            "One entry per topic the person spoke on or was spoken of on: the latest position "
            "(of a standing statement: a retracted one places nobody), "
            "the number of statements and the date range. Not paginated (one line per topic). "
            "Answers 304 to If-None-Match with the current ETag."
        ),
        responses={200: PersonStancesSerializer, 304: OpenApiResponse(description="Not modified.")},
    )
    def get(self, request, slug: str, **kwargs):
        def history_url(person: Person, topic: Topic) -> str:
            return reverse(
                "person-stance-history",
                kwargs={"slug": person.slug, "topic_slug": topic.slug},
                request=request,
            )

        def compare_url(person: Person, topic: Topic) -> str:
            url = reverse("topic-compare", kwargs={"slug": topic.slug}, request=request)
            return f"{url}?{urlencode({'people': person.slug})}"

        def render() -> Response:
            person = get_visible_or_404(Person.objects.all(), request.user, slug=slug)
            lines = stance_summary(person=person, user=request.user)
            context = {
                **self.get_serializer_context(),
                "history_url": lambda topic: history_url(person, topic),
                "compare_url": lambda topic: compare_url(person, topic),
            }
            return Response(
                PersonStancesSerializer({"person": person, "stances": lines}, context=context).data
            )

        return self.conditional(request, render)


class StanceHistoryView(StanceViewMixin, generics.GenericAPIView):
    """A person's stance history on a topic."""

    serializer_class = StanceHistorySerializer

    def known_query_parameters(self) -> set[str]:
        return {*super().known_query_parameters(), "cursor"}

    @extend_schema(
        summary="A person's stance history on one topic",
        operation_id="people_stance_history_retrieve",
        description=(
            "The history in short, whole: `summary` lists its runs (consecutive points at one "
            "position, oldest first: dates, position, how many of each kind and who said them "
            "when not the subject) and `shifts` the rated shifts between points. Then `points`, "
            f"oldest first (by partial date, then precision), {POINTS_PER_PAGE} a page: each "
            "with its position on the topic's axis, speaker and subject, text, venue and "
            "citations (source, publisher, snapshot hash). `next` and `previous` link the "
            "neighbouring pages by `cursor`; `point_count` counts the whole history. "
            "Answers 304 to If-None-Match with the current ETag."
        ),
        parameters=[
            OpenApiParameter(
                "cursor",
                str,
                description="Where the page of points starts, from a `next` or `previous` link.",
            )
        ],
        responses={
            200: StanceHistorySerializer,
            304: OpenApiResponse(description="Not modified."),
            404: OpenApiResponse(description="No such person, topic or cursor."),
        },
    )
    def get(self, request, slug: str, topic_slug: str, **kwargs):
        def render() -> Response:
            person = get_visible_or_404(Person.objects.all(), request.user, slug=slug)
            topic = get_object_or_404(Topic.objects.prefetch_related("positions"), slug=topic_slug)
            try:
                history = stance_history(
                    person=person,
                    topic=topic,
                    user=request.user,
                    cursor=request.query_params.get("cursor"),
                )
            except BadPage as error:
                raise NotFound(str(error)) from None
            return Response(
                StanceHistorySerializer(history, context=self.get_serializer_context()).data
            )

        return self.conditional(request, render)
