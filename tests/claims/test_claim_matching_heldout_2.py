"""Claim matching on the second held-out set (claim_pairs_heldout_2.json), now a development
set.

It was written and committed before the method it measured was changed, and measured once
(3 December 2026, the same figures on SQLite and on PostgreSQL): verbatim and lightly edited
precision 0.888 (the issue's floor 0.9 missed), recall 0.988, 5 negations proposed (floor 0
missed); docs/claim-matching.md gives that run and its misses. Its misses were then read and
the method changed to mend them, so it is no held-out set any more: it is tuned on, like
claim_pairs_dev.json and claim_pairs_heldout.json, and its figures here are regression floors
for the development work. The honest measure is tests/claims/test_claim_matching_heldout_3.py.
"""

from __future__ import annotations

import pytest

from tests.claims.claim_pairs import measured

# The figures reached on this (development) set after tuning on it (1.000, 1.000, 0 on
# SQLite and PostgreSQL, 3 December 2026); regression floors.
DEVELOPED_PRECISION, DEVELOPED_RECALL, DEVELOPED_NEGATIONS_PROPOSED = 0.99, 0.99, 0


@pytest.mark.django_db
def test_development_pairs_keep_the_figures_reached(record_property):
    """Verbatim and lightly edited repeats are proposed, and negations are not, at least as
    well as when the method was tuned on this set; every kind's figures are printed."""
    figures, precision, recall, negations, lines = measured(
        "claim_pairs_heldout_2.json", "second held-out set, now development", record_property
    )
    assert precision >= DEVELOPED_PRECISION, lines
    assert recall >= DEVELOPED_RECALL, lines
    assert negations <= DEVELOPED_NEGATIONS_PROPOSED, figures["negation"]
