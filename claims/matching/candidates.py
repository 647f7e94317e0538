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
threshold) when one text denies what the other asserts (what a negation reaches, to the end
of its clause, is compared, not how many negations there are: "paid by foreign countries,
not by consumers" against "not paid by foreign countries; paid by consumers"), when one says
a word and the other its opposite (raise / cut, more / fewer), when nearly the same words
stand in swapped roles ("A leads B" against "B leads A"), or when, where the two differ, a
clause's verb or a figure is replaced ("would save" against "would cost", 15 against 7.25).

Figures for this method come from tests/claims/test_claim_matching_heldout_2.py, on a
labelled set written before it (tests/claims/claim_pairs_heldout_2.json); it was tuned on
tests/claims/claim_pairs_dev.json and on the first held-out set, claim_pairs_heldout.json,
which had been seen and became a development set.
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
# in at most this many statements: the full-text index reads a word's whole list of rows.
MOST_ROWS_PER_TERM = 5000
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
)
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


def _root(word: str) -> str:
    """The stem with a final "e" and a doubled last consonant undone, so that "raise",
    "raised" and "raising" meet, and "ban" meets "banning"."""
    root = stem(word)
    if len(root) > 3 and root[-1] == "e":
        root = root[:-1]
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouls":
        root = root[:-1]
    return root


_OPPOSITE_ROOTS = tuple((_root(first), _root(second)) for first, second in OPPOSITES)


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

    @classmethod
    def of(cls, text: str) -> Reading:
        words: list[str] = []
        negated, asserted, terms = set(), set(), []
        in_scope = False
        for token in _TOKEN.findall(_spelled_out(text)):
            if not token[0].isalnum() or token in SCOPE_ENDS:
                in_scope = False
            if not token[0].isalnum():
                continue
            word = NUMBER_WORDS.get(token, token)
            before = [earlier for earlier in words[-3:] if earlier not in _ADVERBS]
            words.append(word)
            if word in NEGATION_CUES:
                in_scope = True
                terms.append(Term(word, _NEGATED, verb=False))
            elif word not in STOP_WORDS:
                (negated if in_scope else asserted).add(_root(word))
                verb = bool(before) and before[-1] in AUXILIARIES
                terms.append(Term(word, _root(word), verb=verb))
        key_words = frozenset(
            stem(word) for word in words if word not in STOP_WORDS and word not in NEGATION_CUES
        )
        return cls(
            words=tuple(words),
            key_words=key_words,
            negations=sum(1 for word in words if word in NEGATION_CUES),
            negated=frozenset(negated - asserted),
            asserted=frozenset(asserted - negated),
            terms=tuple(terms),
        )

    @cached_property
    def plain(self) -> str:
        return " ".join(self.words)

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
            or self.changes_verb_or_figure_of(other)
            or other.changes_verb_or_figure_of(self)
        )

    def denies(self, other: Reading) -> bool:
        """Whether this text negates something where the other negates nothing, or more of
        what it negates is asserted by the other than negated by it too ("I will not ban
        fracking as president" against "As president, I would not ban fracking" is no
        denial; "Tariffs are not paid by foreign countries" against "paid by foreign
        countries, not by American consumers" is)."""
        if not other.negations:
            return bool(self.negations) and bool(self.negated)
        return len(self.negated & other.asserted) > len(self.negated & other.negated)

    def says_the_opposite_of(self, other: Reading) -> bool:
        """Whether one says a word and the other its opposite (and neither says both)."""
        mine, theirs = self.roots, other.roots
        return any(
            (a in mine and b in theirs and b not in mine and a not in theirs)
            or (b in mine and a in theirs and a not in mine and b not in theirs)
            for a, b in _OPPOSITE_ROOTS
        )

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
        for tag, start, end, other_start, other_end in matcher.get_opcodes():
            if tag != "replace":
                continue
            mine = [t for t in self.terms[start:end] if t.root not in other.roots]
            theirs = [t for t in other.terms[other_start:other_end] if t.root not in self.roots]
            mine, theirs = _unmatched(mine, theirs)
            if any(t.verb for t in mine) and any(t.verb for t in theirs):
                return True
            if any(_is_number(t.word) for t in mine) and theirs:
                return True
        return False


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
    shared = len(new.key_words & old.key_words)
    overlap = 200.0 * shared / (len(new.key_words) + len(old.key_words))
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
