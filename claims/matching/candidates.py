"""Candidates: the statements on record that may make the same claim as a text.

Two steps, both bounded. First the database's own indexes find at most RETRIEVED
statements per index that may repeat the text. On PostgreSQL: the statements whose
fingerprint (`fingerprint`, claims.0018: the smallest hashes of the text's runs of three
key words) shares values with the text's, most shared first (verbatim and lightly edited
repeats); and, for rewordings, the stored full-text document of claims.0009 matching any two
of the text's rarest key words, only those the table's statistics put in few statements (a
word in a fifth of them cannot be looked up in bounded time). On SQLite the FTS5 table of
claims.0010, ranked by bm25. Then each is scored here, the same way on both databases:
rapidfuzz's ratios over the words as written, and the share of key words (stemmed) the two
texts have in common, averaged.

A negation or an opposite position is not a repeat, however many words it shares: "we will
never defund the police" against "defund the police". A text that reads like a repeat is
then read for what it says, and marked `opposed` (its score halved, below the proposal
threshold) when one text denies what the other asserts (what each negation reaches is
compared, not how many negations there are: "paid by foreign countries, not by consumers"
against "not paid by foreign countries; paid by consumers"; a denial frame such as "it is a
myth that X" is a negation of X; "no" reaches only its noun phrase, "with no loss of pay",
and "against" negates only after a verb of taking sides), when one says a word and the other
its opposite (raise / cut, fair / unfair), when nearly the same words stand in swapped roles
("A leads B" against "B leads A") or move across "than" or "and" while others stay ("A pays
more than B" against "B pays more than A"), or when, where the two differ, a clause's verb,
a figure or a phrase of two words or more is replaced ("would save" against "would cost", 15
against 7.25, "teen use" against "traffic deaths"). A synonym from a short list ("banned",
"barred") is no change.

Figures for this method come from tests/claims/test_claim_matching_heldout_3.py, on a
labelled set written before it (tests/claims/claim_pairs_heldout_3.json); it was tuned on
tests/claims/claim_pairs_dev.json and on the first and second held-out sets
(claim_pairs_heldout.json, claim_pairs_heldout_2.json), which had been seen and became
development sets.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from django.db import connections, router
from django.utils.safestring import SafeString
from rapidfuzz import fuzz

from claims.models import Statement
from claims.search import highlight_matches
from core.full_text import STOP_WORDS

# A candidate scoring this much (out of 100) is proposed to the editor as a likely repeat.
PROPOSAL_THRESHOLD = 70.0
# How many statements the indexes return for scoring, per index.
RETRIEVED = 40
# How many key words of a text are looked up (a 4,000-character text has hundreds).
LOOKED_UP_TERMS = 32
# On PostgreSQL, how many of the rarest key words are paired (any two must match).
PAIRED_TERMS = 6
# On PostgreSQL, a key word is looked up for rewordings only if the table's statistics put it
# in at most this many statements: the full-text index reads a word's whole list of rows, and
# the pairs of six such words are ranked, so this bounds the lookup's cost whatever the
# table's size (docs/claim-matching.md).
MOST_ROWS_PER_TERM = 1000
# A text's fingerprint: the hashes of its runs of SHINGLE_WORDS key words, the
# FINGERPRINT_SIZE smallest kept. A repeat keeps most of them; texts that merely share words
# hardly ever share one.
SHINGLE_WORDS = 3
FINGERPRINT_SIZE = 10
# How many values a statement's fingerprint must share with a long text's to be retrieved
# (all of its own, if it has fewer): one in common is as likely chance as a repeat. A short
# text's fingerprint holds all its runs (fewer than FINGERPRINT_SIZE), and a light edit of it
# may keep only one: one is enough.
SHARED_VALUES = 2
# Beyond the longest statement (claims.models.STATEMENT_TEXT_LIMIT) nothing is read.
TEXT_LIMIT = 4000

# Words that turn a statement around. "n't" is spelled out first (_spelled_out).
NEGATION_CUES = frozenset(
    {
        "not",
        "no",
        "never",
        "nobody",
        "none",
        "nothing",
        "neither",
        "nor",
        "without",
        "oppose",
        "opposes",
        "opposed",
        "against",
    }
)
# A negation reaches to the end of its clause: punctuation, or one of these words.
SCOPE_ENDS = frozenset({"and", "but", "while", "so", "yet", "though", "although"})
# These negate only the noun phrase they open ("a four-day week with no loss of pay boosts
# productivity" asserts the boost), unless a clause follows the noun ("no evidence that ...")
# or they stand for a person or a time ("no one", "no longer").
PHRASE_NEGATIONS = frozenset({"no", "without"})
_WHOLE_CLAUSE_AFTER_NO = frozenset({"one", "longer", "more", "matter"})
# Words that may open the noun phrase of "no" without ending it.
_DETERMINERS = frozenset({"the", "a", "an", "any", "its", "their", "his", "her", "our", "your"})
# "against" takes a side only after one of these ("voted against the bill", "is against
# it"); "complaints against officers" denies nothing.
SIDE_TAKING = frozenset(
    {
        "vote",
        "voted",
        "votes",
        "voting",
        "argue",
        "argued",
        "argues",
        "rule",
        "ruled",
        "rules",
        "campaign",
        "campaigned",
        "campaigns",
        "lobby",
        "lobbied",
        "speak",
        "spoke",
        "fight",
        "fought",
        "stand",
        "stood",
        "side",
        "sided",
        "decide",
        "decided",
        "testify",
        "testified",
        "out",
        "firmly",
        "strongly",
    }
) | {"am", "is", "are", "was", "were", "be", "been"}
# A denial said without a negation word, read as one ("it is a myth that X" denies X, as
# "not X" does). Applied to the text as _spelled_out writes it ("it's" is "it").
_FALSE = (
    r"(?:false|untrue|not true|a lie|a myth|wrong|nonsense|fiction|a fiction|fantasy|"
    r"a fantasy|baseless|made up|fake)"
)
_DENIAL_FRAMES = (
    # "It is (simply) false that X", "it is wrong to say that X".
    re.compile(
        rf"\bit(?: is| was)?(?: (?:simply|just|absolutely|completely|flatly|plainly|totally|"
        rf"also|still))? {_FALSE}(?: to (?:say|claim|suggest))? that\b"
    ),
    # "The claim that X is false", "the idea that X is pure fiction".
    re.compile(
        r"\b(?:the|this|that|any) (?:claim|idea|notion|suggestion|story|charge|allegation|"
        r"assertion) that (?P<claim>[^.;:!?]+?),? (?:is|was) (?:(?:simply|just|absolutely|"
        rf"completely|pure|complete|total|utter|a|an) )*{_FALSE}\b"
    ),
    # "There is no truth in the claim that X", "we deny that X", "rejects the idea that X".
    re.compile(
        r"\bthere is no truth (?:in|to)(?: (?:the|any|this) (?:claim|idea|notion|suggestion|"
        r"story|charge|allegation))?(?: that)?\b"
    ),
    re.compile(
        r"\b(?:deny|denies|denied|denying|reject|rejects|rejected|dispute|disputes|disputed)"
        r"(?: the (?:claim|idea|notion|suggestion|allegation|charge))? that\b"
    ),
)
# The word after one of these is the clause's verb (or its complement): "would save" against
# "would cost" are two claims in one mould, however many other words they share.
AUXILIARIES = frozenset(
    {
        "will",
        "would",
        "shall",
        "should",
        "must",
        "can",
        "could",
        "may",
        "might",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "to",
    }
)
# The word after one of these is the clause's verb too ("we restore", "they pay").
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "who"})
# Words that may stand between an auxiliary and its verb without changing what is said.
_ADVERBS = frozenset({"now", "already", "just", "also", "still", "really", "actually", "even"})
# Pairs of words (as read by _root) that state opposite positions or directions.
OPPOSITES = (
    ("fund", "defund"),
    ("raise", "cut"),
    ("raise", "lower"),
    ("increase", "cut"),
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("expand", "cut"),
    ("expand", "reduce"),
    ("up", "down"),
    ("rise", "fall"),
    ("rose", "fell"),
    ("more", "less"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("support", "oppose"),
    ("legal", "illegal"),
    ("win", "lose"),
    ("safe", "dangerous"),
    ("lead", "trail"),
    ("hot", "cold"),
    ("heat", "cold"),
    ("true", "false"),
    ("safe", "unsafe"),
    ("allow", "ban"),
    ("start", "stop"),
    ("gain", "lose"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("best", "worst"),
    ("save", "cost"),
    ("give", "charge"),
    ("boost", "cut"),
    ("boost", "reduce"),
    ("boost", "lower"),
    ("rise", "drop"),
    ("restore", "destroy"),
    ("create", "destroy"),
    ("build", "destroy"),
    ("help", "hurt"),
    ("help", "harm"),
    ("protect", "harm"),
    ("protect", "endanger"),
    ("improve", "worsen"),
    ("strengthen", "weaken"),
    ("strong", "weak"),
    ("grow", "shrink"),
    ("rich", "poor"),
    ("richer", "poorer"),
    ("cheap", "expensive"),
    ("succeed", "fail"),
    ("success", "failure"),
    ("surplus", "deficit"),
    ("profit", "loss"),
    ("gain", "loss"),
    ("win", "lost"),
    ("won", "lost"),
    ("above", "below"),
    ("highest", "lowest"),
    ("largest", "smallest"),
    ("open", "close"),
    ("hire", "fire"),
    ("include", "exclude"),
    ("majority", "minority"),
    ("sign", "veto"),
    ("pass", "block"),
    ("guilty", "innocent"),
)
# One word for each group of words that say the same in a claim ("should be banned" and
# "should be barred"), so that a light edit's synonym is no changed word.
SYNONYMS = (
    ("ban", "bar", "prohibit", "outlaw"),
    ("child", "children", "kid"),
    ("mother", "mom"),
    ("every", "each"),
    ("almost", "nearly"),
    ("receive", "get"),
    ("rich", "wealthy"),
    ("fast", "quick"),
    ("faster", "quicker"),
)
# A word and the same word with one of these in front say opposite things (fair, unfair).
_OPPOSING_PREFIXES = ("un", "in", "il", "im", "ir", "dis", "non")
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'s\b"), ""),
)
_DOLLARS = re.compile(r"\$\s?([0-9][0-9,.]*)(\s*(?:million|billion|trillion))?")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}\b)")
# "over 300,000" says "more than 300,000", "under 950" says "less than 950".
_OVER_A_FIGURE = re.compile(r"\bover (?=[0-9])")
_UNDER_A_FIGURE = re.compile(r"\bunder (?=[0-9])")
# A word, or a clause boundary (punctuation, or a dash between spaces).
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[,;:.!?()\u2013\u2014]|\s-\s")
# Small numbers and tens are written either way ("ten years", "10 years"): read as digits.
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = {word: str(number) for number, word in enumerate(_SMALL_NUMBERS.split())} | {
    word: str(number) for number, word in zip(range(30, 100, 10), _TENS, strict=True)
}
_NEGATED = "not"


def _spelled_out(text: str) -> str:
    """The text lower-cased, with contractions, $ and % written out and quotes made plain."""
    text = text[:TEXT_LIMIT].lower().replace("\u2019", "'").replace("\u2018", "'")
    text = _THOUSANDS.sub("", text)
    text = _DOLLARS.sub(lambda match: f"{match[1]}{match[2] or ''} dollars", text)
    text = text.replace("%", " percent")
    text = _UNDER_A_FIGURE.sub("less than ", _OVER_A_FIGURE.sub("more than ", text))
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def stem(word: str) -> str:
    """A rough English stem, enough to meet "defunding" with "defund" and "taxes" with "tax"."""
    for suffix, replacement, shortest in (
        ("ies", "y", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= shortest and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def _spelled_root(word: str) -> str:
    """The stem with a final "e" and a doubled last consonant undone, so that "raise",
    "raised" and "raising" meet, and "ban" meets "banning"."""
    root = stem(word)
    if len(root) > 3 and root[-1] == "e":
        root = root[:-1]
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouls":
        root = root[:-1]
    return root


_SYNONYM_OF = {_spelled_root(word): _spelled_root(group[0]) for group in SYNONYMS for word in group}


def _root(word: str) -> str:
    """The word's root (_spelled_root), or its group's first word's for a synonym."""
    root = _spelled_root(word)
    return _SYNONYM_OF.get(root, root)


