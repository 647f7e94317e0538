"""Check that every verbatim quote can be found in the archived copy of the source it cites.

A citation of a statement of kind "verbatim quote" is checked: the statement's words are
looked for in the text of the cited source's latest snapshot (sources.quote_matching says
what typographic differences are tolerated). The result is stored on the citation
(found, not found, no archived copy), with the snapshot checked and the offset found at.
Citations of paraphrases, characterizations, actions and endorsements stay "not checked":
their words are not claimed to be the source's.
"""

from __future__ import annotations

from django.utils import timezone

from claims.models import Citation, Statement
from sources.models import Snapshot, Source
from sources.quote_matching import find_quote


def quote_to_verify(citation: Citation) -> str | None:
    """The words this citation claims appear in its source, or None when it claims none."""
    statement = citation.statement
    if statement is None or statement.kind != Statement.Kind.QUOTE:
        return None
    return statement.text


def verify_citation(citation: Citation, *, snapshot: Snapshot | None = None) -> Citation:
    """Check the citation against the snapshot (default: its source's latest) and store the result."""
    quote = quote_to_verify(citation)
    if quote is None:
        result = {
            "verification": Citation.Verification.UNCHECKED,
            "verified_at": None,
            "snapshot": None,
            "found_at": None,
        }
    else:
        snapshot = snapshot or citation.source.latest_snapshot
        match = find_quote(quote, snapshot.text) if snapshot is not None else None
        if snapshot is None:
            verification = Citation.Verification.NO_SNAPSHOT
        elif match is None:
            verification = Citation.Verification.NOT_FOUND
        else:
            verification = Citation.Verification.FOUND
        result = {
            "verification": verification,
            "verified_at": timezone.now(),
            "snapshot": snapshot,
            "found_at": match.start if match else None,
        }
    # update(), not save(): a check result is not an editorial change, so it writes no history
    # entry and does not touch updated_at.
    Citation.objects.filter(pk=citation.pk).update(**result)
    for name, value in result.items():
        setattr(citation, name, value)
    return citation


def verify_citations(*, source: Source, snapshot: Snapshot | None = None) -> dict[str, int]:
    """Check every citation of the source against one snapshot; how many ended in each result."""
    snapshot = snapshot or source.latest_snapshot
    counts: dict[str, int] = {}
    for citation in Citation.objects.filter(source=source).select_related("statement", "source"):
        verify_citation(citation, snapshot=snapshot)
        counts[citation.verification] = counts.get(citation.verification, 0) + 1
    return counts


def verify_after_archive(sender, *, snapshot: Snapshot, source: Source, **kwargs) -> None:
    """Receiver of sources.signals.snapshot_taken: re-check the quotes against the new copy."""
    verify_citations(source=source, snapshot=snapshot)


def verify_saved_citation(sender, *, instance: Citation, raw: bool = False, **kwargs) -> None:
    """Receiver of Citation's post_save: a new or edited citation is checked at once."""
    if not raw:  # loading fixtures stores results as they are
        verify_citation(instance)


def publication_warnings(statement: Statement) -> list[str]:
    """Re-check the statement's quotes and say, for a publisher, which could not be confirmed."""
    warnings = []
    for citation in statement.citations.select_related("source", "statement"):
        verify_citation(citation)
        if citation.verification == Citation.Verification.NOT_FOUND:
            warnings.append(
                f"The quote was not found in the archived copy of “{citation.source}” "
                f"taken {citation.snapshot.fetched_at:%d %B %Y}; check the wording before publishing."
            )
        elif citation.verification == Citation.Verification.NO_SNAPSHOT:
            warnings.append(
                f"“{citation.source}” has no archived copy, so the quote could not be checked; "
                "archive the source first."
            )
    return warnings
