"""Measuring claim matching on a labelled set of statement pairs (claim_pairs_*.json).

The corpus is stored as statements; each pair's text is then matched against it. A pair of
the same claim is found when its stored statement is among the proposed candidates (top 5,
at or above the proposal threshold); a proposal is right when the statement it proposes
makes the text's claim. A hard negative is a miss when its stored statement is proposed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from django.db import connection
from django.utils.text import slugify

from claims.matching.candidates import PROPOSAL_THRESHOLD, candidates
from core.partial_dates import PartialDate
from tests import factories

HERE = Path(__file__).parent
# Sets tuned on: the dev set, and the first two held-out sets once their misses were read.
DEVELOPMENT_SETS = (
    "claim_pairs_dev.json",
    "claim_pairs_heldout.json",
    "claim_pairs_heldout_2.json",
)
HELD_OUT_SET = "claim_pairs_heldout_3.json"
# The floors for verbatim and lightly edited repeats, and for negations.
TARGET_PRECISION, TARGET_RECALL, TARGET_NEGATIONS_PROPOSED = 0.9, 0.95, 0
SAME_CLAIM_KINDS = ("verbatim", "lightly_edited", "reworded")
HARD_NEGATIVE_KINDS = ("negation", "opposite_position", "same_speaker_other_claim")


def labelled(name: str) -> dict:
    return json.loads((HERE / name).read_text())


def texts(labelled_set: dict) -> set[str]:
    """Every text of a labelled set, stored or matched."""
    return {entry["text"] for entry in labelled_set["corpus"]} | {
        pair["text"] for pair in labelled_set["pairs"]
    }


def measure(name: str) -> dict[str, dict]:
    """Per kind: pairs, found (same claim proposed), proposals, right proposals, misses (the
    pairs wrongly found or not found) and wrong proposals (pair, and the claim proposed)."""
    labelled_set = labelled(name)
    people = {}
    claim_of = {}
    stored = {}
    for entry in labelled_set["corpus"]:
        speaker = entry["speaker"]
        if speaker not in people:
            people[speaker] = factories.PersonFactory(name=speaker, slug=slugify(speaker))
        statement = factories.StatementFactory(
            speaker=people[speaker],
            text=entry["text"],
            said_on=PartialDate.parse(entry["said_on"]),
        )
        stored[entry["key"]] = statement.pk
        claim_of[statement.pk] = entry["claim"]
    figures: dict[str, dict] = defaultdict(
        lambda: {"pairs": 0, "found": 0, "proposals": 0, "right": 0, "misses": [], "wrong": []}
    )
    for pair in labelled_set["pairs"]:
        kind = figures[pair["kind"]]
        proposed = [found for found in candidates(pair["text"], limit=5) if found.proposed]
        ids = [found.statement.pk for found in proposed]
        kind["pairs"] += 1
        kind["proposals"] += len(ids)
        kind["right"] += sum(1 for pk in ids if claim_of[pk] == pair["claim"])
        kind["wrong"] += [(pair["id"], claim_of[pk]) for pk in ids if claim_of[pk] != pair["claim"]]
        if stored[pair["existing"]] in ids:
            kind["found"] += 1
            if not pair["same_claim"]:
                kind["misses"].append(pair["id"])
        elif pair["same_claim"]:
            kind["misses"].append(pair["id"])
    return dict(figures)


def report(figures: dict[str, dict], name: str) -> list[str]:
    """One line per kind: precision and recall, or how many hard negatives were proposed."""
    lines = [f"claim matching, {name}, {connection.vendor}, threshold {PROPOSAL_THRESHOLD}:"]
    for kind_name in (*SAME_CLAIM_KINDS, *HARD_NEGATIVE_KINDS):
        kind = figures[kind_name]
        precision = kind["right"] / kind["proposals"] if kind["proposals"] else 1.0
        if kind_name in SAME_CLAIM_KINDS:
            recall = kind["found"] / kind["pairs"]
            lines.append(
                f"  {kind_name:26} pairs {kind['pairs']:3}  precision {precision:.3f}  "
                f"recall {recall:.3f}"
            )
        else:
            lines.append(
                f"  {kind_name:26} pairs {kind['pairs']:3}  proposed as a repeat "
                f"{kind['found']:3} ({kind['found'] / kind['pairs']:.3f})"
            )
    for kind_name in (*SAME_CLAIM_KINDS, *HARD_NEGATIVE_KINDS):
        kind = figures[kind_name]
        if kind["misses"]:
            lines.append(f"  missed, {kind_name}: {', '.join(kind['misses'])}")
        if kind["wrong"] and kind_name in SAME_CLAIM_KINDS:
            wrong = ", ".join(f"{pair} -> {claim}" for pair, claim in kind["wrong"])
            lines.append(f"  wrongly proposed, {kind_name}: {wrong}")
    return lines


def combined(figures: dict[str, dict], names: tuple[str, ...]) -> tuple[float, float]:
    """Precision and recall over several kinds together."""
    proposals = sum(figures[name]["proposals"] for name in names)
    right = sum(figures[name]["right"] for name in names)
    found = sum(figures[name]["found"] for name in names)
    pairs = sum(figures[name]["pairs"] for name in names)
    return (right / proposals if proposals else 1.0), found / pairs


def summary(figures: dict[str, dict]) -> tuple[float, float, int, str]:
    """Verbatim and lightly edited precision and recall, negations proposed, and a line."""
    precision, recall = combined(figures, ("verbatim", "lightly_edited"))
    negations = figures["negation"]["found"]
    line = (
        f"  verbatim + lightly edited: precision {precision:.3f} (target {TARGET_PRECISION}), "
        f"recall {recall:.3f} (target {TARGET_RECALL}); negations proposed "
        f"{negations} (target {TARGET_NEGATIONS_PROPOSED})"
    )
    return precision, recall, negations, line


def measured(name: str, label: str, record_property) -> tuple[dict, float, float, int, list[str]]:
    """The set measured, its figures printed and kept for the run's summary: figures per
    kind, verbatim and lightly edited precision and recall, negations proposed, the lines."""
    figures = measure(name)
    precision, recall, negations, line = summary(figures)
    lines = [*report(figures, label), line]
    print("\n".join(lines))
    for each in lines:
        record_property("summary", each)
    assert sum(kind["pairs"] for kind in figures.values()) >= 200
    return figures, precision, recall, negations, lines