def _meaning(word: str) -> str:
    """A key word as the share of words in common counts it: stemmed, a synonym as its
    group's first word."""
    return _SYNONYM_OF.get(_spelled_root(word)) or stem(word)


_OPPOSITE_ROOTS = tuple((_root(first), _root(second)) for first, second in OPPOSITES)


def _denials_read_as_negations(text: str) -> str:
    """The text with each denial frame ("it is false that", "the claim that X is a myth")
    written as "not"."""
    for frame in _DENIAL_FRAMES:
        text = frame.sub(lambda match: f" not {match.groupdict().get('claim') or ''} ", text)
    return text


def _is_variant(first: str, second: str) -> bool:
    """Whether two words are one word spelled two ways ("bused", "bussed"), or the same number."""
    if _is_number(first) or _is_number(second):
        return first == second
    shorter, longer = sorted((_root(first), _root(second)), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter[: max(3, len(shorter) - 1)])


@dataclass(frozen=True)
class Term:
    """A key word of a text, in order: its root, and whether it is a clause's verb."""

    word: str
    root: str
    verb: bool


@dataclass(frozen=True)
class Reading:
    """A text as the matcher reads it: its words, its key words (stemmed), its negations and
    what they deny, and its key words in order."""

    words: tuple[str, ...]
    key_words: frozenset[str]
    negations: int
    negated: frozenset[str]
    asserted: frozenset[str]
    terms: tuple[Term, ...]
    # What each negation reaches, one set of roots per negation.
    scopes: tuple[frozenset[str], ...] = ()
    # For each word that splits a sentence in two ("than", "and", ...), said once: the key
    # words before it and after it.
    halves: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()

    @classmethod
    def of(cls, text: str) -> Reading:
        words: list[str] = []
        negated, asserted, terms = set(), set(), []
        scopes: list[set[str]] = []
        # Each negation opens a scope: a whole clause, or (after "no", "without") a noun
        # phrase of at most two key words, or one after "of" ("no loss of pay").
        scope, phrase_words_left, after_of = None, 0, False
        tokens = _TOKEN.findall(_denials_read_as_negations(_spelled_out(text)))
        for index, token in enumerate(tokens):
            if not token[0].isalnum() or token in SCOPE_ENDS:
                scope = None
            if not token[0].isalnum():
                continue
            word = NUMBER_WORDS.get(token, token)
            before = [earlier for earlier in words[-3:] if earlier not in _ADVERBS]
            if scope == "phrase":
                if word == "that":
                    scope = "clause"
                elif word == "of" and not after_of:
                    phrase_words_left, after_of = 1, True
                elif phrase_words_left == 0 or (word in STOP_WORDS and word not in _DETERMINERS):
                    scope = None
            words.append(word)
            if _negates(word, words[:-1]):
                following = tokens[index + 1] if index + 1 < len(tokens) else ""
                phrase = word in PHRASE_NEGATIONS and following not in _WHOLE_CLAUSE_AFTER_NO
                scope, phrase_words_left, after_of = ("phrase" if phrase else "clause"), 2, False
                scopes.append(set())
                terms.append(Term(word, _NEGATED, verb=False))
            elif word not in STOP_WORDS:
                if scope:
                    negated.add(_root(word))
                    scopes[-1].add(_root(word))
                    phrase_words_left -= 1
                else:
                    asserted.add(_root(word))
                verb = _is_verb(word, before)
                terms.append(Term(word, _root(word), verb=verb))
        key_words = frozenset(
            stem(word) for word in words if word not in STOP_WORDS and word not in NEGATION_CUES
        )
        return cls(
            words=tuple(words),
            key_words=key_words,
            negations=len(scopes),
            negated=frozenset(negated - asserted),
            asserted=frozenset(asserted - negated),
            terms=tuple(terms),
            scopes=tuple(frozenset(each) for each in scopes if each),
            halves=_halves(tokens),
        )

    @cached_property
    def plain(self) -> str:
        return " ".join(self.words)

    @cached_property
    def meanings(self) -> frozenset[str]:
        """The key words as the share in common counts them: a synonym as its group's."""
        return frozenset(
            _meaning(word)
            for word in self.words
            if word not in STOP_WORDS and word not in NEGATION_CUES
        )

    @cached_property
    def roots(self) -> frozenset[str]:
        return frozenset(_root(word) for word in self.words)

    def opposes(self, other: Reading) -> bool:
        """Whether the two say different things in the same words: one denies what the other
        asserts, one says a word and the other its opposite, the same words play swapped
        roles, or the clause's verb or figure is changed."""
        return (
            self.denies(other)
            or other.denies(self)
            or self.says_the_opposite_of(other)
            or self.swaps_roles_with(other)
            or self.trades_places_with(other)
            or self.changes_verb_or_figure_of(other)
            or other.changes_verb_or_figure_of(self)
        )

    def denies(self, other: Reading) -> bool:
        """Whether this text negates something where the other negates nothing, or one of
        its negations reaches more of what the other asserts than of what the other negates
        too ("I will not ban fracking as president" against "As president, I would not ban
        fracking" is no denial; "Tariffs are not paid by foreign countries" against "paid by
        foreign countries, not by American consumers" is; "with no loss of pay does not
        boost productivity" against "with no loss of pay boosts productivity" is)."""
        if not other.negations:
            return bool(self.negations) and bool(self.negated)
        return any(
            len(scope & other.asserted) > len(scope & other.negated) for scope in self.scopes
        )

    def says_the_opposite_of(self, other: Reading) -> bool:
        """Whether one says a word and the other its opposite (and neither says both)."""
        mine, theirs = self.roots, other.roots
        if any(
            (a in mine and b in theirs and b not in mine and a not in theirs)
            or (b in mine and a in theirs and a not in mine and b not in theirs)
            for a, b in _OPPOSITE_ROOTS
        ):
            return True
        only_mine = set(self.words) - set(other.words)
        only_theirs = set(other.words) - set(self.words)
        return any(
            _opposed_by_prefix(a, b) or _opposed_by_prefix(b, a)
            for a in only_mine
            for b in only_theirs
        )

    def trades_places_with(self, other: Reading) -> bool:
        """Whether key words move across a word that splits both sentences in two, while
        others stay: "Heat kills more New Yorkers than cold" against "Cold kills more New
        Yorkers than heat", "I pay a lower tax rate than my secretary" against "My secretary
        pays a lower tax rate than I do", "The Senate wrote the bill and the House killed it"
        against "The House wrote the bill and the Senate killed it". Around "than" one word
        moving is enough; around "and" or "but", two halves trading places whole is a light
        edit, so words must move both ways and others stay on each side."""
        for pivot, before, after in self.halves:
            for other_pivot, other_before, other_after in other.halves:
                if pivot != other_pivot:
                    continue
                forward = (before & other_after) - after - other_before
                backward = (after & other_before) - before - other_after
                stays_before, stays_after = before & other_before, after & other_after
                if pivot == "than" and (forward or backward) and stays_before:
                    return True
                if forward and backward and stays_before and stays_after:
                    return True
        return False

    def swaps_roles_with(self, other: Reading) -> bool:
        """Whether nearly the same key words stand in another order than one moved block
        allows: "A leads B" against "B leads A", "X, not Y" against "Y, not X". Counted in
        breakpoints: neighbours in one text that are not neighbours, in order, in the other."""
        mine = [term.root for term in self.terms]
        theirs = [term.root for term in other.terms]
        counts, other_counts = Counter(mine), Counter(theirs)
        shared = {root for root in counts if counts[root] == 1 and other_counts[root] == 1}
        if len(shared) < 3 or 2 * len(shared) < 0.8 * (len(set(mine)) + len(set(theirs))):
            return False
        position = {root: index for index, root in enumerate(r for r in mine if r in shared)}
        order = [-1, *(position[root] for root in theirs if root in shared), len(shared)]
        breakpoints = sum(1 for left, right in itertools.pairwise(order) if right != left + 1)
        return breakpoints >= 4

    def changes_verb_or_figure_of(self, other: Reading) -> bool:
        """Whether, where the two texts differ, a clause's verb is replaced by another verb
        ("would save" against "would cost"), or a figure by another figure (15 against 7.25)
        or by other words. A word spelled two ways, or one said elsewhere in the other text,
        is no change."""
        matcher = SequenceMatcher(
            a=[term.root for term in self.terms],
            b=[term.root for term in other.terms],
            autojunk=False,
        )
        dropped, added = [], []
        for tag, start, end, other_start, other_end in matcher.get_opcodes():
            if tag == "equal":
                continue
            mine = [t for t in self.terms[start:end] if t.root not in other.roots]
            theirs = [t for t in other.terms[other_start:other_end] if t.root not in self.roots]
            dropped += mine
            added += theirs
            if tag != "replace":
                continue
            mine, theirs = _unmatched(mine, theirs)
            if any(t.verb for t in mine) and any(t.verb for t in theirs):
                return True
            if len(mine) >= 2 and len(theirs) >= 2:
                return True
        dropped, added = _unmatched(dropped, added)
        return any(_is_number(t.word) for t in dropped) and bool(added)


