"""Find the quoted passages in an article's text, and who said them, about whom and where.

Deterministic plain-Python rules, no model and no network. The text is read in
document order, one sentence at a time, keeping track of the person each
sentence is about (its grammatical subject), so that "he told CNN" resolves to
the person the text is talking about. A quote gets its speaker from, in order:
an attribution right after it ("...," Smith said), one right before it in the
same sentence (Smith said: "..."), the sentence before it when that one ends in
a colon, the quote before it in a run of quotes from one speaker, or the
sentence after it. When none of those names anyone, the speaker stays empty:
no speaker is better than a wrong one.

This module imports nothing from Django, so it runs anywhere (tests, the
benchmark, the command line); callers pass the known people as plain data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

# --- Vocabulary ---------------------------------------------------------------------------


def _word_list(text: str) -> list[str]:
    return text.split()


_SPEECH_VERBS = _word_list(
    "said says say saying told tells tell telling added adds adding asked asks wrote writes "
    "writing explained explains noted noting argued argues insisted insists continued "
    "recalled recalls declared stated replied responded warned warns posted tweeted claimed "
    "acknowledged admitted conceded remarked observed suggested predicted promised vowed "
    "shouted joked countered urged announced emphasized emphasised stressed pleaded "
    "concluded testified maintained complained boasted mused quipped cautioned lamented "
    "exclaimed whispered agreed recounted speaking spoke arguing insisting warning vowing "
    "promising declaring explaining recalling asking"
)
# Verbs that put someone else's words inside a sentence ("Smith called the plan "a disgrace"");
# only a named person (never a description) is taken as the speaker before these.
_CHARACTERIZATION_VERBS = _word_list(
    "called calls described describes dubbed labeled labelled termed pledged praised "
    "criticized criticised slammed blasted denounced decried touted characterized "
    "characterised branded calling describing dubbing labeling labelling branding praising "
    "criticizing criticising accusing accused accuses blamed blames dismissed dismisses derided "
    "derides mocked hailed condemned condemns lauded attacked defended rejected"
)
_ADDRESSING_VERBS = {"told", "tells", "tell", "telling", "asked", "asks", "urged", "thanked"}
_PARTICIPLES = "|".join(
    verb for verb in _SPEECH_VERBS + _CHARACTERIZATION_VERBS if verb.endswith("ing")
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although|though)\s+")
_SPEECH_VERB_PATTERN = re.compile(r"\b(?:" + "|".join(_SPEECH_VERBS) + r")\b")
_ANY_VERB_PATTERN = re.compile(
    r"\b(?:" + "|".join(_SPEECH_VERBS + _CHARACTERIZATION_VERBS) + r")\b|\b(?i:according) to\b"
)
# "was asked", "when asked": the person is being spoken to, not speaking.
_PASSIVE_BEFORE_VERB = re.compile(r"\b(?i:was|were|is|are|been|being|when|if|be)\s+$")

_MALE_PRONOUNS = {"he"}
_FEMALE_PRONOUNS = {"she"}
_OTHER_PRONOUNS = {"they", "it", "we", "i", "you"}
_HONORIFICS = {
    "Mr": "male",
    "Mrs": "female",
    "Ms": "female",
    "Miss": "female",
    "Dr": None,
    "Sen": None,
    "Rep": None,
    "Gov": None,
    "Prof": None,
    "Rev": None,
}
# Capitalized words that are not part of people's names (places, bodies, days, months, openers).
_NOT_NAME_WORDS = set(
    _word_list(
        "The A An In On At As Of For From By With To And But Or If When While After Before "
        "During Since Until Following Despite Although Though Because This That These Those "
        "It He She They We I You His Her Their Our My Its There Here Then Now So Yet Also "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
        "May June July August September October November December Today Yesterday Tomorrow "
        "New York City State States United Kingdom America American Americans County Street "
        "Avenue Road Park Square Bridge River North South East West Northern Southern Eastern "
        "Western Central Police Department Office Bureau Agency Administration Commission "
        "Committee Council Board Court Congress Senate House Assembly Party Democratic "
        "Democrat Democrats Republican Republicans Union Network Association Alliance "
        "Coalition Foundation Institute University College School Academy Center Centre "
        "Hospital Church Times Post News Journal Press Daily Herald Tribune Gazette Magazine "
        "Review Radio Television Group Company Corporation Inc Corp Ltd Bank Fund Trust "
        "Service Services Authority Ministry Government Federal National International "
        "Security Safety Community Public Health Affairs Justice Affairs Force Army Navy "
        "Guard Officers Chief President Mayor Governor Senator Minister Secretary Director "
        "Commissioner Sheriff Judge Justice Speaker Chair Chairman Chairwoman Leader Captain "
        "Sergeant Detective Lieutenant General Colonel Officer Council Member Members "
        "Internet Zoom Twitter Facebook Instagram TikTok YouTube Google Apple Microsoft "
        "Covid Act Bill Law Plan Program Project Initiative Campaign Street Times Siena "
        "Research Poll Market Markets Stock Exchange Wall Main Museum Library Airport "
        "Station Island Beach Hall Tower Plaza Building Club League Team Olympic Olympics "
        "God Christmas Easter Thanksgiving Ramadan Eid Passover Election Day"
    )
)
_TITLES = set(
    _word_list(
        "President Mayor Governor Senator Secretary Director Commissioner Sheriff Judge Justice "
        "Speaker Chair Chairman Chairwoman Leader Captain Sergeant Detective Lieutenant General "
        "Colonel Officer Chief Minister Councilman Councilwoman Member Pastor Professor Coach "
        "Superintendent Whip Rabbi Imam Bishop"
    )
)
_NOT_NAME_WORDS |= _TITLES
_PREPOSITIONS = set(
    _word_list(
        "of with to for by from at in on about against into onto upon over under between "
        "among than like unlike toward towards behind beside besides near via per including "
        "and or nor but told asked met thanked called criticized praised urged accused "
        "endorsed backed supported defeated beat joined replaced succeeded hired fired "
        "named appointed interviewed"
    )
)
# Nouns for people described rather than named ("a spokesperson", "the mayor", "officials").
_HUMAN_NOUNS = (
    r"spokesperson|spokesman|spokeswoman|mayor|governor|senator|official|officials|officer|"
    r"officers|president|chief|director|chair|chairman|chairwoman|commissioner|candidate|"
    r"nominee|lawyer|attorney|resident|residents|organizer|leader|leaders|representative|"
    r"member|members|secretary|minister|adviser|advisor|aide|aides|analyst|analysts|expert|"
    r"experts|professor|economist|councilman|councilwoman|sheriff|judge|manager|executive|"
    r"founder|activist|activists|voter|voters|owner|teacher|student|worker|workers|doctor|"
    r"nurse|woman|man|person|people|critics|supporters|prosecutor|prosecutors|"
    r"investigator|investigators|witness|witnesses|neighbor|neighbour|source|sources|"
    r"campaign|department|agency|company|group|union|office|administration|police"
)
_NOMINAL_SPEAKER = re.compile(
    r"^(?:(?:the|a|an|one|another|some|several|many|two|three|his|her|their|its|[A-Z][\w’'.&-]*(?:’s|'s))\s+)"
    r"?(?:[\w’'-]+\s+){0,3}(?:" + _HUMAN_NOUNS + r")\b(?:\s+(?:for|of|at|with)\s+[^,.;]{1,60})?",
    re.IGNORECASE,
)
_ABBREVIATION_BEFORE_DOT = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Det|St|Jr|Sr|Prof|Rev|Hon|"
    r"No|Gov|Supt|Insp|U\.S|D\.C|U\.N|U\.K|E\.U))$"
)
_OPENING_MARKS = {"“": "”", "«": "»", "„": "“"}
_SINGLE_OPENERS = "‘'"
_SINGLE_CLOSERS = "’'"
_CLOSING_CONTEXT = set(" \t\n,.;:!?)]}—–-…")
_OPENING_CONTEXT = set(" \t\n([{—–-")

# A capitalized word of a name: Smith, Cabán, McCarthy, DeSantis, O’Brien, Ocasio-Cortez.
_CAPITALIZED_WORD = (
    r"(?:[A-Z][’'][A-Z][a-zß-ÿ]+|[A-ZÀ-Þ][a-zß-ÿ]+(?:[A-Z][a-zß-ÿ]+)?)(?:-[A-ZÀ-Þ]?[a-zß-ÿ]+)*"
)
_NAME_RUN = re.compile(
    rf"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Prof|Rev)\.?\s+)?{_CAPITALIZED_WORD}"
    rf"(?:\s+(?:[A-Z]\.\s*)?{_CAPITALIZED_WORD})*"
)
# Any short description before "said": "one engineer", "the letter", "a person familiar with it".
_DESCRIBED_SPEAKER = re.compile(
    r"(?i:the|a|an|one|another|some|several|many|two|three|four|his|her|their|its)\s+"
    r"(?:[\w’'-]+\s+){0,2}[a-z][\w’'-]*(?:\s+(?:for|of|at|with|from|in|close to|familiar with)\s+[^,.;]{1,60})?"
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:later|also|then|previously|recently|once|had|has|have|would|will|did|does|"
    r"again|still|simply|only|just|quickly|earlier|repeatedly|publicly|privately))+$"
)
_BODY_NAME = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w&.’'-]*[A-Z][\w&.’'-]*|(?:[Tt]he\s+)?(?:[A-Z][\w&.’'-]+\s+(?:of\s+|for\s+|and\s+|the\s+)*){1,5}[A-Z][\w&.’'-]+"
)
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_SENTENCE_END = re.compile(r"[.?!]+[\"”’»)]*\s+(?=[“\"‘'«(\[]?[A-Z0-9])")
_ATTRIBUTION_START = re.compile(
    r"^\s+(?:[\w’'.-]+\s+){0,4}?(?:" + "|".join(_SPEECH_VERBS) + r")\b|^\s+according to\b"
)
_WORD = re.compile(r"[\w’'-]+")

_OUTLET = (
    r"(?:the\s+|The\s+)?[A-Z][\w&.’'-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?[A-Z0-9][\w&.’'/-]*)*"
)
_EVENT_NOUNS = (
    r"event|rally|meeting|forum|hearing|debate|news conference|press conference|town hall|"
    r"briefing|conference|summit|fundraiser|gathering|vigil|protest|speech|ceremony|luncheon|"
    r"dinner|breakfast|convention|panel|roundtable|march|parade|service|session|call|Zoom call"
)
_VENUE_PATTERNS = (
    re.compile(rf"\btold\s+(?P<venue>{_OUTLET})"),
    re.compile(
        rf"\b(?:wrote|writes|writing|posted|published)\s+(?:in|on)\s+(?:an?\s+[\w-]+\s+(?:in|on|for)\s+)?(?P<venue>{_OUTLET})"
    ),
    re.compile(rf"\b(?:[Ii]n|[Dd]uring)\s+(?P<venue>an?\s+interview\s+(?:with|on)\s+{_OUTLET})"),
    re.compile(
        rf"\b(?:[Aa]t|[Dd]uring|[Oo]n)\s+(?P<venue>(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_EVENT_NOUNS})"
        rf"(?:\s+(?:at|in|with|for|of|hosted by|organized by)\s+(?:the\s+)?[\w’'-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w&.’'-]*)*)?)"
    ),
    re.compile(
        r"\b(?:[Ii]n|[Dd]uring)\s+(?P<venue>(?:an?|the)\s+(?:[\w’'-]+\s+){0,2}?"
        r"(?:statement|interview|op-ed|post|letter|speech|email|video|essay|memo|tweet|"
        r"press release|news release|podcast|broadcast)"
        rf"(?:\s+(?:to|with|on|in|for)\s+{_OUTLET})?)"
    ),
    re.compile(
        r"\bon\s+(?P<venue>(?:X|Twitter|Facebook|Instagram|TikTok|Threads|Bluesky|YouTube|"
        r"CNN|MSNBC|Fox News|NPR|CBS|NBC|ABC|PBS|BBC)(?:’s|'s)?(?:\s+[A-Z][\w’'-]*)*)"
    ),
)


# --- Public types -------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownPerson:
    """A person the extractor can recognise by name or alias in the text."""

    person_id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteProposal:
    """One quoted passage with who said it, about whom, where, and how sure the rules are."""

    quote: str
    start: int
    end: int
    speaker_id: int | None
    speaker_name: str | None
    subject_id: int | None
    subject_name: str | None
    venue: str
    confidence: float
    sentence: str
    paragraph: int
    found_by: str

    def as_dict(self) -> dict:
        return asdict(self)


# --- Internal model -----------------------------------------------------------------------


@dataclass
class _Entity:
    key: str
    name: str
    person_id: int | None = None
    gender: str | None = None


@dataclass
class _Mention:
    start: int
    end: int
    entity: _Entity | None
    pronoun: str | None = None
    possessive: bool = False


@dataclass
class _Quote:
    open_at: int
    close_at: int  # index of the closing mark (== paragraph end when unclosed)
    start: int
    end: int
    paragraph: int
    closed: bool
    ends_sentence: bool


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    index: int = 0
    quotes: list[_Quote] = field(default_factory=list)
    subject: _Entity | None = None
    subject_is_description: bool = False
    attributed_speaker: _Attribution | None = None


@dataclass
class _Attribution:
    entity: _Entity | None
    label: str | None
    confidence: float
    found_by: str
    venue: str = ""
    subject: _Entity | None = None
    consumed_until: int = -1


class _People:
    """Known people and the names the text introduces, matched by name and alias."""

    def __init__(self, people: Iterable[KnownPerson | tuple]):
        self.by_name: dict[str, list[_Entity]] = {}
        for person in people:
            if not isinstance(person, KnownPerson):
                person_id, name, *rest = person
                aliases = tuple(rest[0]) if rest else ()
                person = KnownPerson(person_id, name, aliases)
            entity = _Entity(key=f"person:{person.person_id}", name=person.name)
            entity.person_id = person.person_id
            for name in {person.name, *person.aliases}:
                name = name.strip()
                if name:
                    self.by_name.setdefault(name, []).append(entity)
        self.introduced: dict[str, _Entity] = {}
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w’'])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
            if names
            else None
        )

    def known(self, name: str) -> _Entity | None:
        entities = self.by_name.get(name, [])
        # An alias two people share names nobody for sure: never guess between them.
        return entities[0] if len(entities) == 1 else None

    def introduce(self, name: str) -> _Entity:
        """The entity for a name as written that matches no known person."""
        if name in self.introduced:
            return self.introduced[name]
        entity = _Entity(key=f"name:{name}", name=name)
        self.introduced[name] = entity
        surname = name.split()[-1]
        # The surname alone later in the text stands for the full name introduced first.
        self.introduced.setdefault(surname, entity)
        return entity


# --- The extractor ------------------------------------------------------------------------


def extract_quotes(text: str, people: Iterable[KnownPerson | tuple] = ()) -> list[QuoteProposal]:
    """Every quoted passage in the text, in order, with speaker, subject, venue and span."""
    return _Extraction(text, _People(people)).run()


def people_mentioned(text: str, people: Iterable[KnownPerson | tuple]) -> list[int]:
    """The ids of the known people whose name or alias appears in the text, in first-seen order."""
    known = _People(people)
    if known.pattern is None:
        return []
    found: dict[int, None] = {}
    for match in known.pattern.finditer(text):
        for entity in known.by_name[match.group()]:
            found.setdefault(entity.person_id, None)
    return list(found)


class _Extraction:
    def __init__(self, text: str, people: _People):
        self.text = text
        self.people = people
        self.paragraphs = [
            (match.start(), match.end())
            for match in re.finditer(r"[^\n]+", text)
            if match.group().strip()
        ]
        self.quotes: list[_Quote] = []
        for number, (start, end) in enumerate(self.paragraphs):
            self.quotes.extend(self._quotes_in(start, end, number))
        self.masked = self._masked_text()
        # Headlines and titles in quotes are nobody's words: masked, then set aside.
        self.quotes = [quote for quote in self.quotes if not self._is_a_name_or_headline(quote)]
        self.sentences = self._sentences()
        self.sentence_starts = [sentence.start for sentence in self.sentences]

    # Quote spans --------------------------------------------------------------------------

    def _quotes_in(self, start: int, end: int, paragraph: int) -> list[_Quote]:
        text, found, at = self.text, [], start
        while at < end:
            mark = text[at]
            close_at = None
            if mark in _OPENING_MARKS:
                close_at = text.find(_OPENING_MARKS[mark], at + 1, end)
                close_at = end if close_at < 0 else close_at
            elif mark == '"':
                close_at = text.find('"', at + 1, end)
                close_at = end if close_at < 0 else close_at
            elif mark in _SINGLE_OPENERS and self._opens_single(at, start, end):
                close_at = self._single_close(at, end)
            if close_at is None:
                at += 1
                continue
            quote = self._trimmed(at, close_at, paragraph, closed=close_at < end)
            if quote:
                found.append(quote)
            at = close_at + 1
        return found

    def _opens_single(self, at: int, start: int, end: int) -> bool:
        before = self.text[at - 1] if at > start else " "
        after = self.text[at + 1] if at + 1 < end else " "
        return before in _OPENING_CONTEXT and after.isalnum()

    def _single_close(self, at: int, end: int) -> int | None:
        for index in range(at + 2, end):
            if self.text[index] in _SINGLE_CLOSERS:
                after = self.text[index + 1] if index + 1 < end else " "
                if not self.text[index - 1].isspace() and after in _CLOSING_CONTEXT:
                    return index
        return None

    def _trimmed(self, open_at: int, close_at: int, paragraph: int, closed: bool) -> _Quote | None:
        start, end = open_at + 1, close_at
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] == ","):
            end -= 1
        if start >= end:
            return None
        ends_sentence = self.text[end - 1] in ".?!…"
        return _Quote(open_at, close_at, start, end, paragraph, closed, ends_sentence)

    def _is_a_name_or_headline(self, quote: _Quote) -> bool:
        """A quote in capitals (a headline, a sign) or a short Title Case name (a book)."""
        quote_text = self.text[quote.start : quote.end]
        letters = [ch for ch in quote_text if ch.isalpha()]
        if len(letters) >= 3 and all(ch.isupper() for ch in letters):
            return True
        return _looks_like_a_title(quote_text, _WORD.findall(quote_text))

    def _masked_text(self) -> str:
        """The text with every quote's inside blanked, so its words and stops do not count."""
        pieces, at = [], 0
        for quote in self.quotes:
            pieces.append(self.text[at : quote.open_at + 1])
            pieces.append(" " * (quote.close_at - quote.open_at - 1))
            at = quote.close_at
        pieces.append(self.text[at:])
        return "".join(pieces)

    # Sentences ----------------------------------------------------------------------------

    def _sentences(self) -> list[_Sentence]:
        sentences = []
        quotes_by_paragraph: dict[int, list[_Quote]] = {}
        for quote in self.quotes:
            quotes_by_paragraph.setdefault(quote.paragraph, []).append(quote)
        for number, (start, end) in enumerate(self.paragraphs):
            cuts = set()
            inside_quotes = [(q.open_at, q.close_at) for q in quotes_by_paragraph.get(number, [])]
            for match in _SENTENCE_END.finditer(self.text, start, end):
                if any(left < match.start() < right for left, right in inside_quotes):
                    continue  # Stops inside a quote are the quote's; see below.
                before = self.masked[max(start, match.start() - 6) : match.start()]
                if not _ABBREVIATION_BEFORE_DOT.search(before):
                    cuts.add(match.end())
            for quote in quotes_by_paragraph.get(number, []):
                after = self.text[quote.close_at + 1 : end]
                if (
                    quote.closed
                    and quote.ends_sentence
                    and re.match(r"\s+[“\"‘'«]?[A-Z]", after)
                    and not _ATTRIBUTION_START.match(after)
                ):
                    cuts.add(quote.close_at + 1 + len(after) - len(after.lstrip()))
            bounds = [start, *sorted(cut for cut in cuts if start < cut < end), end]
            for left, right in zip(bounds, bounds[1:], strict=False):
                sentence = _Sentence(left, right, number, index=len(sentences))
                sentence.quotes = [
                    q for q in quotes_by_paragraph.get(number, []) if left <= q.open_at < right
                ]
                sentences.append(sentence)
        return sentences

    def _sentence_index(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position) - 1

    # Mentions -----------------------------------------------------------------------------

    def _mentions(self, start: int, end: int) -> list[_Mention]:
        """People and he/she named in the text between start and end, outside quotes."""
        masked, mentions, taken = self.masked, [], []
        if self.people.pattern:
            for match in self.people.pattern.finditer(masked, start, end):
                entity = self.people.known(match.group())
                if entity is None:
                    entity = self.people.introduce(match.group())
                mentions.append(self._mention(match.start(), match.end(), entity))
                taken.append((match.start(), match.end()))
        for match in _NAME_RUN.finditer(masked, start, end):
            if any(left < match.end() and match.start() < right for left, right in taken):
                continue
            entity = self._name_entity(match)
            if entity is not None:
                mentions.append(self._mention(match.start(), match.end(), entity))
        for match in _PRONOUN.finditer(masked, start, end):
            mentions.append(
                _Mention(match.start(), match.end(), None, pronoun=match.group().lower())
            )
        mentions.sort(key=lambda mention: mention.start)
        return mentions

    def _mention(self, start: int, end: int, entity: _Entity) -> _Mention:
        following = self.masked[end : end + 2]
        possessive = (
            following in ("’s", "'s") or following[:1] in ("’", "'") and following[1:2].isspace()
        )
        return _Mention(start, end, entity, possessive=possessive)

    def _name_entity(self, match: re.Match) -> _Entity | None:
        """The person a run of capitalized words names, or None when it is no person's name."""
        words = match.group().split()
        honorific = words[0].rstrip(".") if words[0].rstrip(".") in _HONORIFICS else None
        if honorific:
            words = words[1:]
        # Titles, places and bodies before a name ("Senate Majority Leader Chuck Schumer",
        # "Columbia University"): the name, if any, is what follows the last of them.
        titled = False
        for index in range(len(words) - 1, -1, -1):
            if words[index] in _NOT_NAME_WORDS:
                titled = words[index] in _TITLES
                words = words[index + 1 :]
                break
        if not words:
            return None
        name = " ".join(words)
        if name in self.people.introduced:
            entity = self.people.introduced[name]
        elif ((honorific or titled) and len(words) <= 3) or 2 <= len(words) <= 4:
            if not (honorific or titled) and self._part_of_a_longer_name(match):
                return None
            entity = self.people.introduce(name)
        else:
            return None
        if honorific and _HONORIFICS[honorific]:
            entity.gender = entity.gender or _HONORIFICS[honorific]
        return entity

    def _part_of_a_longer_name(self, match: re.Match) -> bool:
        """True for "Community Safety" in "Department of Community Safety" or "the Smith Center"."""
        before = self.masked[max(0, match.start() - 20) : match.start()]
        after = self.masked[match.end() : match.end() + 20]
        return bool(
            re.search(r"[A-Z][\w’'.-]*\s+(?:of|for|and|&|the|de|del)\s+$", before)
            or re.search(r"\bthe\s+$", before)
            or re.match(r"\s+(?:of|for|&)\s+[A-Z]", after)
            or re.match(r"[’']s?\s+[A-Z]", after)
        )

    # Who each sentence is about -----------------------------------------------------------

    def _subject_of(self, sentence: _Sentence) -> tuple[_Entity | None, bool]:
        """The person a sentence is about: its first name or he/she not after a preposition."""
        for mention in self._mentions(sentence.start, sentence.end):
            if mention.possessive or self._after_preposition(mention.start, sentence.start):
                continue
            if mention.pronoun:
                return self._resolve(mention.pronoun, sentence), False
            return mention.entity, False
        # A described person ("the mayor", "a spokesperson") is talked about, unnamed.
        opening = self.masked[sentence.start : sentence.end].lstrip()
        opening = (
            re.sub(r"^[^,]{0,60},\s+", "", opening)
            if re.match(r"^(?:In|At|On|After|During|Following|Before|Speaking|Asked)\b", opening)
            else opening
        )
        return None, bool(_NOMINAL_SPEAKER.match(opening))

    def _clause_subject(self, start: int, end: int) -> _Mention | None:
        """The first name or he/she between start and end that is not after a preposition."""
        for mention in self._mentions(start, end):
            if not mention.possessive and not self._after_preposition(mention.start, start):
                return mention
        return None

    def _after_preposition(self, position: int, floor: int) -> bool:
        before = self.masked[max(floor, position - 30) : position].split()
        return bool(before) and before[-1].lower() in _PREPOSITIONS

    def _resolve(self, pronoun: str, sentence: _Sentence) -> _Entity | None:
        """The person he/she stands for: the latest compatible person a sentence was about."""
        if pronoun not in _MALE_PRONOUNS | _FEMALE_PRONOUNS:
            return None
        gender = "male" if pronoun in _MALE_PRONOUNS else "female"
        index = sentence.index
        paragraphs_crossed = 0
        for earlier in reversed(self.sentences[max(0, index - 6) : index]):
            if earlier.paragraph != sentence.paragraph:
                paragraphs_crossed = sentence.paragraph - earlier.paragraph
            if paragraphs_crossed > 2:
                return None
            candidate = earlier.subject
            if candidate is None and earlier.attributed_speaker:
                candidate = earlier.attributed_speaker.entity
            if candidate is None:
                if earlier.subject_is_description:
                    return None
                candidate = self._only_person_in(earlier)
            if candidate is not None and candidate.gender in (None, gender):
                candidate.gender = gender
                return candidate
        return None

    def _only_person_in(self, sentence: _Sentence) -> _Entity | None:
        people = {
            mention.entity.key: mention.entity
            for mention in self._mentions(sentence.start, sentence.end)
            if mention.entity is not None and not mention.possessive
        }
        return next(iter(people.values())) if len(people) == 1 else None

    # Attribution --------------------------------------------------------------------------

    def run(self) -> list[QuoteProposal]:
        proposals: list[tuple[_Quote, _Attribution, _Sentence]] = []
        previous_attribution: _Attribution | None = None
        previous_quote: _Quote | None = None
        for sentence in self.sentences:
            for quote in sentence.quotes:
                attribution = self._attribute(quote, sentence, previous_quote, previous_attribution)
                if attribution.entity is not None or attribution.label:
                    sentence.attributed_speaker = sentence.attributed_speaker or attribution
                proposals.append((quote, attribution, sentence))
                previous_quote, previous_attribution = quote, attribution
            sentence.subject, sentence.subject_is_description = self._subject_of(sentence)
            if sentence.subject is None and sentence.attributed_speaker:
                sentence.subject = sentence.attributed_speaker.entity
        self._carry_unclosed_quotes_forward(proposals)
        return [
            proposal
            for quote, attribution, sentence in proposals
            if (proposal := self._proposal(quote, attribution, sentence)) is not None
        ]

    def _attribute(
        self,
        quote: _Quote,
        sentence: _Sentence,
        previous_quote: _Quote | None,
        previous_attribution: _Attribution | None,
    ) -> _Attribution:
        later_quotes = [q for q in sentence.quotes if q.open_at > quote.open_at]
        earlier_quotes = [q for q in sentence.quotes if q.open_at < quote.open_at]
        tail_end = later_quotes[0].open_at if later_quotes else sentence.end
        head_start = earlier_quotes[-1].close_at + 1 if earlier_quotes else sentence.start
        if quote.closed:
            found = self._after(quote.close_at + 1, tail_end, sentence)
            if found:
                return found
        between = self.masked[head_start : quote.open_at]
        if (
            earlier_quotes
            and previous_quote is earlier_quotes[-1]
            and previous_attribution is not None
            and previous_attribution.consumed_until > head_start
        ):
            # The words between were the first quote's attribution. "A," she said, "B.": the
            # second half of a quote split by it; otherwise ("..., which chanted "B"") nobody.
            split = self.text[previous_quote.end : previous_quote.close_at] == "," and re.search(
                r"[,:—–]\s*$", between
            )
            named = previous_attribution.entity is not None or previous_attribution.label
            if split and named:
                return replace(previous_attribution, found_by="split")
            rest = self.masked[previous_attribution.consumed_until : quote.open_at]
            if named and re.match(r"[,\s]*(?:" + _PARTICIPLES + r")\b", rest):
                # "...," Cole said, adding that the charges would be "...": still Cole.
                return replace(previous_attribution, found_by="after", subject=None)
            return _Attribution(None, None, 0.3, "none")
        found = self._before(head_start, quote.open_at, sentence)
        if found:
            return found
        if earlier_quotes or self.masked[head_start : quote.open_at].strip(" \t—–-:"):
            # A quote inside a sentence that names nobody: nothing more to go on.
            return _Attribution(None, None, 0.3, "none")
        return self._across_sentences(quote, sentence, previous_quote, previous_attribution)

    def _after(self, start: int, end: int, sentence: _Sentence) -> _Attribution | None:
        """An attribution right after the quote: ", Smith said", ", said Smith", ", according to X"."""
        tail = self.masked[start:end]
        lead = len(tail) - len(tail.lstrip(" \t,—–-"))
        tail = tail[lead:]
        offset = start + lead
        according = re.match(r"according to\s+", tail)
        if according:
            attribution = self._speaker_from_phrase(
                offset + according.end(), offset + len(tail), sentence, "after", 0.9
            )
            if attribution:
                attribution.consumed_until = offset + len(tail)
            return attribution
        verb = _SPEECH_VERB_PATTERN.search(tail[:160])
        if not verb:
            return None
        before_verb = tail[: verb.start()]
        if re.search(
            r"[.;:!?]", _without_abbreviations(before_verb)
        ) or _PASSIVE_BEFORE_VERB.search(before_verb):
            return None
        if len(_WORD.findall(re.sub(r",[^,]*,", ",", before_verb))) > 8:
            return None
        after_verb_start, clause_end = offset + verb.end(), offset + len(tail)
        if before_verb.strip():
            attribution = self._speaker_before_verb(
                offset, offset + verb.start(), sentence, "after", 0.95
            )
        else:
            attribution = self._speaker_from_phrase(
                after_verb_start, clause_end, sentence, "after", 0.95
            )
        if attribution is None:
            return None
        comma = self.masked.find(",", after_verb_start, clause_end)
        attribution.consumed_until = comma if comma >= 0 else clause_end
        clause = self.masked[after_verb_start:clause_end]
        attribution.venue = attribution.venue or _venue_in(
            self.masked[offset + verb.start() : clause_end]
        )
        attribution.subject = self._subject_in_tail(
            after_verb_start, clause_end, attribution, clause
        )
        return attribution

    def _before(self, start: int, end: int, sentence: _Sentence) -> _Attribution | None:
        """An attribution before the quote in its sentence: "Smith said:", "Smith said X supported"."""
        head = self.masked[start:end]
        verbs = [
            verb
            for verb in _ANY_VERB_PATTERN.finditer(head)
            if not _PASSIVE_BEFORE_VERB.search(head[: verb.start()])
        ]
        if not verbs:
            return self._before_colon(start, end, sentence)
        # The first verb of the last clause: "Liu said Stern had promised": Liu said it.
        breaks = list(_CLAUSE_BREAK.finditer(head, 0, verbs[-1].start()))
        clause_floor = breaks[-1].end() if breaks else 0
        in_clause = [verb for verb in verbs if verb.start() >= clause_floor]
        # A finite verb over a participle in an aside: "Biden, speaking on Thursday, said".
        verb = next((verb for verb in in_clause if not verb.group().endswith("ing")), in_clause[0])
        verb_start, verb_end = start + verb.start(), start + verb.end()
        is_speech = verb.group() in _SPEECH_VERBS or verb.group().lower() == "according to"
        if verb.group().lower() == "according to":
            phrase_end = (
                start + len(re.split(r"[,;:]", head[verb.end() :], maxsplit=1)[0]) + verb.end()
            )
            attribution = self._speaker_from_phrase(verb_end, phrase_end, sentence, "before", 0.9)
            if attribution:
                attribution.venue = _venue_in(head)
            return attribution
        # The speaker is the subject of the verb, in the clause before it; for "..., calling
        # it "..."" (a participle after a comma) the subject of the whole clause.
        clause_start = start + clause_floor
        if verb.group().endswith("ing") and re.search(r",\s*$", head[: verb.start()]):
            subject = self._clause_subject(clause_start, verb_start)
            if subject is not None:
                attribution = self._attribution_for(
                    subject, sentence, "before" if is_speech else "characterization", 0.8
                )
                attribution.venue = _venue_in(head)
                return attribution
        attribution = self._speaker_before_verb(
            clause_start,
            verb_start,
            sentence,
            "before" if is_speech else "characterization",
            0.95 if is_speech else 0.6,
        )
        if (
            attribution is None
            and is_speech
            and re.fullmatch(r"\s*[^,;:.]{1,60}[,:]\s*", head[verb.end() :])
        ):
            # "Said Smith:" or "..., said the mayor:" puts the speaker after the verb.
            phrase_end = (
                start + len(re.split(r"[,;:]", head[verb.end() :], maxsplit=1)[0]) + verb.end()
            )
            attribution = self._speaker_from_phrase(verb_end, phrase_end, sentence, "before", 0.85)
        if attribution is None:
            return None
        if not is_speech and attribution.entity is None and not attribution.label:
            return None
        attribution.venue = _venue_in(head[verb.start() :]) or _venue_in(head[: verb.start()])
        attribution.subject = self._subject_between(verb_end, end, attribution, verb.group())
        return attribution

    def _before_colon(self, start: int, end: int, sentence: _Sentence) -> _Attribution | None:
        """ "DeSantis shot back: "..."": a clause ending in a colon introduces its subject's words."""
        head = self.masked[start:end]
        if not re.search(r":\s*$", head):
            return None
        clause_start = start + max(head.rfind(";") + 1, 0)
        subject = self._clause_subject(clause_start, end)
        if subject is None:
            return None
        attribution = self._attribution_for(subject, sentence, "before", 0.8)
        attribution.venue = _venue_in(head)
        return attribution

    def _speaker_before_verb(
        self, start: int, end: int, sentence: _Sentence, found_by: str, confidence: float
    ) -> _Attribution | None:
        """The speaker named in the words before a speech verb (skipping an aside in commas)."""
        phrase = self.masked[start:end]
        aside = re.search(r",([^,]+),\s*(?:[a-z]+\s+){0,2}$", phrase)
        main_end = start + aside.start() if aside else end
        # The subject phrase runs from the last comma before the aside (after an opening clause).
        main_text = self.masked[start:main_end].rstrip(" ,")
        main_start = start + main_text.rfind(",") + 1 if "," in main_text else start
        main_end = min(main_end, start + len(main_text))
        for left, right in (
            (main_start, main_end),
            *([(start + aside.start(1), start + aside.end(1))] if aside else []),
        ):
            mentions = [
                mention
                for mention in self._mentions(left, right)
                if not mention.possessive and not self._after_preposition(mention.start, left)
            ]
            if mentions:
                return self._attribution_for(mentions[0], sentence, found_by, confidence)
        words = self.masked[main_start:main_end].strip(" \t“”\"‘’'«»")
        if re.fullmatch(r"(?:they|it|we|I|They|It|We)(?:\s+[a-z]+){0,2}", words):
            return _Attribution(None, None, 0.3, "pronoun")
        nominal = _NOMINAL_SPEAKER.match(words)
        if nominal and len(words.split()) <= 10:
            return _Attribution(None, _clean_label(nominal.group()), confidence - 0.25, found_by)
        return self._name_as_written(words, found_by, confidence) or self._described(
            words, found_by, confidence
        )

    def _described(self, words: str, found_by: str, confidence: float) -> _Attribution | None:
        """A speaker described in a few words right before "said": "one engineer", "the letter"."""
        words = _TRAILING_ADVERBS.sub("", words)
        if _DESCRIBED_SPEAKER.fullmatch(words):
            return _Attribution(None, _clean_label(words), confidence - 0.3, found_by)
        return None

    def _name_as_written(self, words: str, found_by: str, confidence: float) -> _Attribution | None:
        """A capitalized name nobody knows and the text has not introduced ("Okafor said")."""
        words = re.sub(r"(?:\s+[a-z]+){1,2}$", "", words.strip())
        if re.fullmatch(
            rf"{_CAPITALIZED_WORD}(?:\s+{_CAPITALIZED_WORD}){{0,3}}", words
        ) and not any(word in _NOT_NAME_WORDS for word in words.split()):
            return _Attribution(self.people.introduce(words), None, confidence - 0.15, found_by)
        if re.fullmatch(_BODY_NAME, words):
            # A body speaking ("the NYPD said", "the Department of Education said"): as written.
            return _Attribution(None, words, confidence - 0.25, found_by)
        return None

    def _speaker_from_phrase(
        self, start: int, end: int, sentence: _Sentence, found_by: str, confidence: float
    ) -> _Attribution | None:
        """The speaker named by the phrase after "said" or "according to"."""
        phrase = self.masked[start:end]
        stop = re.search(r"[.;:!?]|\s(?:in|at|on|during|who|when|after|before|while|of)\s", phrase)
        head_end = start + (stop.start() if stop else len(phrase))
        first_part_end = start + (
            phrase.find(",") if 0 <= phrase.find(",") < head_end - start else head_end - start
        )
        for left, right in ((start, first_part_end), (start, head_end)):
            mentions = [m for m in self._mentions(left, right) if not m.possessive]
            if mentions and mentions[0].start - start <= 60:
                return self._attribution_for(mentions[0], sentence, found_by, confidence)
        words = self.masked[start:first_part_end].strip()
        nominal = _NOMINAL_SPEAKER.match(words)
        if nominal:
            return _Attribution(None, _clean_label(nominal.group()), confidence - 0.25, found_by)
        return self._name_as_written(words, found_by, confidence) or self._described(
            words, found_by, confidence
        )

    def _attribution_for(
        self, mention: _Mention, sentence: _Sentence, found_by: str, confidence: float
    ) -> _Attribution:
        if mention.pronoun:
            entity = self._resolve(mention.pronoun, sentence)
            if entity is None:
                return _Attribution(None, None, 0.3, "pronoun")
            return _Attribution(entity, None, confidence - 0.1, "pronoun")
        if mention.entity.person_id is None:
            confidence -= 0.1
        return _Attribution(mention.entity, None, confidence, found_by)

    def _subject_between(
        self, start: int, end: int, attribution: _Attribution, verb: str
    ) -> _Entity | None:
        """Whose words or position the quote shows, when the sentence names someone else:
        "Chowdhury said Mamdani supported "..."" (not "told Jones", who is only spoken to)."""
        for mention in self._mentions(start, end):
            if mention.entity is None or mention.possessive:
                continue
            before = self.masked[start : mention.start].split()
            if before and before[-1].lower() in ("of", "about"):
                return mention.entity
            if before and before[-1].lower() in _PREPOSITIONS:
                continue
            if not before and verb in _ADDRESSING_VERBS:
                continue  # "told Jones": Jones is spoken to.
            if attribution.entity is None or mention.entity.key != attribution.entity.key:
                return mention.entity
        return None

    def _subject_in_tail(
        self, start: int, end: int, attribution: _Attribution, clause: str
    ) -> _Entity | None:
        """The person a trailing attribution says the quote is about: "..., Smith said of Jones"."""
        for mention in self._mentions(start, end):
            before = self.masked[start : mention.start]
            about = re.search(r"\b(?:of|about|referring to|speaking of)\s+$", before)
            if (
                about
                and mention.entity
                and (attribution.entity is None or mention.entity.key != attribution.entity.key)
            ):
                return mention.entity
        return None

    def _across_sentences(
        self,
        quote: _Quote,
        sentence: _Sentence,
        previous_quote: _Quote | None,
        previous_attribution: _Attribution | None,
    ) -> _Attribution:
        """A quote standing alone: the sentence before (ending in a colon), the quote before
        (a run of quotes from one speaker), or the sentence after names the speaker."""
        index = sentence.index
        before = self.sentences[index - 1] if index > 0 else None
        if before and before.paragraph >= sentence.paragraph - 1:
            before_text = self.masked[before.start : before.end].rstrip()
            if before_text.endswith(":") and not before.quotes:
                found = self._before(before.start, before.end, before)
                if found is None:
                    subject = before.subject
                    found = (
                        _Attribution(subject, None, 0.7, "previous sentence") if subject else None
                    )
                if found and (found.entity or found.label):
                    found.found_by, found.confidence = (
                        "previous sentence",
                        min(found.confidence, 0.75),
                    )
                    return found
            run_of_quotes = (
                previous_quote is not None
                and previous_attribution is not None
                and previous_attribution.entity is not None
                and previous_quote.paragraph >= sentence.paragraph - 1
                and previous_quote in before.quotes
                and self.masked[quote.close_at + 1 : sentence.end].strip(" \t.") == ""
            )
            if run_of_quotes and (
                before.paragraph == sentence.paragraph or self._paragraph_is_quotes(before)
            ):
                return _Attribution(
                    previous_attribution.entity, None, 0.7, "continues", previous_attribution.venue
                )
        after = self.sentences[index + 1] if index + 1 < len(self.sentences) else None
        if after and after.paragraph <= sentence.paragraph + 1 and not after.quotes:
            found = self._after(after.start - 1, after.end, after)
            if found and found.entity is not None and found.found_by == "after":
                found.found_by, found.confidence = "next sentence", 0.6
                return found
        return _Attribution(None, None, 0.3, "none")

    def _paragraph_is_quotes(self, sentence: _Sentence) -> bool:
        """True when a paragraph opens with a quote (so the next quote may continue it)."""
        start, _ = self.paragraphs[sentence.paragraph]
        return any(q.open_at == start for q in self.quotes if q.paragraph == sentence.paragraph)

    def _carry_unclosed_quotes_forward(self, proposals: list) -> None:
        """A quote left open at a paragraph's end goes on in the next: same speaker."""
        for index, (quote, attribution, sentence) in enumerate(proposals[:-1]):
            next_quote, next_attribution, _ = proposals[index + 1]
            if (
                not quote.closed
                and attribution.entity is None
                and next_quote.paragraph == quote.paragraph + 1
                and next_attribution.entity is not None
            ):
                proposals[index] = (
                    quote,
                    _Attribution(
                        next_attribution.entity, None, 0.7, "continues", next_attribution.venue
                    ),
                    sentence,
                )

    # Output -------------------------------------------------------------------------------

    def _proposal(
        self, quote: _Quote, attribution: _Attribution, sentence: _Sentence
    ) -> QuoteProposal | None:
        quote_text = self.text[quote.start : quote.end]
        words = _WORD.findall(quote_text)
        attributed = attribution.entity is not None or bool(attribution.label)
        confidence = attribution.confidence
        if len(words) <= 2:
            # "No," he said. is an answer; a word or two in quotes inside a sentence is not.
            standalone = quote_text[-1] in ".?!" or self.text[quote.end : quote.close_at] == ","
            if not (attributed and standalone) or attribution.found_by == "characterization":
                return None  # Scare quotes around a word or two are not a statement.
            confidence = min(confidence, 0.5)
        elif len(words) <= 4:
            confidence *= 0.8
        entity, subject = attribution.entity, attribution.subject
        sentence_text = self.text[sentence.start : sentence.end].strip()
        return QuoteProposal(
            quote=quote_text,
            start=quote.start,
            end=quote.end,
            speaker_id=entity.person_id if entity else None,
            speaker_name=entity.name if entity else attribution.label,
            subject_id=subject.person_id if subject else None,
            subject_name=subject.name if subject else None,
            venue=attribution.venue,
            confidence=round(confidence, 2),
            sentence=sentence_text,
            paragraph=quote.paragraph + 1,
            found_by=attribution.found_by,
        )


def _venue_in(clause: str) -> str:
    """Where the words were said, as written: "CNN", "the New York Times", "an event at ..."."""
    for pattern in _VENUE_PATTERNS:
        match = pattern.search(clause)
        if match:
            venue = match.group("venue").strip(" ,.")
            if venue and venue not in ("reporters",):
                return venue
    return ""


def _without_abbreviations(text: str) -> str:
    return re.sub(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof|St|Jr|Sr|[A-Z])\.", "", text)


def _clean_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip(" ,")


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


def _looks_like_a_title(quote: str, words: list[str]) -> bool:
    """A short quoted name in Title Case ("The Art of the Deal") is a title, not speech."""
    if not 2 <= len(words) <= 8 or quote[-1:] in ".?!,":
        return False
    return (
        all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)
        and words[0][0].isupper()
    )
