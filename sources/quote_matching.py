"""Find a quotation in a source's text, tolerant of typography and of nothing else.

Tolerated: curly and straight quotation marks and apostrophes; the kinds of dash
(hyphen, en and em dash, minus, a double hyphen) and the spaces around them; any run
of whitespace (line breaks, non-breaking and thin spaces); letter case; quotation
marks around the whole quote and one trailing comma, full stop, colon or semicolon
(the attribution that follows a quote often turns its full stop into a comma); and an
ellipsis ("...", "…", "[…]") standing for words left out, provided the parts around
it appear in this order, each within ELLIPSIS_MAX_OMITTED characters of the one before.
Any other difference (a changed, added or missing word, other punctuation) is a miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An ellipsis omits words or a sentence or two, not pages.
ELLIPSIS_MAX_OMITTED = 500

_QUOTATION_MARKS = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',  # ‟
}
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212-")
# Characters that render as nothing; a copy-paste from a web page can carry them.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_ELLIPSIS = re.compile(r"\[?\s*(?:\u2026|\.\s?\.\s?\.)\s*\]?")
_ENCLOSING_MARKS = "\"' "
_TRAILING_PUNCTUATION = ".,;:"


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found: character offsets in the original text (end exclusive)."""

    start: int
    end: int


def normalize_for_matching(text: str) -> tuple[str, list[int]]:
    """The text in comparable form, and for each of its characters the offset it came from."""
    characters: list[tuple[str, int]] = []
    for offset, character in enumerate(text):
        if character in _INVISIBLE:
            continue
        character = _QUOTATION_MARKS.get(character, character)
        if character in _DASHES:
            character = "-"
        elif character.isspace():
            character = " "
        for lowered in character.lower():
            if lowered == " ":
                if not characters or characters[-1][0] in " -":
                    continue  # one space, and none after a dash
            elif lowered == "-":
                while characters and characters[-1][0] == " ":
                    characters.pop()  # no space before a dash
                if characters and characters[-1][0] == "-":
                    continue  # "--" is a dash too
            characters.append((lowered, offset))
    if characters and characters[-1][0] == " ":
        characters.pop()
    return "".join(c for c, _ in characters), [offset for _, offset in characters]


def _quote_parts(quote: str, *, loosen_ends: bool) -> list[str]:
    """The normalized pieces of the quote between its ellipses; with loosen_ends, without
    the quotation marks around it and its trailing full stop or comma."""
    parts = [normalize_for_matching(part)[0] for part in _ELLIPSIS.split(quote)]
    parts = [part for part in parts if part.strip(_ENCLOSING_MARKS)]
    if not parts:
        return []
    if loosen_ends:
        parts[0] = parts[0].lstrip(_ENCLOSING_MARKS)
        parts[-1] = parts[-1].rstrip(_ENCLOSING_MARKS)
        if parts[-1] and parts[-1][-1] in _TRAILING_PUNCTUATION:
            parts[-1] = parts[-1][:-1].rstrip(_ENCLOSING_MARKS)
    return [part.strip() for part in parts if part.strip()]


def find_quote(quote: str, text: str) -> QuoteMatch | None:
    """Where the quote occurs in the text (first occurrence, whole words), or None.

    The quote as given is looked for first, so a match includes the quotation marks the
    text has around it; then without them and its trailing punctuation.
    """
    haystack, offsets = normalize_for_matching(text)
    for loosen_ends in (False, True):
        parts = _quote_parts(quote, loosen_ends=loosen_ends)
        if not parts:
            return None
        for start in _occurrences(haystack, parts[0], 0, len(haystack)):
            end = _match_rest(haystack, parts[1:], start + len(parts[0]))
            if end is not None:
                return QuoteMatch(start=offsets[start], end=offsets[end - 1] + 1)
    return None


def _match_rest(haystack: str, parts: list[str], position: int) -> int | None:
    """The end of the remaining parts found in order after position, or None."""
    for part in parts:
        # The earliest next occurrence leaves the most room for the parts after it.
        limit = position + ELLIPSIS_MAX_OMITTED + len(part) + 2
        found = next(_occurrences(haystack, part, position, limit), None)
        if found is None:
            return None
        position = found + len(part)
    return position


def _occurrences(haystack: str, part: str, start: int, end: int):
    """Offsets where part occurs between start and end as whole words (not inside a word)."""
    found = haystack.find(part, start, end)
    while found != -1:
        after = found + len(part)
        starts_clean = not part[0].isalnum() or found == 0 or not haystack[found - 1].isalnum()
        ends_clean = (
            not part[-1].isalnum() or after == len(haystack) or not haystack[after].isalnum()
        )
        if starts_clean and ends_clean:
            yield found
        found = haystack.find(part, found + 1, end)
