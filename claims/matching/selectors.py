"""What readers and clients see of claims: a statement's repeats, a claim's appearances and
its rating history. Public only: a claim shows once published (not retracted here, where it
would send readers to it), with its published statements and their published fact-checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from claims.matching.models import Claim, ClaimAppearance
from claims.models import PUBLIC_STATUSES, Citation, FactCheck, Statement, Status


@dataclass
class Repeats:
    """The claim a statement makes, the other statements that make it and its ratings."""

    claim: Claim | None = None
    others: list[Statement] = field(default_factory=list)
    ratings: list[FactCheck] = field(default_factory=list)

    @property
    def earlier_ratings(self) -> list[FactCheck]:
        """Ratings of the claim as other statements made it (this one's show on its own)."""
        own = {statement.pk for statement in self.others}
        return [rating for rating in self.ratings if rating.statement_id in own]


def public_appearances(claim: Claim):
    """The published (or retracted) statements that make the claim, earliest said first."""
    return (
        Statement.objects.published()
        .filter(claim_appearance__claim=claim)
        .for_listing()
        .order_by("said_on", "pk")
    )


def public_ratings(claim: Claim):
    """Published fact-checks of the claim's public statements, oldest review first."""
    return (
        FactCheck.objects.published()
        .filter(statement__status__in=PUBLIC_STATUSES, statement__claim_appearance__claim=claim)
        .select_related("rating", "statement__speaker", "statement__speaker_organization")
        .order_by("reviewed_on", "pk")
    )


def repeats_of(statement: Statement) -> Repeats:
    """The live claim the statement makes, its other public appearances and its ratings.

    Queries: the claim (one); with a claim, its appearances and its ratings (two)."""
    appearance = (
        ClaimAppearance.objects.filter(statement=statement, claim__status=Status.PUBLISHED)
        .select_related("claim")
        .first()
    )
    if appearance is None:
        return Repeats()
    claim = appearance.claim
    others = [other for other in public_appearances(claim) if other.pk != statement.pk]
    return Repeats(claim=claim, others=others, ratings=list(public_ratings(claim)))


@dataclass
class ClaimRecord:
    """A public claim with its appearances in order and its rating history."""

    claim: Claim
    appearances: list[Statement]
    ratings: list[FactCheck]


def claim_record(*, pk: int) -> ClaimRecord:
    """A public claim; raises Claim.DoesNotExist for unknown and non-public ones.

    Queries: the claim, its appearances, its ratings."""
    claim = Claim.objects.published().select_related("topic").get(pk=pk)
    return ClaimRecord(
        claim=claim,
        appearances=list(public_appearances(claim)),
        ratings=list(public_ratings(claim)),
    )


def appearances_with_sources():
    """For ClaimReview (claims.jsonld): a claim's public appearances with their citations'
    sources, to prefetch through `statement__claim_appearance__claim__appearances`."""
    return (
        ClaimAppearance.objects.filter(statement__status__in=PUBLIC_STATUSES)
        .select_related("statement")
        .prefetch_related(
            Prefetch(
                "statement__citations",
                queryset=Citation.objects.select_related("source__publisher").order_by("pk"),
            )
        )
        .order_by("statement__said_on", "statement__pk")
    )
