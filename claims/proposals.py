"""Statements proposed from a source's archived text: the list to review, and accepting them.

The quotes come from `sources.quotes.extract_quotes` run on the source's latest snapshot;
an accepted proposal becomes a draft statement with a citation whose excerpt is the quote,
verbatim, at its exact place in that snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Citation, Statement, Status, Topic
from core.partial_dates import PartialDate
from people.models import Person
from sources.models import Snapshot, Source
from sources.quotes import QuoteProposal, extract_quotes, people_mentioned


class ProposalError(Exception):
    """A proposal that cannot be accepted; the message says why, for people."""


@dataclass(frozen=True)
class ReviewedProposal:
    """A proposal as the editor sees it: with the matched people and whether it is entered."""

    proposal: QuoteProposal
    speaker: Person | None
    subject: Person | None
    already_entered: bool

    @property
    def key(self) -> str:
        return f"{self.proposal.start}-{self.proposal.end}"


@dataclass(frozen=True)
class ProposalReview:
    """Everything the review page shows for one source."""

    source: Source
    snapshot: Snapshot
    proposals: list[ReviewedProposal]
    people: dict[int, Person]

    @property
    def to_review(self) -> list[ReviewedProposal]:
        return [item for item in self.proposals if not item.already_entered]

    @property
    def entered(self) -> list[ReviewedProposal]:
        return [item for item in self.proposals if item.already_entered]


@dataclass(frozen=True)
class AcceptedProposal:
    """The editor's decision on one proposal: the span, and who said what, when and where."""

    start: int
    end: int
    quote: str
    said_on: PartialDate
    speaker: Person | None = None
    speaker_label: str = ""
    subject: Person | None = None
    kind: str = Statement.Kind.QUOTE
    topic: Topic | None = None
    venue: str = ""


def _latest_snapshot(source: Source) -> Snapshot:
    snapshot = source.latest_snapshot
    if snapshot is None or not snapshot.text.strip():
        raise ProposalError(
            f"The source “{source}” has no archived text yet: archive it before proposing statements."
        )
    return snapshot


def _entered_excerpts(source: Source) -> list[str]:
    """The excerpts of the statement citations already taken from this source, spaces normalized."""
    return [
        _normalized(excerpt)
        for excerpt in Citation.objects.filter(source=source, statement__isnull=False).values_list(
            "excerpt", flat=True
        )
    ]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _is_entered(quote: str, excerpts: list[str]) -> bool:
    """A quote is entered when a citation quotes it, alone or within a longer excerpt."""
    quote = _normalized(quote)
    return any(quote in excerpt for excerpt in excerpts)


def proposals_for_source(source: Source) -> ProposalReview:
    """Every quote in the source's latest snapshot, marking those already cited from it."""
    snapshot = _latest_snapshot(source)
    names = Person.objects.names_for_matching()
    proposals = extract_quotes(snapshot.text, names)
    # The people the text names: the ones an editor picks from when correcting a speaker.
    people = Person.objects.in_bulk(people_mentioned(snapshot.text, names))
    entered = _entered_excerpts(source)
    return ProposalReview(
        source=source,
        snapshot=snapshot,
        proposals=[
            ReviewedProposal(
                proposal=proposal,
                speaker=people.get(proposal.speaker_id),
                subject=people.get(proposal.subject_id),
                already_entered=_is_entered(proposal.quote, entered),
            )
            for proposal in proposals
        ],
        people=people,
    )


def _paragraph_number(text: str, position: int) -> int:
    """Which paragraph (non-empty line, from 1) the position is in, as the extractor counts."""
    return sum(1 for line in text[:position].split("\n")[:-1] if line.strip()) + 1


def _check(choice: AcceptedProposal, text: str, entered: list[str], seen: set[str]) -> None:
    shown = choice.quote if len(choice.quote) <= 60 else choice.quote[:57] + "..."
    if not (0 <= choice.start < choice.end <= len(text)) or text[choice.start : choice.end] != (
        choice.quote
    ):
        raise ProposalError(
            f"The quote “{shown}” is not at that place in the archived text: "
            "reload the page and try again."
        )
    normalized = _normalized(choice.quote)
    if _is_entered(normalized, entered):
        raise ProposalError(f"The quote “{shown}” is already entered from this source.")
    if normalized in seen:
        raise ProposalError(f"The quote “{shown}” is chosen twice.")
    seen.add(normalized)
    if choice.speaker is None and not choice.speaker_label.strip():
        raise ProposalError(f"Choose who said “{shown}”, or describe them.")
    if choice.speaker is None and choice.subject is None:
        raise ProposalError(f"Choose whose position “{shown}” shows.")
    if choice.kind not in Statement.Kind.values:
        raise ProposalError(f"Choose what kind of statement “{shown}” is.")


@transaction.atomic
def accept_proposals(*, source: Source, choices: list[AcceptedProposal], by) -> list[Statement]:
    """Create a draft statement with its citation for each accepted proposal; all or nothing."""
    if not (by and by.is_active and by.has_perms(["claims.add_statement", "claims.add_citation"])):
        raise ProposalError("You may not add statements, so you cannot accept proposals.")
    if not choices:
        raise ProposalError("Tick at least one proposal to accept.")
    snapshot = _latest_snapshot(source)
    entered, seen = _entered_excerpts(source), set()
    for choice in choices:
        _check(choice, snapshot.text, entered, seen)
    now, created = timezone.now(), []
    for choice in choices:
        statement = Statement(
            speaker=choice.speaker,
            speaker_label=choice.speaker_label.strip() if choice.speaker is None else "",
            subject=choice.subject or choice.speaker,
            kind=choice.kind,
            text=choice.quote,
            said_on=choice.said_on,
            venue=choice.venue.strip(),
            topic=choice.topic,
            status=Status.DRAFT,
        )
        try:
            statement.full_clean()
        except ValidationError as error:
            raise ProposalError(" ".join(error.messages)) from None
        statement._history_user = by
        statement._change_reason = f"Proposed from source {source.pk}"
        statement.save()
        citation = Citation(
            statement=statement,
            source=source,
            excerpt=choice.quote,
            locator=f"paragraph {_paragraph_number(snapshot.text, choice.start)}",
            verification=Citation.Verification.FOUND,
            verified_at=now,
            snapshot=snapshot,
            found_at=choice.start,
        )
        citation._history_user = by
        citation.save()
        created.append(statement)
    return created
