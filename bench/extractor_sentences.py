"""The quote extractor with its own sentence splitter, and with spaCy's blank English sentencizer.

`.venv/bin/python -m bench.extractor_sentences` scores both splitters on the development
passages (each set and all together: the comparison that decides which splitter the extractor
uses) and prints how fast each reads the long synthetic article of bench.extractor.
`--held-out` adds the held-out figures (for the record, once the choice is made: the
held-out set decides nothing). spaCy needs no model download: `spacy.blank("en")` and its
rule-based `sentencizer` (sources/quotes/sentences.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager

from bench import extractor, extractor_accuracy
from sources.quotes import extraction


@contextmanager
def splitter(name: str):
    """Run the extractor with the named sentence splitter ("own" or "spacy") inside the block."""
    chosen = extraction.SENTENCE_SPLITTER
    extraction.SENTENCE_SPLITTER = name
    try:
        yield
    finally:
        extraction.SENTENCE_SPLITTER = chosen


def main(argv: list[str] | None = None) -> dict:
    """Print both splitters' scores and speeds; return them by splitter name."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=500, help="Article length for speed.")
    parser.add_argument("--held-out", action="store_true", help="Also score the held-out set.")
    options = parser.parse_args(argv)
    try:
        import spacy  # noqa: F401
    except ImportError:
        sys.exit("spaCy is not installed: .venv/bin/pip install -r requirements.txt")
    results = {}
    article = extractor.synthetic_article(options.paragraphs)
    for name in ("own", "spacy"):
        with splitter(name):
            scores = [
                extractor_accuracy.score(
                    "development set", extractor_accuracy.development_passages()
                ),
                *extractor_accuracy.measure_development_sets(),
            ]
            if options.held_out:
                scores.append(
                    extractor_accuracy.score(
                        "held-out set",
                        extractor_accuracy.load_passages(extractor_accuracy.HELD_OUT),
                    )
                )
            seconds = float("inf")
            for _ in range(3):  # The best of three runs.
                started = time.perf_counter()
                extraction.extract_quotes(article, extractor.PEOPLE)
                seconds = min(seconds, time.perf_counter() - started)
        results[name] = (*scores, seconds)
        print(f"{name} sentence splitter:")
        for result in scores:
            print(f"  {result.summary()}")
        print("\n".join(f"  {miss}" for miss in scores[0].misses))
        print(f"  {len(article) / seconds:,.0f} characters/s on {len(article):,} characters")
    return results


if __name__ == "__main__":
    main()
