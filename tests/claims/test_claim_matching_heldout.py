"""Claim matching on the first held-out set (claim_pairs_heldout.json), now a development set.

It was written before the method and measured once (docs/claim-matching.md gives that first
run: verbatim and lightly edited precision 0.767, recall 0.988, 6 negations proposed). Its
misses were then read and the method changed to mend them, so it is no held-out set any
more: it is tuned on, like claim_pairs_dev.json and (since its misses were read too)
claim_pairs_heldout_2.json, and its figures here are regression floors for the development
work. The honest measure is tests/claims/test_claim_matching_heldout_3.py.
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

# The figures reached on this (development) set after tuning on it (1.000, 1.000, 0 on
# SQLite and PostgreSQL, 3 December 2026); regression floors.
DEVELOPED_PRECISION, DEVELOPED_RECALL, DEVELOPED_NEGATIONS_PROPOSED = 0.99, 0.99, 0


@pytest.mark.django_db
def test_development_pairs_keep_the_figures_reached(record_property):
    """Verbatim and lightly edited repeats are proposed, and negations are not, at least as
    well as when the method was tuned on this set; every kind's figures are printed."""
    figures, precision, recall, negations, lines = measured(
        "claim_pairs_heldout.json", "first held-out set, now development", record_property
    )
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
