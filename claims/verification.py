"""Check that the words a citation attributes to a source are in the archived copy of it.

Every citation's excerpt is the source's own words, so it is looked for in the text of
the cited source's latest snapshot; for a statement of kind "verbatim quote", the quote
itself (the statement's text) must be found there too. sources.quote_matching says what
typographic differences are tolerated. The result is stored on the citation: found (with
the snapshot checked and the excerpt's offset in it), not found, or no archived copy.
"""

from __future__ import annotations

from django.utils import timezone

from claims.models import Citation, Statement
from core import revisions
from sources.models import Snapshot, Source
from sources.quote_matching import find_quote


def verify_citation(citation: Citation, *, snapshot: Snapshot | None = None) -> Citation:
    """Check the citation against the snapshot (default: its source's latest) and store the result."""
    words = list(citation.words_to_verify().values())
    if not words:
        result = {
            "verification": Citation.Verification.UNCHECKED,
            "verified_at": None,
            "snapshot": None,
            "found_at": None,
        }
    else:
        snapshot = snapshot or citation.source.latest_snapshot
        matches = [find_quote(text, snapshot.text) for text in words] if snapshot else []
        if snapshot is None:
            verification = Citation.Verification.NO_SNAPSHOT
        elif None in matches:
            verification = Citation.Verification.NOT_FOUND
        else:
            verification = Citation.Verification.FOUND
        result = {
            "verification": verification,
            "verified_at": timezone.now(),
            "snapshot": snapshot,
            "found_at": matches[0].start if verification == Citation.Verification.FOUND else None,
        }
    # update(), not save(): a check result is not an editorial change, so it writes no history
    # entry and does not touch updated_at.
    Citation.objects.filter(pk=citation.pk).update(**result)
    # update() sends no signal; the verification is shown wherever the citation is.
    revisions.note_change(public=citation.affects_public_content)
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


def excerpt_lacks_the_quote(citation: Citation) -> bool:
    """Whether a verbatim quote's words are missing from the excerpt cited for it: the excerpt
    is the source's own words, so a quote it does not contain was not checked against them."""
    statement = citation.statement
    if statement is None or statement.kind != Statement.Kind.QUOTE:
        return False
    if not (statement.text.strip() and citation.excerpt.strip()):
        return False
    return find_quote(statement.text, citation.excerpt) is None


def needs_confirmation(statement: Statement) -> bool:
    """Whether publishing the statement asks the publisher to confirm first: its quote is
    not found in a source's archived copy, or not in the excerpt cited for it."""
    if statement.citations.quotes_not_found().exists():
        return True
    citations = statement.citations.select_related("statement")
    return any(excerpt_lacks_the_quote(citation) for citation in citations)


def publication_warnings(statement: Statement) -> list[str]:
    """Re-check the statement's citations and say, for a publisher, which could not be confirmed."""
    warnings = []
    for citation in statement.citations.select_related("source", "statement"):
        if excerpt_lacks_the_quote(citation):
            warnings.append(
                f"The quoted words are not in the excerpt cited from “{citation.source}”; "
                "check that the quote is exact and the excerpt is the passage it comes from."
            )
        verify_citation(citation)
        if citation.verification == Citation.Verification.NOT_FOUND:
            warnings.append(
                f"The quoted words were not found in the archived copy of “{citation.source}” "
                f"taken {citation.snapshot.fetched_at:%d %B %Y}; check the wording before publishing."
            )
        elif citation.verification == Citation.Verification.NO_SNAPSHOT:
            warnings.append(
                f"“{citation.source}” has no archived copy, so the quoted words could not be "
                "checked; "
                "archive the source first."
            )
    return warnings
