"""REST API v1 for people and organizations: read-only, filterable, searchable."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.api.base import (
    CacheHeadersMixin,
    ConditionalDetailMixin,
    LinkField,
    PartialDateReadField,
    SlugFilter,
    SlugsFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    visible_records,
)
from people.models import Organization, Person, Role

# --- Serializers ---------------------------------------------------------------------------


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person as other records name them."""

    url = LinkField(view_name="person-detail", lookup_field="slug")

    class Meta:
        model = Person
        fields = ["slug", "name", "url"]


class OrganizationSummarySerializer(serializers.ModelSerializer):
    """An organization as other records name it."""

    url = LinkField(view_name="organization-detail", lookup_field="slug")

    class Meta:
        model = Organization
        fields = ["slug", "name", "kind", "url"]


class RoleSerializer(serializers.ModelSerializer):
    """A title a person held, in an organization, between two partial dates."""

    organization = OrganizationSummarySerializer(read_only=True, allow_null=True)
    start = PartialDateReadField()
    end = PartialDateReadField()

    class Meta:
        model = Role
        fields = ["title", "organization", "start", "end", "is_current"]


class PersonSerializer(serializers.ModelSerializer):
    """A person, with the names they go by and the roles they held."""

    url = LinkField(view_name="person-detail", lookup_field="slug")
    aliases = serializers.ListField(
        source="alias_list", child=serializers.CharField(), read_only=True
    )
    roles = RoleSerializer(many=True, read_only=True)
    stances_url = LinkField(view_name="person-stances", lookup_field="slug")

    class Meta:
        model = Person
        fields = [
            "slug",
            "name",
            "url",
            "aliases",
            "description",
            "wikidata_id",
            "roles",
            "stances_url",
            "updated_at",
        ]


class OrganizationSerializer(serializers.ModelSerializer):
    """An organization, with the body it belongs to."""

    url = LinkField(view_name="organization-detail", lookup_field="slug")
    aliases = serializers.ListField(
        source="alias_list", child=serializers.CharField(), read_only=True
    )
    parent = OrganizationSummarySerializer(read_only=True, allow_null=True)
    web_url = serializers.CharField(source="url", read_only=True, help_text="Official website.")

    class Meta:
        model = Organization
        fields = [
            "slug",
            "name",
            "url",
            "kind",
            "aliases",
            "parent",
            "web_url",
            "wikidata_id",
            "updated_at",
        ]


# --- Filters -------------------------------------------------------------------------------


class PersonFilter(StrictFilterSet):
    """Filters for the list of people."""

    q = django_filters.CharFilter(
        method="search", label="Full-text search on names and aliases.", max_length=200
    )
    name = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label="Name contains.", max_length=200
    )
    role = django_filters.CharFilter(
        method="with_role", label="Has held a role whose title contains this.", max_length=200
    )
    organization = SlugsFilter(
        field_name="roles__organization__slug",
        to_field_name="slug",
        queryset=visible_records(Organization.objects),
        distinct=True,
        label="Has held a role in this organization (slug; repeat for any of several).",
    )

    class Meta:
        model = Person
        fields = ["q", "name", "role", "organization"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def with_role(self, queryset, name, value):
        return queryset.filter(pk__in=Role.objects.filter(title__icontains=value).values("person"))


class OrganizationFilter(StrictFilterSet):
    """Filters for the list of organizations."""

    name = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label="Name contains.", max_length=200
    )
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    parent = SlugFilter(
        field_name="parent__slug",
        to_field_name="slug",
        queryset=visible_records(Organization.objects),
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "parent"]


# --- Views ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List people",
        examples=[
            OpenApiExample(
                "A person",
                response_only=True,
                value={
                    "slug": "zohran-mamdani",
                    "name": "Zohran Mamdani",
                    "url": "https://example.org/api/v1/people/zohran-mamdani/",
                    "aliases": ["Mamdani"],
                    "description": "Democratic nominee for Mayor of New York City (2025).",
                    "wikidata_id": "Q96026786",
                    "roles": [],
                    "stances_url": "https://example.org/api/v1/people/zohran-mamdani/stances/",
                    "updated_at": "2025-06-26T12:00:00Z",
                },
            )
        ],
    ),
    retrieve=extend_schema(summary="One person, by slug"),
)
class PersonViewSet(CacheHeadersMixin, ConditionalDetailMixin, viewsets.ReadOnlyModelViewSet):
    """People whose statements or positions are tracked."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    filter_backends = [*viewsets.ReadOnlyModelViewSet.filter_backends, StrictOrderingFilter]
    ordering_fields = ["id"]

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).for_listing()


@extend_schema_view(
    list=extend_schema(summary="List organizations"),
    retrieve=extend_schema(summary="One organization, by slug"),
)
class OrganizationViewSet(CacheHeadersMixin, ConditionalDetailMixin, viewsets.ReadOnlyModelViewSet):
    """Parties, police departments, unions, newsrooms, pollsters and other bodies."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "slug"
    filter_backends = [*viewsets.ReadOnlyModelViewSet.filter_backends, StrictOrderingFilter]
    ordering_fields = ["id"]

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).select_related("parent")
