"""What was said, by whom, about whom, on which topic; and how it was rated.

Statement, FactCheck, StanceShift, Endorsement and Correction go through the
editorial workflow (draft -> in review -> published -> retracted). Published
records are never deleted; they are retracted with a reason and stay visible.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, Expression, F, OuterRef, Q
from django.db.models.expressions import Col
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.partial_dates import PartialDate, PartialDateField, validate_not_in_the_future
from core.plain_text import LengthLimit, validate_multiline_text, validate_one_line
from core.visibility import is_staff, public_when
from people.models import Organization, Person
from sources.models import Snapshot, Source


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


PUBLIC_STATUSES = (Status.PUBLISHED, Status.RETRACTED)
NON_PUBLIC = tuple(status for status in Status if status not in PUBLIC_STATUSES)


class PublishedRecordError(Exception):
    """Raised on an attempt to delete a record that has been public."""


class EditorialQuerySet(models.QuerySet):
    def published(self):
        """Records a reader may see: published, and retracted ones (shown as retracted)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def live(self):
        """Published and not retracted."""
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What the public may see: published (or retracted) records, of which every record
        they reveal is public too (the model's `reveals`: a public shift must not point at a
        draft statement, nor a fact-check rate one). The one place each such rule is written."""
        revealed = {f"{name}__status__in": PUBLIC_STATUSES for name in self.model.reveals}
        return self.filter(status__in=PUBLIC_STATUSES, **revealed)

    def standing(self):
        """Public and not retracted (what counts in a scorecard or a ClaimReview)."""
        return self.public().filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff; only what is public for everyone else."""
        if is_staff(user):
            return self
        return self.public()

    def delete(self):
        if self.filter(status__in=PUBLIC_STATUSES).exists():
            raise PublishedRecordError(
                "Published records cannot be deleted; retract them with a reason instead."
            )
        return super().delete()

    delete.queryset_only = True


