"""How claims records look in API v1, and what editors send to write them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    Citation,
    Correction,
    Endorsement,
    FactCheck,
    Position,
    Rating,
    StanceShift,
    Statement,
    Topic,
)
from people.api import OrganizationSummarySerializer, PersonSummarySerializer
from people.api_base import (
    LinkBuilder,
    LinkField,
    ModelCleanSerializer,
    PartialDateReadField,
    PartialDateWriteField,
    partial_date_as_dict,
)
from people.models import Organization, Person
from sources.api import SourceSummarySerializer, source_summary_row
from sources.models import Source

EDITORIAL_FIELDS = ["status", "published_at", "retracted_at", "retraction_reason"]


class TopicSummarySerializer(serializers.ModelSerializer):
    """A topic as other records name it."""

    url = LinkField(view_name="topic-detail", lookup_field="slug")

    class Meta:
        model = Topic
        fields = ["slug", "name", "url"]


class PositionSerializer(serializers.ModelSerializer):
    """A named stance on a topic and its place on the topic's axis."""

    class Meta:
        model = Position
        fields = ["id", "slug", "name", "axis_value", "description"]


class PositionSummarySerializer(serializers.ModelSerializer):
    """A position as statements name it."""

    class Meta:
        model = Position
        fields = ["id", "slug", "name", "axis_value"]


class TopicSerializer(serializers.ModelSerializer):
    """A subject of public debate, with its positions from one end of the axis to the other."""

    url = LinkField(view_name="topic-detail", lookup_field="slug")
    parent = TopicSummarySerializer(read_only=True, allow_null=True)
    positions = PositionSerializer(many=True, read_only=True)

    class Meta:
        model = Topic
        fields = ["slug", "name", "url", "parent", "description", "positions", "updated_at"]


class CitationSerializer(serializers.ModelSerializer):
    """A source supporting a record: the excerpt, where it is, and whether it was verified."""

    url = LinkField(view_name="citation-detail")
    source = SourceSummarySerializer(read_only=True)
    snapshot_sha256 = serializers.SerializerMethodField(
        help_text="SHA-256 of the archived copy the excerpt was checked against, if any."
    )

    class Meta:
        model = Citation
        fields = [
            "id",
            "url",
            "statement",
            "endorsement",
            "source",
            "excerpt",
            "locator",
            "verification",
            "verified_at",
            "snapshot_sha256",
            "updated_at",
        ]

    def get_snapshot_sha256(self, citation: Citation) -> str | None:
        return citation.snapshot.sha256 if citation.snapshot_id else None


class StatementSerializer(serializers.ModelSerializer):
    """One thing said or done: who said it, whose position it shows, when, where, on what."""

    url = LinkField(view_name="statement-detail")
    speaker = PersonSummarySerializer(read_only=True, allow_null=True)
    speaker_organization = OrganizationSummarySerializer(read_only=True, allow_null=True)
    speaker_display = serializers.CharField(
        read_only=True, help_text="The speaker's name, label or organization, for display."
    )
    subject = PersonSummarySerializer(read_only=True)
    said_on = PartialDateReadField()
    topic = TopicSummarySerializer(read_only=True, allow_null=True)
    position = PositionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "url",
            "speaker",
            "speaker_organization",
            "speaker_label",
            "speaker_display",
            "subject",
            "kind",
            "text",
            "said_on",
            "venue",
            "topic",
            "position",
            *EDITORIAL_FIELDS,
            "version",
            "updated_at",
        ]


def statement_row(row: dict, links: LinkBuilder) -> dict:
    """A statements-list row (Statement.objects.listing_values(), then complete_listing_rows)
    as StatementSerializer shows the statement: the same keys, in the same order, from a
    dict instead of a model. tests/api/test_lean_statements.py holds the two equal."""
    speaker, organization, subject = row["speaker"], row["speaker_organization"], row["subject"]
    topic, position = row["topic"], row["position"]
    return {
        "id": row["id"],
        "url": links.url("statement-detail", "pk", row["id"]),
        "speaker": speaker
        and {
            "slug": speaker["slug"],
            "name": speaker["name"],
            "url": links.url("person-detail", "slug", speaker["slug"]),
        },
        "speaker_organization": organization
        and {
            "slug": organization["slug"],
            "name": organization["name"],
            "kind": organization["kind"],
            "url": links.url("organization-detail", "slug", organization["slug"]),
        },
        "speaker_label": row["speaker_label"],
        "speaker_display": Statement.display_speaker(
            speaker=speaker and speaker["name"],
            label=row["speaker_label"],
            organization=organization and organization["name"],
        ),
        "subject": {
            "slug": subject["slug"],
            "name": subject["name"],
            "url": links.url("person-detail", "slug", subject["slug"]),
        },
        "kind": row["kind"],
        "text": row["text"],
        "said_on": partial_date_as_dict(row["said_on"]),
        "venue": row["venue"],
        "topic": topic
        and {
            "slug": topic["slug"],
            "name": topic["name"],
            "url": links.url("topic-detail", "slug", topic["slug"]),
        },
        "position": position
        and {
            "id": position["id"],
            "slug": position["slug"],
            "name": position["name"],
            "axis_value": position["axis_value"],
        },
        "status": row["status"],
        "published_at": links.moment(row["published_at"]),
        "retracted_at": links.moment(row["retracted_at"]),
        "retraction_reason": row["retraction_reason"],
        "version": row["version"],
        "updated_at": links.moment(row["updated_at"]),
    }


