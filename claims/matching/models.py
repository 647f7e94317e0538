"""Claim, the statements that repeat it, and the pairs editors said are not the same claim.

A claim is an editorial record (draft -> in review -> published -> retracted) with history
and audit like a fact-check. A statement appears in at most one claim; the link is made only
by an editor (claims.matching.services.confirm_same_claim), never by the matcher alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.models import EditorialQuerySet, EditorialRecord, Statement, Topic
from core.models import TimestampedModel
from core.plain_text import LengthLimit, validate_multiline_text

WORDING_LIMIT = 1000


class ClaimQuerySet(EditorialQuerySet):
    def with_appearances(self):
        """Claims with their statements (speaker, subject) in the order they were said."""
        return self.prefetch_related(
            models.Prefetch(
                "appearances",
                queryset=ClaimAppearance.objects.select_related(
                    "statement__speaker", "statement__speaker_organization"
                ).order_by("statement__said_on", "statement__pk"),
            )
        )


class Claim(EditorialRecord):
    """What several statements assert, whoever says them: one wording, one topic."""

    wording = models.TextField(
        validators=[
            validate_multiline_text,
            LengthLimit(WORDING_LIMIT, advice="state the claim in a sentence"),
        ],
        help_text="The claim in one neutral sentence, as the statements assert it.",
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        # Topics in use are kept; merge them instead of deleting.
        on_delete=models.PROTECT,
        related_name="claims",
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        permissions = [("publish_claim", "Can publish and retract claims")]

    def __str__(self) -> str:
        return self.wording if len(self.wording) <= 80 else self.wording[:77] + "..."

    def get_absolute_url(self) -> str:
        return reverse("claim-detail", kwargs={"pk": self.pk})

    def appearances_in_order(self, user=None) -> list[Statement]:
        """Its statements as the user may see them, earliest said first."""
        return list(
            Statement.objects.visible_to(user)
            .filter(claim_appearance__claim=self)
            .for_listing()
            .order_by("said_on", "pk")
        )

    def publication_problems(self) -> list[str]:
        if not self.appearances.filter(statement__status__in=("published", "retracted")).exists():
            return ["A claim needs at least one published statement that makes it."]
        return []


class ClaimAppearance(TimestampedModel):
    """A statement that makes a claim: linked by an editor who confirmed the repeat."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        related_name="claim_appearance",
        help_text="A statement makes at most one claim.",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # The link outlives the account; history keeps who made it.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.statement_id} makes claim {self.claim_id}"


class StatementPair(models.Model):
    """Two statements, stored once per pair: the lower id first."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["statement", "other"], name="%(class)s_unique_pair"),
            models.CheckConstraint(
                condition=Q(statement__lt=F("other")),
                name="%(class)s_ordered_pair",
                violation_error_message="A pair of statements is stored lower id first.",
            ),
        ]

    @staticmethod
    def ordered(statement: Statement, other: Statement) -> dict:
        """The pair's fields, lower id first."""
        first, second = sorted((statement.pk, other.pk))
        return {"statement_id": first, "other_id": second}


class DismissedMatch(StatementPair, TimestampedModel):
    """Two statements an editor said are not the same claim: never offered as a pair again."""

    affects_public_content = False  # an editor's note to the matcher (core.revisions)

    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # As for ClaimAppearance.confirmed_by.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(StatementPair.Meta):
        verbose_name = "dismissed match"
        verbose_name_plural = "dismissed matches"

    def __str__(self) -> str:
        return f"{self.statement_id} is not {self.other_id}"

    @classmethod
    def ids_dismissed_with(cls, statement_id: int) -> set[int]:
        """The statements dismissed as not the same claim as this one."""
        pairs = cls.objects.filter(Q(statement_id=statement_id) | Q(other_id=statement_id))
        return {
            other if first == statement_id else first
            for first, other in pairs.values_list("statement_id", "other_id")
        }


class RepeatProposal(StatementPair):
    """A likely repeat the backfill found between two statements on record, waiting for an
    editor to say "same claim" or "not the same" (either removes it)."""

    affects_public_content = False  # for editors only (core.revisions)

    score = models.FloatField(help_text="How likely the two make the same claim (0 to 100).")
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta(StatementPair.Meta):
        ordering = ["-score", "pk"]
        verbose_name = "proposed repeat"

    def __str__(self) -> str:
        return f"{self.statement_id} may repeat {self.other_id} ({self.score:.0f})"