def _is_verb(word: str, before: list[str]) -> bool:
    """Whether the word is a clause's verb: after an auxiliary or a subject pronoun ("would
    save", "we restore"), or a past form ("the House killed it")."""
    if before and (before[-1] in AUXILIARIES or before[-1] in SUBJECT_PRONOUNS):
        return True
    return len(word) > 4 and word.endswith("ed")


def _negates(word: str, earlier: list[str]) -> bool:
    """Whether the word is a negation where it stands: "against" only after a verb of taking
    sides."""
    if word == "against":
        return bool(earlier) and earlier[-1] in SIDE_TAKING
    return word in NEGATION_CUES


def _opposed_by_prefix(word: str, other: str) -> bool:
    """Whether `other` is `word` with a prefix that turns it around ("fair", "unfair")."""
    return any(
        other == prefix + word and len(word) >= (5 if prefix == "in" else 4)
        for prefix in _OPPOSING_PREFIXES
    )


# Words that split a sentence in two halves whose roles a repeat keeps.
_PIVOTS = ("than", "and", "but", "while", "whereas")
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


def _halves(tokens: list[str]) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """For each pivot said once in the text: the roots of the key words before it and after
    it, within its sentence ("than": within its clause)."""
    halves = []
    for pivot in _PIVOTS:
        if tokens.count(pivot) != 1:
            continue
        at = tokens.index(pivot)
        ends = _SENTENCE_ENDS
        if pivot == "than":
            ends = {token for token in tokens if not token[0].isalnum()} | SCOPE_ENDS
        start = at
        while start > 0 and tokens[start - 1] not in ends:
            start -= 1
        end = at + 1
        while end < len(tokens) and tokens[end] not in ends:
            end += 1
        halves.append((pivot, _key_roots(tokens[start:at]), _key_roots(tokens[at + 1 : end])))
    return tuple(halves)


