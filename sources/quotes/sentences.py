"""Where the sentences of a paragraph end: the extractor's own rule (a stop before a capital,
not after a known abbreviation's dot) or spaCy's blank English pipeline with its rule-based
sentencizer (no model, no download). Which one the extractor uses is SENTENCE_SPLITTER in
`sources/quotes/extraction.py`; `python -m bench.extractor_sentences` compares them."""

from __future__ import annotations

from functools import cache

from sources.quotes.vocabulary import ABBREVIATION_BEFORE_DOT, SENTENCE_END

# An opening quote mark or bracket belongs to the sentence it opens.
OPENERS = "“\"‘'«(["


def own_sentence_stops(text: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each stop that ends a sentence between start and end, and where the next one starts: a
    full stop, a question or an exclamation mark before a capital, not an abbreviation's dot
    ("Sen.", "U.S."). masked is the text with the insides of quotes blanked."""
    return [
        (match.start(), match.end())
        for match in SENTENCE_END.finditer(text, start, end)
        if not ABBREVIATION_BEFORE_DOT.search(masked[max(start, match.start() - 6) : match.start()])
    ]


@cache
def _spacy_pipeline():
    import spacy

    language = spacy.blank("en")
    language.add_pipe("sentencizer")
    return language


def spacy_sentence_stops(text: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The same stops as spaCy's sentencizer finds them in the paragraph as written."""
    stops = []
    for sentence in list(_spacy_pipeline()(text[start:end]).sents)[1:]:
        cut = start + sentence.start_char
        before = text[start:cut].rstrip()
        # spaCy keeps an opening quote mark with the sentence before ('said. “We'): the next
        # sentence starts at the mark.
        while before and before[-1] in OPENERS:
            cut = start + len(before) - 1
            before = before[:-1].rstrip()
        if before:
            stops.append((start + len(before) - 1, cut))
    return stops


SPLITTERS = {"own": own_sentence_stops, "spacy": spacy_sentence_stops}
