"""REST API v1 for sources: published reads for everyone, draft writes for editors."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions, serializers, viewsets

from core.api.base import (
    CacheHeadersMixin,
    ConditionalDetailMixin,
    LinkField,
    ModelCleanSerializer,
    PartialDateFromFilter,
    PartialDateReadField,
    PartialDateToFilter,
    PartialDateWriteField,
    ReadOrModelPermissions,
    RecordIdField,
    SlugsFilter,
    StrictCharField,
    StrictFilterSet,
    StrictOrderingFilter,
    WriteThenReadMixin,
    visible_records,
)
from people.api import OrganizationSummarySerializer, PersonSummarySerializer
from people.models import Organization, Person
from sources.models import Snapshot, Source
from sources.selectors import search_sources

# --- Serializers ---------------------------------------------------------------------------


class SourceSummarySerializer(serializers.ModelSerializer):
    """A source as citations name it."""

    url = LinkField(view_name="source-detail")
    web_url = serializers.CharField(source="url", read_only=True, allow_null=True)
    publisher = OrganizationSummarySerializer(read_only=True, allow_null=True)
    published_on = PartialDateReadField()

    class Meta:
        model = Source
        fields = ["id", "title", "url", "web_url", "publisher", "kind", "published_on"]


class UpstreamSourceSerializer(serializers.ModelSerializer):
    """The source another one reports through."""

    url = LinkField(view_name="source-detail")
    web_url = serializers.CharField(source="url", read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = ["id", "title", "url", "web_url"]


class SnapshotSerializer(serializers.ModelSerializer):
    """An archived copy of a source: when, what came back, and the SHA-256 of the bytes."""

    class Meta:
        model = Snapshot
        fields = ["fetched_at", "final_url", "http_status", "content_type", "size", "sha256"]


class SourceSerializer(serializers.ModelSerializer):
    """A source: where something was published or said."""

    url = LinkField(view_name="source-detail")
    web_url = serializers.CharField(
        source="url", read_only=True, allow_null=True, help_text="The source's own address."
    )
    publisher = OrganizationSummarySerializer(read_only=True, allow_null=True)
    authors = PersonSummarySerializer(many=True, read_only=True)
    published_on = PartialDateReadField()
    via = UpstreamSourceSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "url",
            "web_url",
            "publisher",
            "authors",
            "kind",
            "published_on",
            "via",
            "updated_at",
        ]


class SourceDetailSerializer(SourceSerializer):
    """A source with its archived copies, newest first."""

    snapshots = SnapshotSerializer(many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "snapshots"]


# What validate_web_address takes, as far as a pattern can say it: http(s), a host name with
# a dot, a path; "" or null for no address. (Django's URLValidator takes some more, such as
# IP addresses; a client sending those is not refused.)
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
WEB_ADDRESS = {
    "type": "string",
    "nullable": True,
    "maxLength": 2000,
    "pattern": rf"^(https?://{_LABEL}(\.{_LABEL})*\.[a-z]{{2,63}}(/[!-~]*)?)?$",
    "description": "http:// or https:// address; stored in canonical form, unique.",
}


@extend_schema_field(WEB_ADDRESS)
class WebAddressField(StrictCharField):
    """A source's web address as a client sends it (the schema says its form)."""


class SourceWriteSerializer(ModelCleanSerializer):
    """What an editor sends to record or change a source."""

    web_url = WebAddressField(
        source="url",
        max_length=2000,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="http:// or https:// address; stored in canonical form, unique.",
    )
    publisher = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the publishing organization.",
    )
    authors = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Person.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the bylines.",
    )
    published_on = PartialDateWriteField(required=False, allow_null=True, allow_blank=True)
    via = RecordIdField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the source this one reports through.",
    )

    class Meta:
        model = Source
        fields = [
            "web_url",
            "title",
            "publisher",
            "authors",
            "kind",
            "published_on",
            "via",
            "notes",
        ]

    def validate_web_url(self, value):
        # No address is stored as NULL (unique), never as an empty string.
        return value or None


# --- Filters -------------------------------------------------------------------------------


class SourceFilter(StrictFilterSet):
    """Filters for the list of sources."""

    q = django_filters.CharFilter(
        method="search", label="Full-text search on titles (or an exact URL).", max_length=500
    )
    publisher = SlugsFilter(
        field_name="publisher__slug",
        to_field_name="slug",
        queryset=visible_records(Organization.objects),
        label="Publisher's slug (repeat for any of several).",
    )
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices)
    published_after = PartialDateFromFilter(
        field_name="published_on", label="Published on or after (2020, 2025-06 or 2025-06-24)."
    )
    published_before = PartialDateToFilter(
        field_name="published_on", label="Published on or before (2020, 2025-06 or 2025-06-24)."
    )

    class Meta:
        model = Source
        fields = ["q", "publisher", "kind", "published_after", "published_before"]

    def search(self, queryset, name, value):
        return search_sources(value, queryset)


class CanChangeSource(ReadOrModelPermissions):
    """Editors change sources only drafts cite; publishers also those public records cite."""

    message = (
        "A public record cites this source: only a publisher may change it, so readers never "
        "see a cited title or link swapped without review."
    )

    def has_object_permission(self, request, view, source):
        if request.method in permissions.SAFE_METHODS:
            return True
        return source.editable_by(request.user)


# --- Views ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List sources"),
    retrieve=extend_schema(summary="One source, with its snapshots"),
    create=extend_schema(
        summary="Record a source (editors)",
        request=SourceWriteSerializer,
        responses={201: SourceDetailSerializer},
        examples=[
            OpenApiExample(
                "A news article",
                request_only=True,
                value={
                    "web_url": "https://www.nytimes.com/2025/06/24/nyregion/example.html",
                    "title": "Mamdani and the Police",
                    "publisher": "the-new-york-times",
                    "kind": "article",
                    "published_on": "2025-06-24",
                },
            )
        ],
    ),
    update=extend_schema(
        summary="Replace a source (editors; send If-Match)",
        request=SourceWriteSerializer,
        responses={200: SourceDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a source (editors; send If-Match)",
        request=SourceWriteSerializer,
        responses={200: SourceDetailSerializer},
    ),
)
class SourceViewSet(
    CacheHeadersMixin, ConditionalDetailMixin, WriteThenReadMixin, viewsets.ModelViewSet
):
    """Articles, interviews, transcripts, videos, posts, polls and documents."""

    serializer_class = SourceSerializer
    detail_serializer_class = SourceDetailSerializer
    write_serializer_class = SourceWriteSerializer
    filterset_class = SourceFilter
    permission_classes = [CanChangeSource]
    filter_backends = [*viewsets.ModelViewSet.filter_backends, StrictOrderingFilter]
    ordering_fields = ["id"]

    def get_queryset(self):
        sources = Source.objects.visible_to(self.request.user).for_listing()
        if self.action == "retrieve":
            return sources.prefetch_related(
                Prefetch("snapshots", queryset=Snapshot.objects.described())
            )
        return sources