def _key_roots(tokens: list[str]) -> frozenset[str]:
    return frozenset(
        _root(NUMBER_WORDS.get(token, token))
        for token in tokens
        if token[0].isalnum() and token not in STOP_WORDS and token not in NEGATION_CUES
    )


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


def _unmatched(mine: list[Term], theirs: list[Term]) -> tuple[list[Term], list[Term]]:
    """The terms left on each side once words spelled two ways ("bused", "bussed"), and a
    run of words against its initials ("new york city", "nyc"), are paired off."""
    mine, theirs = (
        [term for term in mine if not any(_is_variant(term.word, u.word) for u in theirs)],
        [term for term in theirs if not any(_is_variant(term.word, u.word) for u in mine)],
    )
    for side, across in ((mine, theirs), (theirs, mine)):
        initials = "".join(term.word[0] for term in across)
        for term in list(side):
            start = initials.find(term.word) if len(term.word) >= 2 else -1
            if start >= 0:
                side.remove(term)
                del across[start : start + len(term.word)]
                initials = "".join(other.word[0] for other in across)
    return mine, theirs


def similarity(new: Reading, old: Reading) -> tuple[float, bool]:
    """How likely (0 to 100) the two texts make the same claim, and whether they oppose."""
    if not new.key_words or not old.key_words:
        return 0.0, False
    # The share of key words in common (Dice), and how alike the words are as written and in
    # order (rapidfuzz's ratio): a light edit keeps both high; an opposite position put in
    # other words keeps the first, a rewording only the first, another claim in the same
    # mould only the second.
    shared = len(new.meanings & old.meanings)
    overlap = 200.0 * shared / (len(new.meanings) + len(old.meanings))
    score = (overlap + fuzz.ratio(new.plain, old.plain)) / 2
    # Only a text that reads like a repeat needs reading for what it says (and the alignment
    # that takes stays bounded to the few statements that do).
    opposed = score >= PROPOSAL_THRESHOLD and new.opposes(old)
    return (score / 2 if opposed else score), opposed


