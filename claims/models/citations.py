"""Citations: where a statement or an endorsement is reported, with the excerpt that supports it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.models.editorial import NON_PUBLIC, PUBLIC_STATUSES
from claims.models.statements import EXCERPT_LIMIT, Statement
from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.plain_text import LengthLimit, validate_multiline_text, validate_one_line
from core.visibility import is_staff
from sources.models import Snapshot, Source


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


class SupportsEditorialRecord:
    """Mixin for a citation that supports one of the editorial records named in SUPPORTS (its
    foreign keys): whether a change to it may show to the public (core.revisions)."""

    SUPPORTS: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        citation = super().from_db(db, field_names, values)
        # What it supported when read: a change moving it off that record shows there.
        citation._loaded_records = {
            name: citation.__dict__.get(f"{name}_id") for name in cls.SUPPORTS
        }
        return citation

    @property
    def affects_public_content(self) -> bool:
        """Whether a change to it may show to the public: when a record it supports, or
        supported when read, was ever published, as stored (an object in memory may be out of
        date)."""
        loaded = getattr(self, "_loaded_records", {})
        records = hidden = 0
        for name in self.SUPPORTS:
            ids = {getattr(self, f"{name}_id"), loaded.get(name)} - {None}
            if ids:
                model = self._meta.get_field(name).related_model
                records += len(ids)
                hidden += model._base_manager.filter(
                    pk__in=ids, status__in=NON_PUBLIC, published_at=None
                ).count()
        # Gone (deleted with its record) counts as shown, and so does no record: the safe answer.
        return records == 0 or hidden < records


class Citation(SupportsEditorialRecord, TimestampedModel, VersionedModel):
    """Links a statement (or an endorsement) to the source that supports it."""

    SUPPORTS = ("statement", "endorsement")

    class Verification(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked"
        FOUND = "found", "Found in source"
        NOT_FOUND = "not_found", "Not found in source"
        NO_SNAPSHOT = "no_snapshot", "No archived copy"

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

    @property
    def supported(self):
        """The record it supports: its statement or its endorsement (a constraint: exactly one)."""
        return self.statement or self.endorsement

    def words_to_verify(self) -> dict[str, str]:
        """What it claims its source says, by name, the excerpt first: its excerpt, and a
        verbatim quote's words (its statement's text). Quote checking (claims.verification)
        looks for each in the archived copy."""
        words = {"excerpt": self.excerpt} if self.excerpt.strip() else {}
        statement = self.statement
        if (
            statement is not None
            and statement.kind == Statement.Kind.QUOTE
            and statement.text.strip()
        ):
            words["quote"] = statement.text
        return words

    @property
    def checked_words(self) -> str:
        """What quote checking looks for, for readers: "Quote and excerpt", "Quote" or
        "Excerpt" (also when there is nothing to check: the check then says "not checked")."""
        words = self.words_to_verify()
        if "quote" in words:
            return "Quote and excerpt" if "excerpt" in words else "Quote"
        return "Excerpt"


class QuoteNotFound(Citation):
    """A citation whose quote was not found in its source's latest archived copy (for the admin)."""

    class Meta:
        proxy = True
        verbose_name = "quote not found in its source"
        verbose_name_plural = "quotes not found in their source"
