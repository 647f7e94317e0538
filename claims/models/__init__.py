"""What was said, by whom, about whom, on which topic; and how it was rated.

Statement, FactCheck, StanceShift, Endorsement and Correction go through the
editorial workflow (draft -> in review -> published -> retracted). Published
records are never deleted; they are retracted with a reason and stay visible.
"""

# One module per concept; this package exports every name, so `from claims.models import X`
# is the one way to import a model.

from claims.models import visibility  # noqa: F401 - registers what public records make public
from claims.models.audit import AuditEntry, AuditEntryQuerySet, AuditLogIsAppendOnly
from claims.models.citations import (
    Citation,
    CitationQuerySet,
    QuoteNotFound,
    SupportsEditorialRecord,
)
from claims.models.corrections import Correction
from claims.models.editorial import (
    NON_PUBLIC,
    PUBLIC_STATUSES,
    EditorialQuerySet,
    EditorialRecord,
    PublishedRecordError,
    Status,
)
from claims.models.endorsements import Endorsement
from claims.models.fact_checks import FactCheck, Rating, RatingScale
from claims.models.seed_keys import SeedKey
from claims.models.stance_shifts import StanceShift
from claims.models.statements import (
    EXCERPT_LIMIT,
    STATEMENT_TEXT_LIMIT,
    Statement,
    StatementQuerySet,
    StatementSearchDocument,
)
from claims.models.topics import Position, Topic

# isort: split
# Promises and claim matching live in their own packages; importing them here registers their
# models with the app.
from claims.matching.models import (
    Claim,
    ClaimAppearance,
    DismissedMatch,
    RepeatProposal,
)
from claims.promises.models import (
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
)

__all__ = [
    "Status",
    "PUBLIC_STATUSES",
    "NON_PUBLIC",
    "PublishedRecordError",
    "EditorialQuerySet",
    "EditorialRecord",
    "Topic",
    "Position",
    "StatementSearchDocument",
    "StatementQuerySet",
    "STATEMENT_TEXT_LIMIT",
    "EXCERPT_LIMIT",
    "Statement",
    "CitationQuerySet",
    "Citation",
    "QuoteNotFound",
    "SupportsEditorialRecord",
    "Endorsement",
    "RatingScale",
    "Rating",
    "FactCheck",
    "StanceShift",
    "Correction",
    "SeedKey",
    "AuditLogIsAppendOnly",
    "AuditEntryQuerySet",
    "AuditEntry",
    "Promise",
    "PromiseCitation",
    "PromiseRating",
    "PromiseScale",
    "PromiseStatusChange",
    "Claim",
    "ClaimAppearance",
    "DismissedMatch",
    "RepeatProposal",
]