@dataclass
class Candidate:
    """A statement on record that may make the same claim as the text, and how likely."""

    statement: Statement
    score: float
    opposed: bool
    matched_words: list[str]

    @property
    def proposed(self) -> bool:
        """Whether it is offered to the editor as a likely repeat."""
        return self.score >= PROPOSAL_THRESHOLD

    def highlighted(self) -> SafeString:
        """The statement's text, escaped, with the words it shares with the text marked."""
        return highlight_matches(self.statement.text, " ".join(self.matched_words), length=600)

    def as_dict(self) -> dict:
        """What the admin's candidates endpoint answers for it."""
        statement = self.statement
        appearance = getattr(statement, "claim_appearance", None)
        return {
            "statement": statement.pk,
            "text": statement.text,
            "highlighted": str(self.highlighted()),
            "speaker": statement.speaker_display,
            "said_on": str(statement.said_on),
            "status": statement.status,
            "claim": appearance.claim_id if appearance else None,
            "score": round(self.score, 1),
            "proposed": self.proposed,
            "opposed": self.opposed,
            "matched_words": self.matched_words,
        }


def key_terms(reading: Reading) -> list[str]:
    """The words of a text worth looking up, longest first (a rough stand-in for rarest)."""
    terms = {
        word
        for word in reading.words
        if word.isalnum() and word not in STOP_WORDS and word not in NEGATION_CUES
    }
    return sorted(terms, key=lambda word: (-len(word), word))[:LOOKED_UP_TERMS]


