"""Find the quoted passages in an article's text, and who said them, about whom and where.

Deterministic plain-Python rules, no model and no network. The text is read in
document order, one sentence at a time, keeping track of the person each
sentence is about (its grammatical subject), so that "he told CNN" resolves to
the person the text is talking about. A quote gets its speaker from, in order:
an attribution right after it ("...," Smith said), one right before it in the
same sentence (Smith said: "..."), the sentence before it when that one ends in
a colon, the quote before it in a run of quotes from one speaker, or the
sentence after it. Written sources count ("Vance's website read:", "the post read"
after "Brisco posted ..."). When none of those names anyone, the speaker stays
empty: no speaker is better than a wrong one. Each proposal's confidence is
calibrated on held-out passages; below CHECK_THE_SPEAKER_BELOW editors are asked
to check the speaker (docs/extractor.md).

This module imports nothing from Django, so it runs anywhere (tests, the
benchmark, the command line); callers pass the known people as plain data.
"""

from sources.quotes.extraction import KnownPerson, QuoteProposal, extract_quotes, people_mentioned

__all__ = ["KnownPerson", "QuoteProposal", "extract_quotes", "people_mentioned"]
