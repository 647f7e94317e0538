"""Print two load-test results side by side: primary only, and with anonymous reads on replicas.

    python -m bench.side_by_side bench/results/mixed-primary.json bench/results/mixed-replica.json

Each file is bench.measure's --output of one `--scenario mixed` run (the second run with
--replica-urls). Figures of the same machine and dataset, one run each: compare, do not quote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COLUMNS = (("rps", ".1f"), ("p50_ms", ".1f"), ("p95_ms", ".1f"), ("p99_ms", ".1f"), ("errors", "d"))


def side_by_side(primary: list[dict], replica: list[dict]) -> str:
    """A Markdown table of every mixed-load row found in both runs."""
    with_replica = {
        (r["endpoint"], r["statements"]): r for r in replica if r["scenario"] == "mixed"
    }
    head = ["endpoint", "statements"]
    head += [f"{name} primary only" for name, _ in COLUMNS]
    head += [f"{name} with replica" for name, _ in COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "| --- " * len(head) + "|"]
    for row in (r for r in primary if r["scenario"] == "mixed"):
        other = with_replica.get((row["endpoint"], row["statements"]))
        if other is None:
            continue
        cells = [row["endpoint"], f"{row['statements']:,}"]
        for record in (row, other):
            cells += [
                "-" if record.get(name) is None else format(record[name], form)
                for name, form in COLUMNS
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.side_by_side PRIMARY.json REPLICA.json", file=sys.stderr)
        return 2
    try:
        primary, replica = (json.loads(Path(path).read_text()) for path in argv)
    except (OSError, ValueError) as error:
        print(f"bench: cannot read the results ({error})", file=sys.stderr)
        return 1
    print(side_by_side(primary, replica))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