class StatementDetailSerializer(StatementSerializer):
    """A statement with the citations that support it."""

    citations = CitationSerializer(many=True, read_only=True)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "citations"]


class StatementWriteSerializer(ModelCleanSerializer):
    """What an editor sends to draft or change a statement (it stays a draft)."""

    speaker = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the person who said it.",
    )
    speaker_organization = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the organization the speaker spoke for.",
    )
    subject = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the person whose position it shows; defaults to the speaker.",
    )
    said_on = PartialDateWriteField()
    topic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the topic.",
    )
    position = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the position (see the topic's positions).",
    )

    class Meta:
        model = Statement
        fields = list(Statement.EDITABLE_FIELDS)


class CitationWriteSerializer(ModelCleanSerializer):
    """What an editor sends to cite a source for a statement."""

    statement = serializers.PrimaryKeyRelatedField(
        queryset=Statement.objects.all(), help_text="Id of the statement it supports."
    )
    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), help_text="Id of the source."
    )

    class Meta:
        model = Citation
        fields = ["statement", "source", "excerpt", "locator"]


class EndorserSerializer(serializers.Serializer):
    """Who endorsed: a person or an organization."""

    kind = serializers.ChoiceField(choices=["person", "organization"])
    slug = serializers.CharField()
    name = serializers.CharField()


class EndorsementSerializer(serializers.ModelSerializer):
    """An endorser backing, supporting or withdrawing from a person."""

    url = LinkField(view_name="endorsement-detail")
    endorser = serializers.SerializerMethodField()
    endorsed = PersonSummarySerializer(read_only=True)
    endorsed_on = PartialDateReadField()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Endorsement
        fields = [
            "id",
            "url",
            "endorser",
            "endorsed",
            "kind",
            "endorsed_on",
            "note",
            "citations",
            *EDITORIAL_FIELDS,
            "updated_at",
        ]

    @extend_schema_field(EndorserSerializer)
    def get_endorser(self, endorsement: Endorsement) -> dict:
        if endorsement.endorser_person_id:
            person = endorsement.endorser_person
            return {"kind": "person", "slug": person.slug, "name": person.name}
        organization = endorsement.endorser_organization
        return {"kind": "organization", "slug": organization.slug, "name": organization.name}


class RatingSerializer(serializers.ModelSerializer):
    """A rating on a scale, with the scale's best and worst values."""

    scale = serializers.CharField(source="scale.name", read_only=True)

    class Meta:
        model = Rating
        fields = ["slug", "name", "value", "best", "worst", "scale"]


class StatementBriefSerializer(serializers.ModelSerializer):
    """The statement a fact-check or shift rests on, in brief."""

    url = LinkField(view_name="statement-detail")
    speaker_display = serializers.CharField(read_only=True)
    said_on = PartialDateReadField()

    class Meta:
        model = Statement
        fields = ["id", "url", "speaker_display", "text", "said_on"]


class FactCheckSerializer(serializers.ModelSerializer):
    """A rated check of a claim made in a statement."""

    url = LinkField(view_name="factcheck-detail")
    claimreview_url = LinkField(view_name="factcheck-claimreview")
    statement = StatementBriefSerializer(read_only=True)
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = FactCheck
        fields = [
            "id",
            "url",
            "claimreview_url",
            "statement",
            "claim_reviewed",
            "rating",
            "analysis",
            "reviewed_on",
            *EDITORIAL_FIELDS,
            "updated_at",
        ]


class StanceShiftSerializer(serializers.ModelSerializer):
    """A rated change in a subject's position between two statements."""

    url = LinkField(view_name="stanceshift-detail")
    subject = PersonSummarySerializer(read_only=True)
    topic = TopicSummarySerializer(read_only=True)
    earlier = StatementBriefSerializer(read_only=True)
    later = StatementBriefSerializer(read_only=True)

    class Meta:
        model = StanceShift
        fields = [
            "id",
            "url",
            "subject",
            "topic",
            "earlier",
            "later",
            "rating",
            "analysis",
            *EDITORIAL_FIELDS,
            "updated_at",
        ]


class CorrectionSerializer(serializers.ModelSerializer):
    """A public note on a published record: what changed and why."""

    url = LinkField(view_name="correction-detail")
    record_type = serializers.CharField(
        source="content_type.model", read_only=True, help_text="For example statement."
    )
    record_id = serializers.IntegerField(source="object_id", read_only=True)

    class Meta:
        model = Correction
        fields = [
            "id",
            "url",
            "record_type",
            "record_id",
            "what_changed",
            "reason",
            *EDITORIAL_FIELDS,
            "updated_at",
        ]


