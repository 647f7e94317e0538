"""The quote extractor with its own sentence splitter, and with spaCy's blank English sentencizer.

`.venv/bin/python -m bench.extractor_sentences` scores both splitters on the held-out, the
development and the unseen passages (bench.extractor_accuracy) and prints how fast each reads the long
synthetic article of bench.extractor. spaCy is not a requirement of the project (its splitter
measured worse, docs/extractor.md); this comparison needs it installed
(`.venv/bin/pip install spacy==3.8.18`, no model download: `spacy.blank("en")`).
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager

from bench import extractor, extractor_accuracy
from sources.quotes import extraction


def spacy_sentence_stops(language):
    """A replacement for the extractor's sentence stops that asks spaCy's sentencizer."""

    def sentence_stops(self, start: int, end: int) -> list[tuple[int, int]]:
        # The paragraph as written, as the extractor's own splitter reads it; stops inside
        # quotes are set aside by the extractor afterwards, whichever splitter found them.
        stops = []
        for sentence in list(language(self.text[start:end]).sents)[1:]:
            cut = start + sentence.start_char
            before = self.text[start:cut].rstrip()
            # spaCy keeps an opening quote mark with the sentence before ('said. “We'): the
            # next sentence starts at the mark, as in the extractor's own splitter.
            while before and before[-1] in "“\"‘'«(":
                cut = start + len(before) - 1
                before = before[:-1].rstrip()
            stops.append((start + len(before) - 1, cut))
        return stops

    return sentence_stops


@contextmanager
def splitter(name: str):
    """Run the extractor with the named sentence splitter ("own" or "spacy") inside the block."""
    if name == "own":
        yield
        return
    import spacy

    language = spacy.blank("en")
    language.add_pipe("sentencizer")
    own = extraction._Extraction._sentence_stops
    extraction._Extraction._sentence_stops = spacy_sentence_stops(language)
    try:
        yield
    finally:
        extraction._Extraction._sentence_stops = own


def main(argv: list[str] | None = None) -> dict:
    """Print both splitters' scores and speeds; return them by splitter name."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=500, help="Article length for speed.")
    options = parser.parse_args(argv)
    try:
        import spacy  # noqa: F401
    except ImportError:
        sys.exit("spaCy is not installed: .venv/bin/pip install spacy==3.8.18")
    results = {}
    article = extractor.synthetic_article(options.paragraphs)
    for name in ("own", "spacy"):
        with splitter(name):
            scores = extractor_accuracy.measure()
            seconds = float("inf")
            for _ in range(3):  # The best of three runs.
                started = time.perf_counter()
                extraction.extract_quotes(article, extractor.PEOPLE)
                seconds = min(seconds, time.perf_counter() - started)
        results[name] = (*scores, seconds)
        print(f"{name} sentence splitter:")
        for result in scores:
            print(f"  {result.summary()}")
            print("\n".join(f"  {miss}" for miss in result.misses))
        print(f"  {len(article) / seconds:,.0f} characters/s on {len(article):,} characters")
    return results


if __name__ == "__main__":
    main()