def fingerprint(text: str) -> list[int]:
    """A text's fingerprint, as Statement.fingerprint stores it: the FINGERPRINT_SIZE smallest
    64-bit hashes (signed, ascending) of its runs of SHINGLE_WORDS key words, stemmed, in
    order (all its key words as one run when it has fewer). Case, punctuation, stop words and
    negation cues leave it unchanged; a light edit changes a few of its runs."""
    words = [
        stem(word)
        for word in Reading.of(text).words
        if word not in STOP_WORDS and word not in NEGATION_CUES
    ]
    if not words:
        return []
    size = min(SHINGLE_WORDS, len(words))
    runs = {" ".join(words[start : start + size]) for start in range(len(words) - size + 1)}
    hashes = {
        int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big", signed=True)
        for run in runs
    }
    return sorted(hashes)[:FINGERPRINT_SIZE]


# Rewordings on PostgreSQL: any two of the text's PAIRED_TERMS rarest lexemes (one when it has
# one), among those in at most MOST_ROWS_PER_TERM statements by the table's statistics (a
# lexeme not among the most common ones: half the least common one's share, as the planner
# reckons; no statistics yet, a small table: every lexeme). No rare lexeme, no lookup.
_REWORDINGS_QUERY = """
    WITH statistics AS (
        SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS shares,
               greatest((SELECT reltuples FROM pg_class
                         WHERE oid = 'claims_statement'::regclass), 0) AS statements
        FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = 'claims_statement'
          AND attname = 'search_document'
    ), common AS (
        SELECT frequent.lexeme, frequent.share * statistics.statements AS statements
        FROM statistics, unnest(statistics.lexemes, statistics.shares) AS frequent(lexeme, share)
        WHERE frequent.lexeme IS NOT NULL
    ), rest AS (
        SELECT shares[cardinality(lexemes) + 1] / 2 * statements AS statements FROM statistics
    ), rare AS (
        SELECT word.lexeme,
               coalesce(common.statements, (SELECT statements FROM rest), 0) AS statements
        FROM unnest(to_tsvector('english', %s)) AS word
        LEFT JOIN common ON common.lexeme = word.lexeme
    ), looked_up AS (
        SELECT lexeme FROM rare WHERE statements <= %s
        ORDER BY statements, length(lexeme) DESC, lexeme LIMIT %s
    )
    SELECT coalesce(
        (SELECT string_agg(format('(%%s & %%s)', quote_literal(first.lexeme),
                                  quote_literal(second.lexeme)), ' | ')
         FROM looked_up AS first JOIN looked_up AS second ON first.lexeme < second.lexeme),
        (SELECT min(quote_literal(lexeme)) FROM looked_up)
    )::tsquery
"""