# --- Stance history ------------------------------------------------------------------------


class StanceCitationSerializer(serializers.ModelSerializer):
    """A citation on a stance-history point: the source, the excerpt, the archived copy's hash."""

    source = SourceSummarySerializer(read_only=True)
    snapshot_sha256 = serializers.SerializerMethodField()

    class Meta:
        model = Citation
        fields = ["source", "excerpt", "locator", "verification", "snapshot_sha256"]

    def get_snapshot_sha256(self, citation: Citation) -> str | None:
        if hasattr(citation, "snapshot_sha256"):  # annotated by selectors.stance_history
            return citation.snapshot_sha256
        return citation.snapshot.sha256 if citation.snapshot_id else None

    def to_representation(self, citation: dict) -> dict:
        """Built from a row of CitationQuerySet.stance_values (selectors.stance_history_rows);
        tests/api/test_lean_statements.py holds it equal to the field-by-field output of the
        model the row was read from."""
        return {
            "source": source_summary_row(
                citation, LinkBuilder.for_context(self.context), prefix="source__"
            ),
            "excerpt": citation["excerpt"],
            "locator": citation["locator"],
            "verification": citation["verification"],
            "snapshot_sha256": citation["snapshot_sha256"],
        }


class StancePointSerializer(serializers.ModelSerializer):
    """One point of a stance history: a statement about the person on the topic."""

    url = LinkField(view_name="statement-detail")
    said_on = PartialDateReadField()
    position = PositionSummarySerializer(read_only=True, allow_null=True)
    speaker = PersonSummarySerializer(read_only=True, allow_null=True)
    speaker_display = serializers.CharField(read_only=True)
    subject = PersonSummarySerializer(read_only=True)
    citations = StanceCitationSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "url",
            "said_on",
            "position",
            "kind",
            "speaker",
            "speaker_display",
            "subject",
            "text",
            "venue",
            "status",
            "retraction_reason",
            "citations",
        ]

    def to_representation(self, point: dict) -> dict:
        """Built from a row of selectors.stance_history_rows, as statement_row builds a list's
        row; tests/api/test_lean_statements.py holds it equal to the field-by-field output."""
        built = statement_row(point, LinkBuilder.for_context(self.context))
        citations = self.fields["citations"].child
        built["citations"] = [citations.to_representation(row) for row in point["citations"]]
        return {name: built[name] for name in self.Meta.fields}


class StanceShiftPointSerializer(serializers.ModelSerializer):
    """A rated shift between two points of the history."""

    url = LinkField(view_name="stanceshift-detail")
    earlier = serializers.IntegerField(source="earlier_id", help_text="Id of the earlier point.")
    later = serializers.IntegerField(source="later_id", help_text="Id of the later point.")
    rating_display = serializers.CharField(source="get_rating_display", read_only=True)

    class Meta:
        model = StanceShift
        fields = [
            "id",
            "url",
            "earlier",
            "later",
            "rating",
            "rating_display",
            "analysis",
            "status",
            "retraction_reason",
        ]


class StanceTopicSerializer(TopicSummarySerializer):
    """The topic of a history, with its axis of positions."""

    positions = PositionSummarySerializer(many=True, read_only=True)

    class Meta(TopicSummarySerializer.Meta):
        fields = [*TopicSummarySerializer.Meta.fields, "positions"]


class StanceHistorySerializer(serializers.Serializer):
    """A person's statements on one topic, oldest first, with the shifts between them."""

    person = PersonSummarySerializer(read_only=True)
    topic = serializers.SerializerMethodField()
    points = StancePointSerializer(many=True, read_only=True)
    shifts = StanceShiftPointSerializer(many=True, read_only=True)

    @extend_schema_field(StanceTopicSerializer)
    def get_topic(self, history) -> dict:
        topic = history.topic
        return {
            **TopicSummarySerializer(topic, context=self.context).data,
            "positions": PositionSummarySerializer(history.axis, many=True).data,
        }


class TopicStanceSerializer(serializers.Serializer):
    """One line of a person's stance summary: a topic and where they stand on it."""

    topic = TopicSummarySerializer(read_only=True)
    latest_position = PositionSummarySerializer(read_only=True, allow_null=True)
    statement_count = serializers.IntegerField(read_only=True)
    first_said = PartialDateReadField()
    last_said = PartialDateReadField()
    history_url = serializers.SerializerMethodField()

    def get_history_url(self, line) -> str:
        return self.context["history_url"](line.topic)


class PersonStancesSerializer(serializers.Serializer):
    """Where a person stands on every topic they spoke or were spoken of on."""

    person = PersonSummarySerializer(read_only=True)
    stances = TopicStanceSerializer(many=True, read_only=True)
