"""What editors do with a candidate: say it is the same claim (create or join a claim), or
say it is not (remembered, so the pair is never offered again). Each is one atomic function
taking the acting user; history records who did it."""

from __future__ import annotations

from django.db import transaction

from claims.matching.models import (
    WORDING_LIMIT,
    Claim,
    ClaimAppearance,
    DismissedMatch,
    RepeatProposal,
    StatementPair,
)
from claims.models import Statement
from claims.services import TransitionError


def _check_editable(statement: Statement, by) -> None:
    if not (by and by.is_active and by.has_perm("claims.change_statement")):
        raise TransitionError("Only editors may link statements to claims.")


def _appearance(statement: Statement) -> ClaimAppearance | None:
    return ClaimAppearance.objects.select_for_update().filter(statement=statement).first()


@transaction.atomic
def confirm_same_claim(*, statement: Statement, other: Statement, by) -> Claim:
    """Record that `statement` repeats the claim `other` makes: both join `other`'s claim,
    or `statement`'s, or a new draft claim worded as the earlier of the two said."""
    _check_editable(statement, by)
    if statement.pk == other.pk:
        raise TransitionError("A statement cannot be a repeat of itself.")
    mine, theirs = _appearance(statement), _appearance(other)
    if mine and theirs and mine.claim_id != theirs.claim_id:
        raise TransitionError(
            f"These statements are already in two claims (#{mine.claim_id} and "
            f"#{theirs.claim_id}); take one out of its claim first."
        )
    claim = (theirs or mine).claim if (theirs or mine) else None
    if claim is None:
        earlier = min((statement, other), key=lambda record: (str(record.said_on), record.pk))
        claim = Claim(wording=earlier.text[:WORDING_LIMIT], topic=earlier.topic)
        claim._history_user = by
        claim.save()
    for record, appearance in ((other, theirs), (statement, mine)):
        if appearance is None:
            appearance = ClaimAppearance(claim=claim, statement=record, confirmed_by=by)
            appearance._history_user = by
            appearance.save()
    DismissedMatch.objects.filter(**StatementPair.ordered(statement, other)).delete()
    RepeatProposal.objects.filter(**StatementPair.ordered(statement, other)).delete()
    return claim


@transaction.atomic
def dismiss_match(*, statement: Statement, other: Statement, by) -> DismissedMatch:
    """Record that the two statements do not make the same claim: the pair is not offered
    again (and nothing else changes)."""
    _check_editable(statement, by)
    if statement.pk == other.pk:
        raise TransitionError("A statement cannot be dismissed as a repeat of itself.")
    dismissed, _ = DismissedMatch.objects.get_or_create(
        **StatementPair.ordered(statement, other), defaults={"dismissed_by": by}
    )
    RepeatProposal.objects.filter(**StatementPair.ordered(statement, other)).delete()
    return dismissed


def propose_repeats(*, statement: Statement) -> int:
    """Store the likely repeats of a statement on record for editors to confirm (the
    backfill); pairs already proposed, dismissed or in one claim are left as they are.
    Returns how many were newly proposed."""
    from claims.matching.candidates import candidates

    proposals = [
        RepeatProposal(
            **StatementPair.ordered(statement, found.statement), score=round(found.score, 1)
        )
        for found in candidates(statement.text, exclude=statement)
        if found.proposed
    ]
    if not proposals:
        return 0
    wanted = {(proposal.statement_id, proposal.other_id) for proposal in proposals}
    existing = set(
        RepeatProposal.objects.filter(
            statement_id__in={first for first, _ in wanted},
            other_id__in={second for _, second in wanted},
        ).values_list("statement_id", "other_id")
    )
    new = [p for p in proposals if (p.statement_id, p.other_id) not in existing]
    RepeatProposal.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