def _retrieved_ids(text: str, terms: list[str], database: str) -> list[int]:
    """Up to RETRIEVED statement ids per index that may repeat the text."""
    connection = connections[database]
    if connection.vendor == "postgresql":
        # Verbatim and lightly edited repeats: the fingerprints sharing SHARED_VALUES values
        # with the text's (GIN index of claims.0018), most shared first; then rewordings.
        values = [json.dumps([value]) for value in fingerprint(text)]
        shares = " OR ".join(["fingerprint @> %s::jsonb"] * len(values))
        shared = " + ".join(["(fingerprint @> %s::jsonb)::int"] * len(values))
        sql = (
            f"(SELECT id FROM (SELECT id, fingerprint, {shared} AS shared "
            f"FROM claims_statement WHERE {shares}) AS sharing "
            "WHERE shared >= least(%s, jsonb_array_length(fingerprint)) "
            "ORDER BY shared DESC, id DESC LIMIT %s) "
            "UNION (SELECT id FROM claims_statement "
            f"CROSS JOIN ({_REWORDINGS_QUERY}) AS rewordings(query) "
            "WHERE search_document @@ rewordings.query "
            "ORDER BY ts_rank_cd(search_document, rewordings.query) DESC, id DESC LIMIT %s)"
        )
        required = SHARED_VALUES if len(values) == FINGERPRINT_SIZE else 1
        params: list = [*values, *values, required, RETRIEVED]
        params += [text, MOST_ROWS_PER_TERM, PAIRED_TERMS, RETRIEVED]
    else:
        if not terms:
            return []
        sql = (
            'SELECT rowid FROM "claims_statement_fts" WHERE "claims_statement_fts" MATCH %s '
            "ORDER BY rank LIMIT %s"
        )
        params = [" OR ".join(f'"{term}"' for term in terms), RETRIEVED]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def candidates(
    text: str, *, exclude: Statement | int | None = None, limit: int = 5
) -> list[Candidate]:
    """The statements on record most likely to make the same claim as `text`, best first, at
    most `limit`; each scored, with the words it shares with the text. Those `proposed` are
    offered to the editor. `exclude`: the statement being edited; it, the statements
    dismissed as not its claim, and those already in its claim are left out.

    Queries: the index lookup (one), the statements found (one); with `exclude`, its
    dismissed pairs and its claim (two)."""
    text = text[:TEXT_LIMIT]
    reading = Reading.of(text)
    if not reading.key_words:
        return []
    database = router.db_for_read(Statement)
    ids = set(_retrieved_ids(text, key_terms(reading), database))
    if exclude is not None:
        ids -= _left_out(exclude)
    if not ids:
        return []
    statements = (
        Statement.objects.using(database)
        .filter(pk__in=ids)
        .select_related("speaker", "speaker_organization", "claim_appearance")
    )
    found = []
    for statement in statements:
        other = Reading.of(statement.text)
        score, opposed = similarity(reading, other)
        matched = sorted(
            {word for word in other.words if stem(word) in reading.key_words & other.key_words}
        )
        found.append(Candidate(statement, score, opposed, matched))
    found.sort(key=lambda candidate: (-candidate.score, -candidate.statement.pk))
    return found[:limit]


def _left_out(exclude: Statement | int) -> set[int]:
    from claims.matching.models import ClaimAppearance, DismissedMatch

    statement_id = exclude if isinstance(exclude, int) else exclude.pk
    left_out = {statement_id} | DismissedMatch.ids_dismissed_with(statement_id)
    same_claim = ClaimAppearance.objects.filter(
        claim__appearances__statement_id=statement_id
    ).values_list("statement_id", flat=True)
    return left_out | set(same_claim)
