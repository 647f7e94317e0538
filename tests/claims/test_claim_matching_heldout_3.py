"""Claim matching measured on the third held-out set (claim_pairs_heldout_3.json): written
and committed alone before the method was changed after the second held-out set's misses had
been read, never tuned on and never edited to fit. Precision and recall of the top 5
candidates, per kind of pair (tests/claims/claim_pairs.py says how they are counted). Do not
tune on this set.

The first run (3 December 2026, method of commit 3583cad, the same figures on SQLite and on
PostgreSQL) met the issue's floors: verbatim and lightly edited precision 1.000 (floor 0.9),
recall 0.950 (floor 0.95, met with no pair to spare: 4 light edits missed), no negation
proposed (floor 0). Rewordings: none proposed (recall 0.000). The misses are printed and
named in docs/claim-matching.md; having been read, they make this set development data for
any later change, to be measured on a new set.
"""

from __future__ import annotations

import pytest

from tests.claims.claim_pairs import (
    HELD_OUT_SET,
    TARGET_NEGATIONS_PROPOSED,
    TARGET_PRECISION,
    TARGET_RECALL,
    measured,
)


@pytest.mark.django_db
def test_held_out_pairs_meet_the_issue_floors(record_property):
    """Verbatim and lightly edited repeats are proposed with precision 0.9 and recall 0.95,
    and no negation is proposed; every kind's figures, and the misses, are printed."""
    figures, precision, recall, negations, lines = measured(
        HELD_OUT_SET, "third held-out set", record_property
    )
    assert precision >= TARGET_PRECISION, lines
    assert recall >= TARGET_RECALL, lines
    assert negations <= TARGET_NEGATIONS_PROPOSED, figures["negation"]
