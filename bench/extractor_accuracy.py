"""How often the quote extractor is right: on passages it was never tuned on, and on those it was.

Standalone (no database, no Django): `.venv/bin/python -m bench.extractor_accuracy`.
It prints precision and recall of (quote, speaker) pairs on the held-out passages (the
extractor's accuracy: quote_passages_heldout_13.json, written by an annotator who never read the
rules, and committed before the extractor was run on it), on the development passages (every
earlier set, which the rules were written against), what each misses, and how often
the proposals at each confidence are right (the calibration tables). `--markdown` prints the
figures and tables as docs/extractor.md shows them; `--fit` prints the confidences fitted on
the held-out set, and `--fit --write` puts them into `sources/quotes/extraction.py`
(CALIBRATION). `--blind FILE` scores one other labelled set, figures and calibration only,
never its misses: how a set kept unread for the next round is measured.

A pair is right when the labels have that quote with that speaker. A scare quote (labelled
"scare": a slogan, a title, a sign, words nobody says) is right with no speaker or not
proposed at all, and wrong with a speaker.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sources.quotes import QuoteProposal, extract_quotes
from sources.quotes.extraction import CALIBRATION, calibrated

PASSAGES = Path(__file__).resolve().parents[1] / "tests" / "sources"
HELD_OUT = PASSAGES / "quote_passages_heldout_13.json"
# The development passages: the first set, the first round's held-out and "unseen" sets, the
# issue's patterns, the second to twelfth rounds' held-out sets (their errors were read and
# listed in docs/extractor.md, so they measure nothing any more), and each round's own
# development passages: all read while rules were written.
DEVELOPMENT_SETS = {
    "first development set": PASSAGES / "quote_passages.json",
    "first round's held-out set": PASSAGES / "quote_passages_dev_2.json",
    "first round's unseen set": PASSAGES / "quote_passages_dev_3.json",
    "issue 23 patterns": PASSAGES / "quote_passages_dev_4.json",
    "second round's held-out set": PASSAGES / "quote_passages_frozen.json",
    "third round's development set": PASSAGES / "quote_passages_dev_5.json",
    "third round's held-out set": PASSAGES / "quote_passages_heldout_3.json",
    "fourth round's development set": PASSAGES / "quote_passages_dev_6.json",
    "fourth round's held-out set": PASSAGES / "quote_passages_heldout_4.json",
    "fifth round's held-out set": PASSAGES / "quote_passages_heldout_5.json",
    "sixth round's held-out set": PASSAGES / "quote_passages_heldout_6.json",
    "seventh round's held-out set": PASSAGES / "quote_passages_heldout_7.json",
    "eighth round's held-out set": PASSAGES / "quote_passages_heldout_8.json",
    "ninth round's held-out set": PASSAGES / "quote_passages_heldout_9.json",
    "tenth round's held-out set": PASSAGES / "quote_passages_heldout_10.json",
    "eleventh round's held-out set": PASSAGES / "quote_passages_heldout_11.json",
    "twelfth round's held-out set": PASSAGES / "quote_passages_heldout_12.json",
}
EXTRACTION_MODULE = Path(__file__).resolve().parents[1] / "sources" / "quotes" / "extraction.py"
# How many proposals' worth of weight the rules' own score has against the held-out counts:
# a bin of nine right proposals is not taken to be right every time.
SMOOTHING = 10


def load_passages(path: Path) -> list[dict]:
    """The passages of one labelled set."""
    return json.loads(path.read_text())["passages"]


def development_passages() -> list[dict]:
    """Every development passage, the sets one after the other."""
    return [passage for path in DEVELOPMENT_SETS.values() for passage in load_passages(path)]


def speaker_of(proposal: QuoteProposal) -> int | str | None:
    """A known person's id, else the name or description as written, else None."""
    return proposal.speaker_id if proposal.speaker_id is not None else proposal.speaker_name


@dataclass
class Judged:
    """One proposal and whether its (quote, speaker) pair is right (None: not counted)."""

    proposal: QuoteProposal
    right: bool | None


