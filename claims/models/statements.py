"""Statements: what someone said (a quote or a paraphrase), about whom, on which topic."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Expression, Q
from django.db.models.expressions import Col
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialQuerySet, EditorialRecord, Status
from claims.models.topics import Position, Topic
from core.partial_dates import PartialDate, PartialDateField, validate_not_in_the_future
from core.plain_text import LengthLimit, validate_multiline_text, validate_one_line
from core.visibility import is_staff
from people.models import Organization, Person


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

    def placing(self, user=None):
        """Statements that place their subject on their topic (they take a position), as the
        user may see them: published ones; for staff, drafts too. Retracted ones never do:
        where someone stands rests on what stands (comparisons, latest positions)."""
        statements = self.exclude(status=Status.RETRACTED) if is_staff(user) else self.live()
        return statements.filter(position__isnull=False)

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
        from claims.models.citations import Citation

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


class Statement(EditorialRecord):
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
    # Derived from the text on every save (a queryset update of the text must set it too);
    # what PostgreSQL finds repeats by (GIN index of claims.0018_statement_fingerprint).
    fingerprint = models.JSONField(
        default=list,
        editable=False,
        help_text="The smallest hashes of the text's runs of key words "
        "(claims.matching.candidates.fingerprint).",
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
    # The fingerprint is the text's, computed again on save: no need to keep its history.
    history = HistoricalRecords(excluded_fields=["fingerprint"])

    class Meta:
        ordering = ["-said_on", "-pk"]
        permissions = [
            ("publish_statement", "Can publish and retract statements"),
        ]
        indexes = [
            models.Index(fields=["subject", "topic", "said_on"], name="statement_stance_history"),
            models.Index(fields=["status", "-id"], name="statement_status_id"),
            # Search results newest said first: for a common word, the newest matches are
            # found walking this index (core.full_text.bounded_search).
            models.Index(fields=["-said_on", "-id"], name="statement_said_on"),
            # A topic's statements newest first (the topic page, the people offered for
            # comparison): walking the date index instead reads every topic's statements.
            models.Index(fields=["topic", "-said_on", "-id"], name="statement_topic_said_on"),
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
        # Imported here: the matcher reads statements.
        from claims.matching.candidates import fingerprint

        self.fingerprint = fingerprint(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "fingerprint"}
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
        from claims.models.stance_shifts import StanceShift

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