class EditorialRecord(TimestampedModel):
    """A record that goes through draft, review, publication and retraction."""

    # The editorial records this one shows to whoever sees it (relation names): it is public
    # only while they are too (EditorialQuerySet.public).
    reveals: tuple[str, ...] = ()

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(
        blank=True, editable=False, help_text="Why it was retracted; shown to readers."
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last submitted for review."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        # The record outlives the account; the audit log keeps the name.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last submitted it for review: the editor it goes back to.",
    )
    return_note = models.TextField(
        blank=True,
        editable=False,
        validators=[validate_multiline_text],
        help_text="What a publisher asked its editor to change; cleared when it is submitted again.",
    )
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        # As for submitted_by.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EditorialQuerySet.as_manager()

    # What the workflow sets, rather than an editor: not a change to the record's content.
    WORKFLOW_FIELDS = frozenset(
        {
            "id",
            "status",
            "published_at",
            "retracted_at",
            "retraction_reason",
            "submitted_at",
            "submitted_by_id",
            "return_note",
            "returned_at",
            "returned_by_id",
            "version",
            "created_at",
            "updated_at",
        }
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_retracted(self) -> bool:
        return self.status == Status.RETRACTED

    @property
    def affects_public_content(self) -> bool:
        """Whether a change to it may show to the public (core.revisions): once published.
        A published record never goes back to draft (retracted stays public); published_at
        is checked too, so one forced back would still count."""
        return self.is_public or self.published_at is not None

    def delete(self, *args, **kwargs):
        if self.is_public:
            raise PublishedRecordError(
                f"This {self._meta.verbose_name} has been published and cannot be deleted; "
                "retract it with a reason instead."
            )
        return super().delete(*args, **kwargs)

    def publication_problems(self) -> list[str]:
        """What keeps this record from being published (none by default)."""
        return []

    def rule_problems(self) -> list[str]:
        """The record's own rules (full_clean), checked again at publication: a record saved
        before a rule existed, or by a path that skipped it, is not published against it."""
        try:
            self.full_clean(validate_unique=False)
        except ValidationError as error:
            return [
                message if name == NON_FIELD_ERRORS else f"{self._field_label(name)}: {message}"
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        return []

    def _field_label(self, name: str) -> str:
        try:
            return str(self._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:
            return name

    @property
    def is_returned(self) -> bool:
        """Sent back to its editor with a note, and not submitted again since."""
        return self.status == Status.DRAFT and bool(self.return_note)

    def made_or_last_changed_by(self, user) -> bool:
        """Whether the user created this record or made the latest change to its content (a
        workflow step, or a save that changed nothing, is not a change): read from its history."""
        entries = list(self.history.order_by("history_date", "history_id"))
        if not entries or user is None:
            return False
        if entries[0].history_type == "+" and entries[0].history_user_id == user.pk:
            return True
        content = [
            field.attname
            for field in self._meta.concrete_fields
            if field.attname not in self.WORKFLOW_FIELDS
        ]
        for older, newer in zip(reversed(entries[:-1]), reversed(entries[1:]), strict=True):
            if any(getattr(older, name) != getattr(newer, name) for name in content):
                return newer.history_user_id == user.pk
        return False

    def publishable_by(self, user) -> bool:
        """Whether the user may publish and retract this record (publishers only)."""
        meta = self._meta
        return bool(
            user and user.is_active and user.has_perm(f"{meta.app_label}.publish_{meta.model_name}")
        )

    def editable_by(self, user) -> bool:
        """Editors change drafts and records in review; only publishers change public ones."""
        meta = self._meta
        if not (
            user and user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        ):
            return False
        return not self.is_public or self.publishable_by(user)


class Topic(TimestampedModel):
    """A subject of public debate, optionally nested (Public safety > Police funding)."""

    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; unique.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # Removing a parent topic lifts its children to the top level.
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.parent} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("topic-detail", kwargs={"slug": self.slug})


class Position(TimestampedModel):
    """A named stance on a topic, placed on the topic's axis for drawing timelines."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="positions")
    name = models.CharField(
        max_length=200,
        validators=[validate_one_line],
        help_text="For example: Defund the police.",
    )
    slug = models.SlugField(max_length=200, help_text="Unique within the topic.")
    axis_value = models.IntegerField(
        help_text="Place on the topic's axis, for example -2 (defund) to +2 (expand)."
    )
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "axis_value"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="position_slug_unique_in_topic"),
            models.CheckConstraint(
                condition=Q(axis_value__gte=-100, axis_value__lte=100),
                name="position_axis_value_range",
                violation_error_message="The axis value must be between -100 and 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.axis_value:+d})"

    def choice_label(self) -> str:
        """How a list of choices names it: with its topic (read the topic with it)."""
        return f"{self.topic.name}: {self.name} ({self.axis_value:+d})"


class StatementSearchDocument(Expression):
    """A statement's stored full-text document: text and venue as an English tsvector.

    A generated column on PostgreSQL only (claims.0009_statement_search_document), with the
    GIN index; no model field, so no SELECT, form, history or archive carries it. As a
    column of the query's own statements table it survives the relabelling of subqueries.
    """

    output_field = SearchVectorField()
    _column = SearchVectorField()
    _column.set_attributes_from_name("search_document")

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), self._column)


class StatementQuerySet(EditorialQuerySet):
    def by_speaker(self, person: Person):
        return self.filter(speaker=person)

    def by_subject(self, person: Person):
        return self.filter(subject=person)

    def involving(self, person: Person):
        """Statements a person made or that are about them."""
        return self.filter(Q(speaker=person) | Q(subject=person))

    def for_listing(self):
        """Everything a list of statements shows, in a fixed number of queries.

        Three joins and two small lookups rather than five joins: PostgreSQL's planning time
        grows steeply with each LEFT JOIN, more than the two extra round trips cost
        (docs/bench.md).
        """
        return self.select_related("speaker", "subject", "topic").prefetch_related(
            "speaker_organization", "position"
        )

    def with_citations(self):
        return self.prefetch_related(
            models.Prefetch(
                "citations",
                queryset=Citation.objects.with_sources("source__via__publisher").order_by("pk"),
            )
        )


# Long enough for any quote or paraphrase; short enough to stay one statement on a page.
STATEMENT_TEXT_LIMIT = 4000
# A citation's excerpt is the passage that supports the record, not the source's full text.
EXCERPT_LIMIT = 4000


class Statement(EditorialRecord, VersionedModel):
    """One thing said or done: by a speaker, showing a subject's position."""

    class Kind(models.TextChoices):
        QUOTE = "quote", "Verbatim quote"
        PARAPHRASE = "paraphrase", "Paraphrase"
        CHARACTERIZATION = "characterization", "Characterization by another person"
        ACTION = "action", "Action or policy proposal"
        ENDORSEMENT = "endorsement", "Endorsement"

    speaker = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        # A person who has said things on the record cannot vanish from under them.
        on_delete=models.PROTECT,
        related_name="statements_made",
        help_text="Who said it. Leave empty for an unnamed speaker and describe them below.",
    )
    speaker_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        # As for speaker: the record must keep who spoke.
        on_delete=models.PROTECT,
        related_name="statements_made",
        help_text="The organization the speaker spoke for, or that spoke itself.",
    )
    speaker_label = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_one_line],
        help_text="Who spoke, when no named person did (for example: officers on a Zoom call).",
    )
    subject = models.ForeignKey(
        Person,
        # The subject's stance history rests on this row.
        on_delete=models.PROTECT,
        related_name="statements_about",
        help_text="Whose position this shows. Defaults to the speaker.",
        blank=True,
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUOTE)
    text = models.TextField(
        validators=[
            validate_multiline_text,
            LengthLimit(
                STATEMENT_TEXT_LIMIT, advice="enter the passage that matters, or split it up"
            ),
        ],
        help_text="The words (for a quote, exactly as said).",
    )
    said_on = PartialDateField(
        validators=[validate_not_in_the_future],
        help_text="When it was said, no more precisely than known: 2020, 2025-06 or 2025-06-24.",
    )
    venue = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_one_line],
        help_text="Where: an interview, event or call.",
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        # Topics in use are kept; merge them instead of deleting.
        on_delete=models.PROTECT,
        related_name="statements",
    )
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        # As for topic.
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The stance it expresses on the topic, if any.",
    )

    # What editors enter: the admin form, the API serializer, CSV/JSON import and seed files.
    EDITABLE_FIELDS = (
        "speaker",
        "speaker_organization",
        "speaker_label",
        "subject",
        "kind",
        "text",
        "said_on",
        "venue",
        "topic",
        "position",
    )

    objects = StatementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-said_on", "-pk"]
        permissions = [
            ("publish_statement", "Can publish and retract statements"),
        ]
        indexes = [
            models.Index(fields=["subject", "topic", "said_on"], name="statement_stance_history"),
            models.Index(fields=["status", "-id"], name="statement_status_id"),
            # Search results newest said first: for a common word, the newest matches are
            # found walking this index (claims.models.StatementQuerySet.search).
            models.Index(fields=["-said_on", "-id"], name="statement_said_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False)
                | Q(speaker_organization__isnull=False)
                | ~Q(speaker_label=""),
                name="statement_has_a_speaker",
                violation_error_message="Name the speaker, their organization, or describe them.",
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(topic__isnull=False),
                name="statement_position_needs_topic",
                violation_error_message="A position needs its topic.",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"{self.speaker_display}: {text}"

    def get_absolute_url(self) -> str:
        return reverse("statement-detail", kwargs={"pk": self.pk})

    def get_preview_url(self) -> str:
        """The reader page of this statement as a draft, for staff (claims.views)."""
        return reverse("statement-preview", kwargs={"pk": self.pk})

    def choice_label(self) -> str:
        """How a list of choices names it: date, kind and first words."""
        words = self.text if len(self.text) <= 60 else self.text[:59].rstrip() + "…"
        return f"{self.said_on} · {self.get_kind_display()} · {words}"

    def clean(self) -> None:
        if self.subject_id is None and self.speaker_id is not None:
            self.subject_id = self.speaker_id
        errors = {}
        if self.subject_id is None:
            errors["subject"] = (
                "Choose whose position this shows (the speaker, if they spoke of themselves)."
            )
        if not (self.speaker_id or self.speaker_organization_id or self.speaker_label.strip()):
            errors["speaker"] = "Name the speaker, their organization, or describe them."
        if (
            self.kind == self.Kind.CHARACTERIZATION
            and self.subject_id is not None
            and self.subject_id == self.speaker_id
        ):
            errors["subject"] = (
                "A characterization by another person shows someone else's position: choose "
                "whose position the speaker describes (not the speaker). For the speaker's "
                "own stance, choose another kind."
            )
        if self.position_id and self.topic_id and self.position.topic_id != self.topic_id:
            errors["position"] = f"This position belongs to another topic than “{self.topic}”."
        if self.position_id and not self.topic_id:
            self.topic_id = self.position.topic_id
        if self.pk:
            for name, message in self.stance_shift_problems().items():
                errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.subject_id is None and self.speaker_id is not None:
            self.subject_id = self.speaker_id
        if self.position_id and not self.topic_id:
            self.topic_id = self.position.topic_id
        super().save(*args, **kwargs)

    @property
    def speaker_display(self) -> str:
        # The organization is read only when it is what names the speaker: lists that load
        # the speaker but not the organization ran a query per statement spoken for one.
        speaker = self.speaker.name if self.speaker_id else None
        by_organization = not (speaker or self.speaker_label) and self.speaker_organization_id
        return self.display_speaker(
            speaker=speaker,
            label=self.speaker_label,
            organization=str(self.speaker_organization) if by_organization else None,
        )

    @staticmethod
    def display_speaker(*, speaker: str | None, label: str, organization: str | None) -> str:
        """Who to show as the speaker: the person, else the label, else the organization."""
        return speaker or label or organization or "Unknown"

    @property
    def is_about_someone_else(self) -> bool:
        return self.subject_id != self.speaker_id

    def stance_shift_problems(self) -> dict[str, str]:
        """What this version of the statement would break in the stance shifts resting on it.

        The same rules as StanceShift.clean (and the database triggers of
        claims.0002_stance_shift_triggers), seen from the statement's side.
        """
        problems: dict[str, str] = {}
        shifts = StanceShift.objects.filter(Q(earlier_id=self.pk) | Q(later_id=self.pk))
        for shift in shifts.select_related("subject", "topic", "earlier", "later"):
            rests_on = f"The stance shift “{shift}” rests on this statement"
            if self.subject_id != shift.subject_id:
                problems.setdefault(
                    "subject", f"{rests_on}, so its subject must stay {shift.subject}."
                )
            if self.topic_id != shift.topic_id:
                problems.setdefault("topic", f"{rests_on}, so its topic must stay “{shift.topic}”.")
            if not isinstance(self.said_on, PartialDate):
                continue  # not a date yet: its own field error says so
            if shift.earlier_id == self.pk and not self.said_on.may_precede(shift.later.said_on):
                problems.setdefault(
                    "said_on",
                    f"{rests_on} as the earlier statement, so it cannot be dated after "
                    f"the later one ({shift.later.said_on}).",
                )
            if shift.later_id == self.pk and not shift.earlier.said_on.may_precede(self.said_on):
                problems.setdefault(
                    "said_on",
                    f"{rests_on} as the later statement, so it cannot be dated before "
                    f"the earlier one ({shift.earlier.said_on}).",
                )
        return problems

    def publication_problems(self) -> list[str]:
        if not self.citations.exists():
            return ["A statement needs at least one citation before it can be published."]
        return []


class CitationQuerySet(models.QuerySet):
    def public(self):
        """Citations of public statements and endorsements: what readers may see of them."""
        return self.filter(
            Q(statement__status__in=PUBLIC_STATUSES) | Q(endorsement__status__in=PUBLIC_STATUSES)
        )

    def visible_to(self, user):
        return self if is_staff(user) else self.public()

    def with_sources(self, *related: str):
        """Citations with their source, its publisher and the archived copy they were checked
        against (and any `related` paths), as pages and the API show them: the copy without
        its text (Snapshot.UNSHOWN)."""
        unshown = (f"snapshot__{name}" for name in Snapshot.UNSHOWN)
        return self.select_related("source__publisher", "snapshot", *related).defer(*unshown)

    def quotes_not_found(self):
        return self.filter(verification=Citation.Verification.NOT_FOUND)


class Citation(TimestampedModel):
    """Links a statement (or an endorsement) to the source that supports it."""

    class Verification(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked"
        FOUND = "found", "Found in source"
        NOT_FOUND = "not_found", "Not found in source"
        NO_SNAPSHOT = "no_snapshot", "No archived copy"

    @property
    def affects_public_content(self) -> bool:
        """Whether a change to it may show to the public (core.revisions): when the record it
        supports was ever published, as stored (an object in memory may be out of date)."""
        if self.statement_id:
            records = Statement._base_manager.filter(pk=self.statement_id)
        elif self.endorsement_id:
            records = Endorsement._base_manager.filter(pk=self.endorsement_id)
        else:
            return True
        # Gone (deleted with its record) counts as shown: the safe answer.
        return not records.filter(status__in=NON_PUBLIC, published_at=None).exists()

    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    endorsement = models.ForeignKey(
        "Endorsement", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source,
        # A source that supports a record cannot be deleted out from under it.
        on_delete=models.PROTECT,
        related_name="citations",
    )
    excerpt = models.TextField(
        validators=[
            validate_multiline_text,
            LengthLimit(EXCERPT_LIMIT, advice="quote only the passage that supports the record"),
        ],
        help_text="The passage of the source that supports the record.",
    )
    locator = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text="Where in the source: paragraph 6, 12:30, page 4.",
    )
    verification = models.CharField(
        max_length=20,
        choices=Verification.choices,
        default=Verification.UNCHECKED,
        editable=False,
        help_text="Whether the quote was found in the latest archived copy.",
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    snapshot = models.ForeignKey(
        Snapshot,
        null=True,
        blank=True,
        editable=False,
        # Checked against this copy; if the copy goes, the check result goes stale, not the citation.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    found_at = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Character offset in the snapshot text."
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(statement__isnull=False, endorsement__isnull=True)
                | Q(statement__isnull=True, endorsement__isnull=False),
                name="citation_supports_exactly_one_record",
                violation_error_message="A citation supports exactly one statement or endorsement.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.excerpt[:60]}"


class QuoteNotFound(Citation):
    """A citation whose quote was not found in its source's latest archived copy (for the admin)."""

    class Meta:
        proxy = True
        verbose_name = "quote not found in its source"
        verbose_name_plural = "quotes not found in their source"


class Endorsement(EditorialRecord):
    """An endorser (person or organization) backing, supporting or withdrawing from a person."""

    class Kind(models.TextChoices):
        ENDORSEMENT = "endorsement", "Endorsement"
        SUPPORT = "support", "Support"
        WITHDRAWAL = "withdrawal", "Withdrawal"

    endorser_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        # Endorsements on the record keep their endorser.
        on_delete=models.PROTECT,
        related_name="endorsements_given",
    )
    endorser_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        # As above.
        on_delete=models.PROTECT,
        related_name="endorsements_given",
    )
    endorsed = models.ForeignKey(
        Person,
        # As above.
        on_delete=models.PROTECT,
        related_name="endorsements_received",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ENDORSEMENT)
    endorsed_on = PartialDateField(
        null=True, blank=True, validators=[validate_not_in_the_future], help_text="When, if known."
    )
    note = models.TextField(
        blank=True, validators=[validate_multiline_text], help_text="Context, for readers."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-endorsed_on", "-pk"]
        permissions = [("publish_endorsement", "Can publish and retract endorsements")]
        constraints = [
            models.CheckConstraint(
                condition=Q(endorser_person__isnull=False, endorser_organization__isnull=True)
                | Q(endorser_person__isnull=True, endorser_organization__isnull=False),
                name="endorsement_has_exactly_one_endorser",
                violation_error_message="An endorsement has exactly one endorser: a person or an organization.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.endorser} → {self.endorsed} ({self.get_kind_display()})"

    @property
    def endorser(self):
        return self.endorser_person or self.endorser_organization

    def clean(self) -> None:
        if bool(self.endorser_person_id) == bool(self.endorser_organization_id):
            message = "Choose exactly one endorser: a person or an organization, not both."
            raise ValidationError({"endorser_person": message, "endorser_organization": message})


# The people, organizations and sources public statements and endorsements name or cite
# (core.visibility): everything else they refer to stays with staff.
def _public_citations():
    return Citation.objects.public()


public_when(
    Person,
    lambda: (
        Exists(Statement.objects.published().filter(speaker=OuterRef("pk")))
        | Exists(Statement.objects.published().filter(subject=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorsed=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorser_person=OuterRef("pk")))
    ),
)
public_when(
    Organization,
    lambda: (
        Exists(Statement.objects.published().filter(speaker_organization=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorser_organization=OuterRef("pk")))
    ),
)
# Cited by a public record, or the source such a citation reports through.
public_when(
    Source,
    lambda: (
        Exists(_public_citations().filter(source=OuterRef("pk")))
        | Exists(_public_citations().filter(source__via=OuterRef("pk")))
    ),
)


class RatingScale(TimestampedModel):
    """A newsroom's rating scale, with its best and worst values."""

    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=200, unique=True)
    best = models.IntegerField(help_text="The value of the best rating (for example 6).")
    worst = models.IntegerField(help_text="The value of the worst rating (for example 1).")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(best=F("worst")),
                name="rating_scale_best_differs_from_worst",
                violation_error_message="Best and worst must differ.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Ratings carry copies of the bounds so the database can check them row by row.
        self.ratings.update(best=self.best, worst=self.worst)


class Rating(TimestampedModel):
    """One rating on a scale: name, numeric value, and the scale's best and worst."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    name = models.CharField(
        max_length=100, validators=[validate_one_line], help_text="For example: Mostly False."
    )
    slug = models.SlugField(max_length=100)
    value = models.IntegerField(help_text="Its value on the scale, between worst and best.")
    best = models.IntegerField(editable=False)
    worst = models.IntegerField(editable=False)
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["scale", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_in_scale"),
            models.CheckConstraint(
                condition=Q(value__gte=F("worst"), value__lte=F("best"))
                | Q(value__lte=F("worst"), value__gte=F("best")),
                name="rating_value_within_scale",
                violation_error_message="The value must lie between the scale's worst and best.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.value} on {self.scale})"

    def clean(self) -> None:
        if self.scale_id is None or self.value is None:
            return
        low, high = sorted((self.scale.best, self.scale.worst))
        if not low <= self.value <= high:
            raise ValidationError(
                {"value": f"The value must lie between {low} and {high} on “{self.scale}”."}
            )
        self.best, self.worst = self.scale.best, self.scale.worst

    def save(self, *args, **kwargs):
        self.best, self.worst = self.scale.best, self.scale.worst
        super().save(*args, **kwargs)


class FactCheck(EditorialRecord, VersionedModel):
    """A rating of a checkable claim made in a statement, published as ClaimReview."""

    reveals = ("statement",)

    statement = models.ForeignKey(
        Statement,
        # A fact-check stays attached to the statement it rates.
        on_delete=models.PROTECT,
        related_name="fact_checks",
    )
    claim_reviewed = models.TextField(
        validators=[validate_multiline_text],
        help_text="The checkable claim, as a short sentence.",
    )
    rating = models.ForeignKey(
        Rating,
        # Ratings in use stay.
        on_delete=models.PROTECT,
        related_name="fact_checks",
    )
    analysis = models.TextField(
        validators=[validate_multiline_text],
        help_text="The reasoning and evidence, for readers.",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # The check outlives the reviewer's account.
        on_delete=models.SET_NULL,
        related_name="fact_checks",
    )
    reviewed_on = models.DateField(
        validators=[validate_not_in_the_future], help_text="The date of the review."
    )

    objects = EditorialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "fact-check"
        permissions = [("publish_factcheck", "Can publish and retract fact-checks")]

    def __str__(self) -> str:
        return f"{self.claim_reviewed[:60]}: {self.rating.name}"

    def get_absolute_url(self) -> str:
        return reverse("factcheck-detail", kwargs={"pk": self.pk})

    def get_preview_url(self) -> str:
        """The reader page of this fact-check as a draft, for staff (claims.views)."""
        return reverse("factcheck-preview", kwargs={"pk": self.pk})


class StanceShift(EditorialRecord):
    """A rated change in a subject's position on a topic between two statements."""

    reveals = ("earlier", "later")

    class Rating(models.TextChoices):
        NO_FLIP = "no_flip", "No Flip"
        HALF_FLIP = "half_flip", "Half Flip"
        FULL_FLOP = "full_flop", "Full Flop"

    subject = models.ForeignKey(
        Person,
        # Part of the subject's public record.
        on_delete=models.PROTECT,
        related_name="stance_shifts",
    )
    topic = models.ForeignKey(
        Topic,
        # As above.
        on_delete=models.PROTECT,
        related_name="stance_shifts",
    )
    earlier = models.ForeignKey(
        Statement,
        # The shift rests on both statements.
        on_delete=models.PROTECT,
        related_name="shifts_from",
    )
    later = models.ForeignKey(
        Statement,
        # As above.
        on_delete=models.PROTECT,
        related_name="shifts_to",
    )
    rating = models.CharField(max_length=20, choices=Rating.choices)
    analysis = models.TextField(
        validators=[validate_multiline_text],
        help_text="Why this rating, resting on the cited statements.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        permissions = [("publish_stanceshift", "Can publish and retract stance shifts")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(earlier=F("later")),
                name="stance_shift_two_statements",
                violation_error_message="A shift is between two different statements.",
            ),
            models.UniqueConstraint(fields=["earlier", "later"], name="stance_shift_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} on {self.topic}: {self.get_rating_display()}"

    def get_absolute_url(self) -> str:
        history = reverse(
            "stance-history", kwargs={"slug": self.subject.slug, "topic_slug": self.topic.slug}
        )
        return f"{history}#shift-{self.pk}"

    def clean(self) -> None:
        if not (self.earlier_id and self.later_id):
            return
        errors = {}
        for name in ("earlier", "later"):
            statement = getattr(self, name)
            if self.subject_id and statement.subject_id != self.subject_id:
                errors[name] = f"This statement is about {statement.subject}, not {self.subject}."
            elif self.topic_id and statement.topic_id != self.topic_id:
                errors[name] = f"This statement is not on the topic “{self.topic}”."
        if not errors and not self.earlier.said_on.may_precede(self.later.said_on):
            errors["later"] = "The later statement must not be dated before the earlier one."
        if errors:
            raise ValidationError(errors)


class Correction(EditorialRecord):
    """A public note on a published record: what changed, when and why."""

    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    what_changed = models.TextField(
        validators=[validate_multiline_text], help_text="What was corrected, for readers."
    )
    reason = models.TextField(validators=[validate_multiline_text], help_text="Why.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_correction", "Can publish and retract corrections")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_target")]

    def __str__(self) -> str:
        return f"Correction to {self.content_type.model} {self.object_id}"


class SeedKey(models.Model):
    """The stable key a seed file gives a record, so loading the file again finds that record."""

    affects_public_content = False  # never shown (core.revisions)

    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    key = models.CharField(
        max_length=200, help_text="The record's key in the seed file (for example a statement's)."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "key"], name="seed_key_unique_per_model"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.key}"


class AuditLogIsAppendOnly(Exception):
    """Raised on an attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries are written once and never changed or removed, not even in bulk."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("The audit log cannot be changed.")

    update.queryset_only = True

    def delete(self):
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from.")

    delete.queryset_only = True


class AuditEntry(models.Model):
    """One editorial action (submit, return, publish, retract, restore, a change to a source
    public records cite): who, what, when, from what."""

    affects_public_content = False  # publishers read it in the admin only (core.revisions)

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned to draft"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"
        RESTORED = "restored", "Restored an earlier version"
        SOURCE_CHANGED = "source_changed", "Changed a source public records cite"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The log outlives accounts; actor_name keeps who it was.
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_name = models.CharField(max_length=150, help_text="The actor's username at the time.")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        # Content types are never deleted while records exist.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=300, help_text="The record as it read then.")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    history_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The history entry this action created."
    )
    from_history_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="For a restore: the history entry restored."
    )
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The record's version after the action, if versioned."
    )
    note = models.TextField(blank=True, help_text="The reason given, if any.")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_entry_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display().lower()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AuditLogIsAppendOnly("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("The audit log cannot be deleted from.")


# Promises and claim matching live in their own packages; importing them here registers their
# models with the app.
from claims.matching.models import (  # noqa: E402, F401
    Claim,
    ClaimAppearance,
    DismissedMatch,
    RepeatProposal,
)
from claims.promises.models import (  # noqa: E402, F401
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
)