@dataclass
class Score:
    """Precision and recall of (quote, speaker) pairs over one set of passages."""

    name: str
    passages: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    scare_quotes_with_a_speaker: list[tuple[str, int | str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / ((self.right + self.wrong) or 1)

    @property
    def recall(self) -> float:
        return self.right / ((self.right + self.missed) or 1)

    def summary(self) -> str:
        return (
            f"{self.name} ({self.passages} passages): precision {self.precision:.3f}, "
            f"recall {self.recall:.3f} ({self.right} right, {self.wrong} wrong, "
            f"{self.missed} missed; {len(self.scare_quotes_with_a_speaker)} scare quote(s) "
            "with a speaker)"
        )


def score(name: str, passages: list[dict]) -> Score:
    """Run the extractor on every passage and count right, wrong and missed pairs."""
    result = Score(name, passages=len(passages))
    for passage in passages:
        proposals = extract_quotes(passage["text"], passage["people"])
        scare = {label["quote"] for label in passage["expected"] if label.get("scare")}
        expected = {
            (label["quote"], label["speaker"])
            for label in passage["expected"]
            if not label.get("scare")
        }
        found = set()
        for proposal in proposals:
            pair = (proposal.quote, speaker_of(proposal))
            if proposal.quote in scare:
                if pair[1] is not None:
                    result.scare_quotes_with_a_speaker.append(pair)
                    found.add(pair)
                    result.judged.append(Judged(proposal, False))
                else:
                    result.judged.append(Judged(proposal, True))
                continue
            found.add(pair)
            result.judged.append(Judged(proposal, pair in expected))
        result.right += len(found & expected)
        result.wrong += len(found - expected)
        result.missed += len(expected - found)
        if found != expected:
            result.misses.append(
                f"  {passage['pattern']}: wrong {sorted(found - expected, key=str)}, "
                f"missed {sorted(expected - found, key=str)}"
            )
    return result


@dataclass
class CalibrationRow:
    """The proposals given one confidence, and how many of them are right."""

    confidence: float
    proposals: int
    right: int

    @property
    def share_right(self) -> float:
        return self.right / self.proposals


def calibration(judged: list[Judged], fitted=None) -> list[CalibrationRow]:
    """How many proposals at each confidence are right, highest confidence first; with fitted,
    the confidences that calibration would give their rule scores instead of their own."""
    rows: dict[float, CalibrationRow] = {}
    for item in judged:
        if item.right is None:
            continue
        confidence = (
            item.proposal.confidence if fitted is None else calibrated(item.proposal.score, fitted)
        )
        row = rows.setdefault(confidence, CalibrationRow(confidence, 0, 0))
        row.proposals += 1
        row.right += item.right
    return sorted(rows.values(), key=lambda row: -row.confidence)


def cross_fitted_calibration(passages: list[dict]) -> list[CalibrationRow]:
    """Calibration checked on passages it was not fitted on: fitted on every other held-out
    passage and applied to the rest, then the other way round, the two halves' rows added."""
    halves = [passages[0::2], passages[1::2]]
    judged = [score("half", half).judged for half in halves]
    rows: dict[float, CalibrationRow] = {}
    for fitted_on, checked_on in ((0, 1), (1, 0)):
        for row in calibration(judged[checked_on], fit_calibration(judged[fitted_on])):
            total = rows.setdefault(row.confidence, CalibrationRow(row.confidence, 0, 0))
            total.proposals += row.proposals
            total.right += row.right
    return sorted(rows.values(), key=lambda row: -row.confidence)


def calibration_table(rows: list[CalibrationRow]) -> list[str]:
    """The calibration rows as a Markdown table."""
    lines = ["| confidence | proposals | right | share right |", "| ---: | ---: | ---: | ---: |"]
    lines += [
        f"| {row.confidence:.2f} | {row.proposals} | {row.right} | {row.share_right:.2f} |"
        for row in rows
    ]
    return lines


def fit_calibration(
    judged: list[Judged], bounds: tuple[float, ...] = tuple(bound for bound, _ in CALIBRATION)
) -> tuple[tuple[float, float], ...]:
    """For each band of rule scores (from a bound up to the next), the share of its proposals
    that are right, smoothed toward the band's mean score by SMOOTHING proposals.

    A lower rule score never gets a higher confidence than a higher one: where a band's share
    comes out above the band over it, the two are pooled and share one confidence (pooling
    adjacent violators), since the ranking of the rules is kept and only its scale is fitted.
    """
    pooled: list[tuple[list[float], list[Judged]]] = []
    upper = float("inf")
    for bound in sorted(bounds, reverse=True):
        band = [
            item
            for item in judged
            if item.right is not None and bound <= item.proposal.score < upper
        ]
        pooled.append(([bound], band))
        while len(pooled) > 1 and _smoothed_share(pooled[-1]) > _smoothed_share(pooled[-2]):
            lower_bounds, lower_band = pooled.pop()
            higher_bounds, higher_band = pooled.pop()
            pooled.append((higher_bounds + lower_bounds, higher_band + lower_band))
        upper = bound
    return tuple((bound, _smoothed_share(group)) for group in pooled for bound in group[0])


def _smoothed_share(group: tuple[list[float], list[Judged]]) -> float:
    """The share of a band's proposals that are right, smoothed toward their mean score."""
    bounds, band = group
    mean_score = sum(item.proposal.score for item in band) / len(band) if band else min(bounds)
    right = sum(item.right for item in band)
    return round((right + SMOOTHING * mean_score) / (len(band) + SMOOTHING), 2)


def measure() -> tuple[Score, Score]:
    """The held-out score (the extractor's accuracy) and the development score."""
    return (
        score("held-out set", load_passages(HELD_OUT)),
        score("development set", development_passages()),
    )


def measure_development_sets() -> list[Score]:
    """The score of each development set on its own."""
    return [score(name, load_passages(path)) for name, path in DEVELOPMENT_SETS.items()]


def write_calibration(fitted: tuple[tuple[float, float], ...], module: Path = EXTRACTION_MODULE):
    """Replace the CALIBRATION line of the extraction module with the fitted confidences."""
    source = module.read_text()
    updated, count = re.subn(
        r"^CALIBRATION = .*$", f"CALIBRATION = {fitted}", source, count=1, flags=re.MULTILINE
    )
    if count != 1:
        raise SystemExit(f"No CALIBRATION line in {module}.")
    module.write_text(updated)


def main(argv: list[str] | None = None) -> tuple[Score, ...]:
    """Print the scores, their misses and the calibration tables; return the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="Tables as in the docs.")
    parser.add_argument("--fit", action="store_true", help="Confidences fitted on held-out.")
    parser.add_argument("--write", action="store_true", help="With --fit: write them.")
    parser.add_argument(
        "--blind",
        type=Path,
        metavar="FILE",
        help="Only this labelled set: its figures and how often each confidence was right, "
        "never its misses (a set kept for the next round stays unread).",
    )
    options = parser.parse_args(argv)
    if options.blind:
        result = score(options.blind.name, load_passages(options.blind))
        print(("- " if options.markdown else "") + result.summary())
        print(f"\nCalibration on {options.blind.name}:\n")
        print("\n".join(calibration_table(calibration(result.judged))))
        return (result,)
    results = measure()
    if options.fit:
        fitted = fit_calibration(results[0].judged)
        print(f"CALIBRATION = {fitted}")
        if options.write:
            write_calibration(fitted)
            print(f"written to {EXTRACTION_MODULE}")
        return results
    each = measure_development_sets()
    for result in (*results, *each):
        print(("- " if options.markdown else "") + result.summary())
    for result in results:
        print(f"\nCalibration on the {result.name}:\n")
        print("\n".join(calibration_table(calibration(result.judged))))
    print("\nCalibration on the held-out set, each half fitted on the other half:\n")
    print("\n".join(calibration_table(cross_fitted_calibration(load_passages(HELD_OUT)))))
    if not options.markdown:
        for result in results:
            print(f"\nWhat the {result.name} misses:")
            print("\n".join(result.misses) or "  nothing")
    return results


if __name__ == "__main__":
    main()
