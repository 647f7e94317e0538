"""Claim matching on the development sets: the first and second held-out sets
(claim_pairs_heldout.json, claim_pairs_heldout_2.json) and the dev set.

Each held-out set was written and committed before the method it measured was changed, and
measured once (docs/claim-matching.md gives those runs: the first, verbatim and lightly edited
precision 0.767, recall 0.988, 6 negations proposed; the second, 0.888, 0.988 and 5, the
same on SQLite and PostgreSQL, 3 December 2026). Their misses were then read and the method
changed to mend them, so they are no held-out sets any more: they are tuned on, like
claim_pairs_dev.json, and their figures here are regression floors for the development work.
The honest measure is tests/claims/test_claim_matching_heldout_3.py.
"""

from __future__ import annotations

import itertools

import pytest

from claims.models import Statement
from tests.claims.claim_pairs import (
    DEVELOPMENT_SETS,
    HELD_OUT_SET,
    labelled,
    measure,
    measured,
    report,
    summary,
    texts,
)

# The figures reached on each of these (development) sets after tuning on them (1.000, 1.000,
# 0 on SQLite and PostgreSQL, 3 December 2026); regression floors.
DEVELOPED_PRECISION, DEVELOPED_RECALL, DEVELOPED_NEGATIONS_PROPOSED = 0.99, 0.99, 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("claim_pairs_heldout.json", "first held-out set, now development"),
        ("claim_pairs_heldout_2.json", "second held-out set, now development"),
    ],
)
def test_development_pairs_keep_the_figures_reached(record_property, name, title):
    """Verbatim and lightly edited repeats are proposed, and negations are not, at least as
    well as when the method was tuned on this set; every kind's figures are printed."""
    figures, precision, recall, negations, lines = measured(name, title, record_property)
    assert precision >= DEVELOPED_PRECISION, lines
    assert recall >= DEVELOPED_RECALL, lines
    assert negations <= DEVELOPED_NEGATIONS_PROPOSED, figures["negation"]


@pytest.mark.django_db
def test_the_dev_set_keeps_the_figures_reached(record_property):
    """The dev set (30 pairs, too few for the issue's measure) keeps what was reached on it
    (precision 1.000, recall 1.000, no negation proposed, on SQLite and PostgreSQL)."""
    figures = measure("claim_pairs_dev.json")
    precision, recall, negations, line = summary(figures)
    lines = [*report(figures, "dev set"), line]
    print("\n".join(lines))
    assert (precision, recall, negations) == (1.0, 1.0, 0), lines


@pytest.mark.django_db
def test_the_held_out_set_is_kept_apart_from_the_development_sets():
    """No text of any development set is in the held-out set, nor of one in another."""
    development = [texts(labelled(name)) for name in DEVELOPMENT_SETS]
    held_out = texts(labelled(HELD_OUT_SET))
    for one, other in itertools.combinations([*development, held_out], 2):
        assert not one & other
    assert Statement.objects.count() == 0
