"""How claims records look in API v1, and what editors send to write them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils.urls import remove_query_param, replace_query_param

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
from core.api.base import (
    LinkField,
    ModelCleanSerializer,
    PartialDateReadField,
    PartialDateWriteField,
    RecordIdField,
)
from people.api import OrganizationSummarySerializer, PersonSummarySerializer
from people.models import Organization, Person
from sources.api import SourceSummarySerializer
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


class StatementDetailSerializer(StatementSerializer):
    """A statement with the citations that support it."""

    citations = CitationSerializer(many=True, read_only=True)
    repeats_url = LinkField(
        view_name="statement-repeats",
        help_text="The claim this statement makes and the other statements that make it.",
    )

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "citations", "repeats_url"]


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
    position = RecordIdField(
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

    statement = RecordIdField(
        queryset=Statement.objects.all(), help_text="Id of the statement it supports."
    )
    source = RecordIdField(queryset=Source.objects.all(), help_text="Id of the source.")

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
    snapshot_sha256 = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="SHA-256 of the archived copy the excerpt was checked against, if any.",
    )

    class Meta:
        model = Citation
        fields = ["source", "excerpt", "locator", "verification", "snapshot_sha256"]


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


class StanceKindCountSerializer(serializers.Serializer):
    """How many statements of one kind a run holds, and who said them when not the subject."""

    kind = serializers.ChoiceField(choices=Statement.Kind.choices, read_only=True)
    count = serializers.IntegerField(read_only=True)
    speakers = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Who said them, when not the subject (empty for the subject's own words).",
    )


class StanceRunSerializer(serializers.Serializer):
    """Consecutive points at one position: one line of the history's summary."""

    position = PositionSummarySerializer(read_only=True, allow_null=True)
    first_said = PartialDateReadField()
    last_said = PartialDateReadField()
    point_count = serializers.SerializerMethodField()
    first_point = serializers.SerializerMethodField(help_text="Id of the run's first point.")
    last_point = serializers.SerializerMethodField(help_text="Id of the run's last point.")
    kinds = StanceKindCountSerializer(many=True, read_only=True)
    shifts = serializers.SerializerMethodField(
        help_text="Ids of the rated shifts that end on a point of this run."
    )
    summary = serializers.CharField(
        read_only=True,
        help_text='The line as readers see it: "2020: Defund the police, 1 paraphrase".',
    )

    def get_point_count(self, run) -> int:
        return len(run.marks)

    def get_first_point(self, run) -> int:
        return run.marks[0].pk

    def get_last_point(self, run) -> int:
        return run.marks[-1].pk

    def get_shifts(self, run) -> list[int]:
        return [step.shift.pk for step in run.shifts]


class StanceHistorySerializer(serializers.Serializer):
    """A person's statements on one topic: the summary (runs) and the shifts whole, the points
    oldest first, a page at a time."""

    person = PersonSummarySerializer(read_only=True)
    topic = serializers.SerializerMethodField()
    summary = StanceRunSerializer(source="runs", many=True, read_only=True)
    shifts = StanceShiftPointSerializer(many=True, read_only=True)
    point_count = serializers.IntegerField(
        read_only=True, help_text="How many points the whole history has."
    )
    next = serializers.SerializerMethodField(help_text="The next page of points, if any.")
    previous = serializers.SerializerMethodField(help_text="The previous page of points, if any.")
    points = StancePointSerializer(many=True, read_only=True)

    @extend_schema_field(StanceTopicSerializer)
    def get_topic(self, history) -> dict:
        topic = history.topic
        return {
            **TopicSummarySerializer(topic, context=self.context).data,
            "positions": PositionSummarySerializer(history.axis, many=True).data,
        }

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_next(self, history) -> str | None:
        return self._page_link(history.next_cursor)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_previous(self, history) -> str | None:
        if history.previous_cursor is None:
            return None
        if history.start <= history.per_page:
            return remove_query_param(self.context["request"].build_absolute_uri(), "cursor")
        return self._page_link(history.previous_cursor)

    def _page_link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        return replace_query_param(self.context["request"].build_absolute_uri(), "cursor", cursor)


class TopicStanceSerializer(serializers.Serializer):
    """One line of a person's stance summary: a topic and where they stand on it."""

    topic = TopicSummarySerializer(read_only=True)
    latest_position = PositionSummarySerializer(read_only=True, allow_null=True)
    statement_count = serializers.IntegerField(read_only=True)
    first_said = PartialDateReadField()
    last_said = PartialDateReadField()
    history_url = serializers.SerializerMethodField()
    compare_url = serializers.SerializerMethodField(
        help_text="The person on this topic compared (API); add others' slugs to `people`."
    )

    def get_history_url(self, line) -> str:
        return self.context["history_url"](line.topic)

    def get_compare_url(self, line) -> str:
        return self.context["compare_url"](line.topic)


class PersonStancesSerializer(serializers.Serializer):
    """Where a person stands on every topic they spoke or were spoken of on."""

    person = PersonSummarySerializer(read_only=True)
    stances = TopicStanceSerializer(many=True, read_only=True)
