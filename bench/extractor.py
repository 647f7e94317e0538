"""How fast the quote extractor reads: characters per second on a long synthetic article.

Standalone (no database, no Django): `.venv/bin/python -m bench.extractor [--paragraphs N]`.
`make bench` calls `main()`; `measure()` returns the figures for other scripts.
"""

from __future__ import annotations

import argparse
import time

from sources.quotes import extract_quotes

PEOPLE = [
    (1, "Zohran Mamdani", ("Mamdani",)),
    (2, "Ana Flores", ("Flores",)),
    (3, "Peter Novak", ("Novak",)),
    (4, "Rodney Harrison", ("Harrison",)),
    *((100 + n, f"Council Member {n}", (f"Member{n}",)) for n in range(200)),
]
# Varied paragraphs: every attribution pattern the extractor knows, and plain prose.
PARAGRAPHS = (
    "Ana Flores chairs the budget committee. “We need more money for the parks, not less,” she said.",
    "Peter Novak, the city's treasurer, disagreed. “There is no more money to give,” he told NY1.",
    "“The buses are late because there are not enough drivers,” said Rodney Harrison, a former chief.",
    "According to a senior aide, the talks stalled over “a handful of riders nobody cares about.”",
    "Flores said Mamdani had promised “a full audit of the pension fund before the end of the year.”",
    "The council voted 7-2 on Tuesday to close the shelter after a long and heated debate.",
    "Novak put it plainly at the start of his speech:\n“We will not close a single library.”",
    "“It is not about the money,” Mamdani said Monday at an event at Columbia University, “it is about who gets a say.”",
    "A banner above the stage read “Housing is a human right for every family.”",
    "HEADLINE IN CAPITALS ABOUT THE BUDGET FIGHT",
    "Residents packed the gym. “Nobody asked us before the trucks came,” said Beatrice Kowalski.",
    "Officials called the plan a “giveaway” in a statement released late on Friday night.",
)


def synthetic_article(paragraphs: int) -> str:
    """A long article made of the varied paragraphs above, repeated in a shifting order."""
    count = len(PARAGRAPHS)
    return "\n".join(PARAGRAPHS[(n * 7 + n // count) % count] for n in range(paragraphs))


def measure(paragraphs: int = 2000, rounds: int = 3) -> dict:
    """Extract quotes from a synthetic article; the best of a few rounds, in characters per second."""
    text = synthetic_article(paragraphs)
    best, found = float("inf"), 0
    for _ in range(rounds):
        started = time.perf_counter()
        found = len(extract_quotes(text, PEOPLE))
        best = min(best, time.perf_counter() - started)
    return {
        "characters": len(text),
        "quotes": found,
        "seconds": round(best, 4),
        "characters_per_second": round(len(text) / best),
    }


def main(argv: list[str] | None = None) -> dict:
    """Print the extractor's speed on a long article, and return the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000, help="Article length.")
    parser.add_argument("--rounds", type=int, default=3, help="Timed runs; the best is kept.")
    options = parser.parse_args(argv)
    if options.paragraphs < 1 or options.rounds < 1:
        parser.error("--paragraphs and --rounds must be at least 1")
    figures = measure(options.paragraphs, options.rounds)
    print(
        f"quote extractor: {figures['characters_per_second']:,} characters/s "
        f"({figures['characters']:,} characters, {figures['quotes']} quotes, "
        f"best of {options.rounds}: {figures['seconds']} s)"
    )
    return figures


if __name__ == "__main__":
    main()
