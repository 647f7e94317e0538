"""Write the benchmark's tables into the docs from a results file, never by hand.

    .venv/bin/python -m bench.report            # rewrite docs/bench.md and README.md
    .venv/bin/python -m bench.report --check    # exit 1 if they differ from the results

Each generated part sits between `<!-- bench-report:NAME -->` and `<!-- /bench-report:NAME -->`
in the documents; everything outside the markers is prose and left alone. The parts: `read`,
`cached` and `mixed` (the records of each scenario), `summary` (each endpoint's ratio to the
baseline and p50 per scale) and `provenance` (the commit, time, host and seed of each group of
records, or that they were not recorded).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bench.measure import RESULTS, ROOT, Record, markdown_table

DOCUMENTS = (ROOT / "docs" / "bench.md", ROOT / "README.md")
_PART = re.compile(
    r"(<!-- bench-report:(?P<name>[a-z]+) -->\n)(?P<body>.*?)(<!-- /bench-report:(?P=name) -->)",
    re.DOTALL,
)


def load(path: Path) -> list[Record]:
    return [Record(**raw) for raw in json.loads(path.read_text())]


def scenario_table(scenario: str) -> Callable[[list[Record]], str]:
    def table(records: list[Record]) -> str:
        chosen = [record for record in records if record.scenario == scenario]
        return markdown_table(chosen) if chosen else "_No records of this scenario._"

    return table


def summary(records: list[Record]) -> str:
    """Per endpoint read uncached: ratio to the baseline (p50 ms) at each scale."""
    read = [record for record in records if record.scenario == "read"]
    scales = sorted({record.statements for record in read})
    endpoints = list(dict.fromkeys(record.endpoint for record in read))
    found = {(record.endpoint, record.statements): record for record in read}
    lines = [
        "| endpoint | " + " | ".join(f"{scale:,}: x baseline (p50 ms)" for scale in scales) + " |",
        "| --- |" + " ---: |" * len(scales),
    ]
    for endpoint in endpoints:
        cells = []
        for scale in scales:
            record = found.get((endpoint, scale))
            if record is None:
                cells.append("-")
                continue
            ratio = "-" if record.ratio_to_baseline is None else f"{record.ratio_to_baseline:.2f}"
            p50 = "-" if record.p50_ms is None else f"{record.p50_ms:.1f}"
            cells.append(f"{ratio} ({p50})")
        lines.append(f"| {endpoint} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def provenance(records: list[Record]) -> str:
    """One line per scenario and scale: where its figures come from."""
    lines = []
    groups = dict.fromkeys((record.scenario, record.statements) for record in records)
    for scenario, statements in groups:
        group = [r for r in records if (r.scenario, r.statements) == (scenario, statements)]
        first = group[0]
        if not first.commit:
            origin = "provenance not recorded (measured before records carried it)"
        else:
            times = sorted(record.measured_at for record in group)
            origin = (
                f"commit `{first.commit}`, {times[0]} to {times[-1]}, {first.host}, "
                f"dataset seed {first.seed}"
            )
        lines.append(f"- `{scenario}` at {statements:,} statements: {origin}")
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


# The run before the one-shape change (#17), kept so its figures stay comparable with today's.
BEFORE = RESULTS / "before-one-shape.json"


def before_after(records: list[Record]) -> str:
    """Per endpoint and scale, read uncached: ratio to the baseline before -> now, and p50."""
    if not BEFORE.exists():
        return f"_No {BEFORE.name} to compare with._"
    before = {(r.endpoint, r.statements): r for r in load(BEFORE) if r.scenario == "read"}
    now = [r for r in records if r.scenario == "read"]
    lines = [
        "| endpoint | statements | x baseline before | x baseline now | change | p50 ms before | p50 ms now |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for record in now:
        if record.ratio_to_baseline is None:
            continue
        old = before.get((record.endpoint, record.statements))
        if old is None or not old.ratio_to_baseline:
            change, old_ratio, old_p50 = "new", "-", "-"
        else:
            change = f"{record.ratio_to_baseline / old.ratio_to_baseline - 1:+.0%}"
            old_ratio, old_p50 = f"{old.ratio_to_baseline:.2f}", _ms(old.p50_ms)
        lines.append(
            f"| {record.endpoint} | {record.statements:,} | {old_ratio} | "
            f"{record.ratio_to_baseline:.2f} | {change} | {old_p50} | {_ms(record.p50_ms)} |"
        )
    return "\n".join(lines)


PARTS: dict[str, Callable[[list[Record]], str]] = {
    "read": scenario_table("read"),
    "cached": scenario_table("cached"),
    "mixed": scenario_table("mixed"),
    "summary": summary,
    "provenance": provenance,
    "beforeafter": before_after,
}


def rendered(text: str, records: list[Record]) -> str:
    """`text` with every generated part rewritten from the records."""

    def part(match: re.Match) -> str:
        name = match.group("name")
        if name not in PARTS:
            raise ValueError(f"unknown bench-report part {name!r} (known: {', '.join(PARTS)})")
        return f"{match.group(1)}{PARTS[name](records)}\n{match.group(4)}"

    return _PART.sub(part, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.report", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--results", type=Path, default=RESULTS / "latest.json")
    parser.add_argument(
        "--check", action="store_true", help="Change nothing; exit 1 if a document is stale."
    )
    args = parser.parse_args(argv)
    if not args.results.exists():
        print(f"bench-report: no results file at {args.results}", file=sys.stderr)
        return 1
    records = load(args.results)
    stale = []
    for document in DOCUMENTS:
        text = document.read_text()
        if not _PART.search(text):
            continue
        new = rendered(text, records)
        if new != text:
            stale.append(document.relative_to(ROOT))
            if not args.check:
                document.write_text(new)
    if args.check and stale:
        names = ", ".join(map(str, stale))
        print(f"bench-report: {names} differ from {args.results.name}", file=sys.stderr)
        return 1
    print(f"bench-report: {'rewrote ' + ', '.join(map(str, stale)) if stale else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
