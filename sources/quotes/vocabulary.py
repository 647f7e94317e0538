"""The words and patterns the quote extractor reads attributions with: speech verbs, titles,
name shapes, sentence ends, venues. Plain data and regular expressions, no logic of who said what."""

from __future__ import annotations

import re
import unicodedata


def word_list(text: str) -> list[str]:
    """The words of a space-separated list (long vocabularies read better as one string)."""
    return text.split()


# Verbs of saying and writing, as lemmas, by kind (after Levin's verb classes of
# communication): every form of each (says, said, saying; emphasises) is built by verb_forms().
# A lemma marked * is also a common noun ("a post", "the state", "a promise"), so only its
# unambiguous forms count (posted, posting), never "post" or "posts".
COMMUNICATION_LEMMAS = word_list(
    # Verbs of saying and asserting.
    "say tell state* declare assert affirm aver avow claim* contend maintain insist allege "
    "argue reason* add continue note* observe remark* comment* mention point_out explain "
    "clarify elaborate stress* emphasize underline underscore reiterate repeat* restate "
    "summarize sum_up conclude acknowledge admit concede confess agree concur "
    "disagree deny dispute counter* contradict rebut refute retort* reply* respond answer* "
    "rejoin fire_back hit_back shoot_back push_back write_back "
    "announce proclaim pronounce disclose reveal divulge confirm report* recount "
    "recall remember reflect muse wonder speculate guess* predict "
    "warn caution* advise counsel urge implore plead beg appeal* demand* request* ask "
    "inquire enquire query* question* challenge* press* pledge* promise* vow* swear "
    "guarantee* assure reassure remind inform notify brief* testify attest "
    "suggest propose recommend hint* imply opine posit theorize venture echo* offer* "
    "apologize lecture* preach recite intone narrate vent* "
    # Manner of speaking.
    "shout* yell* scream* shriek* cry* exclaim bellow roar* holler thunder* snap* snarl* "
    "growl* bark* whisper* murmur mutter mumble stammer stutter sigh* groan* moan* "
    "gasp* sob* wail* whine* grumble complain lament protest* object* gripe* "
    "laugh* chuckle* joke* quip* jest* tease* taunt* scoff* sneer* gush* rave* rant* "
    "sniff* huff* deadpan* drawl* "
    "rail* fume* boast* brag gloat crow* marvel* chime_in weigh_in interject interrupt "
    "blurt blurt_out cry_out speak speak_out speak_up put_it "
    # Writing and publishing words.
    "write post* tweet* blog* text* email* message* scrawl* pen* "
    "comment_on"
)
# Verbs that put someone else's words inside a sentence ("Smith called the plan "a disgrace"");
# the speaker before these must be a name or a person described ("Trump's campaign"), not any
# noun ("The proposal, dubbed "..."" has no speaker).
CHARACTERIZATION_LEMMAS = word_list(
    "accuse applaud assail attack* bash berate blame* blast* brand* call* castigate "
    "celebrate characterize chastise commend compare condemn criticize decry defend deem "
    "denounce depict deride describe disparage dismiss dub hail* knock* label* lambaste "
    "laud liken malign mock* pan* portray praise* rebuke refer_to reject ridicule "
    "savage scorn* skewer slam* term* tout trash* welcome* write_off"
)
# Irregular forms: the third person, the past, the past participle and the -ing form.
IRREGULAR_FORMS = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "shoot": ("shoots", "shot", "shot", "shooting"),
    "hit": ("hits", "hit", "hit", "hitting"),
    "plead": ("pleads", "pleaded", "pled", "pleading"),
    "push": ("pushes", "pushed", "pushed", "pushing"),
    "put": ("puts", "put", "put", "putting"),
}
# Verbs whose last consonant doubles before -ed and -ing (admitted, quipping, dubbed).
DOUBLED_CONSONANT = set(
    word_list(
        "admit beg blog brag chat commit concur dub jot pan pen quip rebut refer regret "
        "slam snap sob sum submit"
    )
)


def verb_forms(lemma: str, verb_only: bool = False) -> list[str]:
    """A verb's forms: "argue" gives argue, argues, argued, arguing; "point_out" gives point
    out, points out, pointed out, pointing out. verb_only: only the past and -ing forms."""
    verb, _, particle = lemma.partition("_")
    if verb.endswith("ize"):  # British spelling too: emphasises, criticised.
        british = verb_forms(verb[:-3] + "ise" + lemma[len(verb) :], verb_only)
        return verb_forms_regular(verb, particle, verb_only) + british
    return verb_forms_regular(verb, particle, verb_only)


def verb_forms_regular(verb: str, particle: str, verb_only: bool) -> list[str]:
    """The forms of one spelling of a verb, by the rules of English inflection."""
    if verb in IRREGULAR_FORMS:
        forms = [verb, *IRREGULAR_FORMS[verb]]
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms = [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb[:-1] + "ied", verb + "ing"]
    elif verb.endswith("e"):
        present = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing"
        forms = [verb, verb + "s", verb + "d", verb + "d", present]
    else:
        third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
        stem = verb + verb[-1] if verb in DOUBLED_CONSONANT else verb
        forms = [verb, third, stem + "ed", stem + "ed", stem + "ing"]
        if verb.endswith("el"):  # British spelling: labelled, labelling.
            forms += [verb + "led", verb + "ling"]
    if verb_only:
        forms = forms[2:]
    forms = list(dict.fromkeys(forms))
    return [f"{form} {particle.replace('_', ' ')}" for form in forms] if particle else forms


def lexicon(lemmas: list[str]) -> list[str]:
    """Every form of every lemma; for a lemma marked * (also a noun) only the past and -ing,
    longest first so that a pattern made of them prefers "pointed out" to "pointed"."""
    words = {
        form: None
        for lemma in lemmas
        for form in verb_forms(lemma.rstrip("*"), verb_only=lemma.endswith("*"))
    }
    return sorted(words, key=lambda form: (-len(form), form))


# "The post read:", "Vance's website reads": a written source's verbs, which say something only
# after a document (never "she read the names").
# "The judgment states", "the updated terms state that": "state" is a noun too, so its present
# tense is no verb of saying, only a document's verb (in the patterns, not in SPEECH_VERBS).
DOCUMENT_ONLY_VERBS = ["states", "state"]
DOCUMENT_VERBS = ["read", "reads", *DOCUMENT_ONLY_VERBS]
DOCUMENT_NOUNS = (
    r"website|site|page|statement|post|letter|message|email|e-mail|tweet|memo|note|caption|"
    r"release|press release|news release|op-ed|essay|column|newsletter|blog|video|ad|"
    r"advertisement|flier|flyer|leaflet|mailer|platform|manifesto|filing|complaint|lawsuit|"
    r"report|text|text message|account|profile|bio|biography|announcement|petition|"
    # What courts, inspectors and researchers issue: their words are the issuer's.
    r"ruling|judgment|judgement|decision|opinion|warning|guidance|advisory|notice|study|"
    r"audit|survey|review|assessment|analysis|findings|minutes|document|memorandum|order|"
    r"bulletin|indictment|affidavit|"
    # What bodies adopt or sign, and what a service's users agree to.
    r"resolution|declaration|communiqué|communique|agreement|contract|charter|treaty|terms|"
    r"terms of service|guidelines"
)
# An aside of a word or two between commas before the verb: "Her website, however, reads:".
# Or a participle's clause: "Auer's statement, released through his lawyer, read in part:".
# Without commas, a participle's phrase of who saw or received it, or to whom it went: "A
# council document seen by the Echo describes", "the jury sent a note to the judge asking".
ASIDE_BEFORE_VERB = (
    r"(?:,\s*(?:[a-z]+(?:\s+[a-z]+)?|(?:which|that|who)\s+[^,.;:]{1,60}|"
    r"[a-z]+ed\s+(?:by|through|via|to|on|in|at|from)\s+[^,.;:]{1,50}),"
    r"|\s+[a-z]+(?:ed|en)\s+by\s+(?:the\s+)?[A-Z][^,.;:]{0,40}"
    r"|\s+to\s+(?:the|his|her|their|its)\s+[a-z]+)?\s*$"
)
# "in Ferro's words", "in the words of Ferro", "to use Ferro's words": whose words follow.
IN_THE_WORDS_OF = re.compile(
    r"\b(?:[Ii]n|[Tt]o use)\s+(?:(?P<owner>[^,.;:]{1,40}?)[’']s?\s+(?:own\s+)?words|"
    r"the\s+words\s+of\s+(?P<speaker>[^,.;:]{1,60}))"
)
DOCUMENT_SPEAKER = re.compile(
    r"(?:^|\s)(?P<owner>[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)?[’']s\s+(?:own\s+|official\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:" + DOCUMENT_NOUNS + r")" + ASIDE_BEFORE_VERB + r""
    r"|(?:^|\s)(?P<determiner>[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]n?|[Tt]hat|[Tt]his)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>" + DOCUMENT_NOUNS + r")" + ASIDE_BEFORE_VERB
)
# "according to a statement from the mayor's office": the document's author follows it.
# Also without a determiner ("Updated guidance from the Health Board says") and with "of"
# before a body ("The annual report of the Inspectorate said"): the body, as written.
DOCUMENT_FROM = re.compile(
    r"\s*(?:(?i:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:" + DOCUMENT_NOUNS + r")\s+"
    r"(?:from|by|issued by|released by|put out by|sent by|posted by|of(?=\s+(?i:the)\s+[A-Z]))\s+"
)
# "Arnaud posted a photo", "Haig sent a memo": a sentence that brings in a document, whose
# author "the caption read" or "the memo said" then quotes.
PUBLISHING_VERB = re.compile(
    r"\b(?:posted|shared|published|sent|issued|released|wrote|tweeted|emailed|uploaded|"
    r"circulated|distributed|mailed|put out|signed)\b"
)
# "Prada read a statement to reporters:", "She read from her prepared remarks": own words read out.
READ_ALOUD = re.compile(
    r"\s+(?:aloud\s+|out\s+)?(?:from\s+)?(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|remarks|speech|letter|resignation letter|apology)\b(?!\s+(?:from|by|of)\b)"
)
# "Bly read aloud a letter from a constituent:": the letter's author.
READ_FROM = re.compile(r"\s+(?:aloud\s+|out\s+)?(?=(?i:an?|the)\s)")
# "Stannard quoted Lind as saying": Lind's words.
QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<speaker>[^,.;:]{1,60}?)\s+as\s+saying\b")
# After an owner's name: "’s new television ad", "’s own website".
DOCUMENT_OF_OWNER = re.compile(
    r"[’']s\s+(?:own\s+|official\s+)?(?:[\w-]+\s+){0,2}(?:" + DOCUMENT_NOUNS + r")\b"
)
# After an owner's name, words spoken: "Brightwater’s answer was blunt:", "’s message to voters:".
WORDS_OF_OWNER = re.compile(
    r"[’']s\s+(?:[\w-]+\s+){0,2}(?:answer|response|reply|reaction|retort|message|verdict|view|"
    r"advice|warning|promise|pledge|plea|appeal|demand|request|question|argument|explanation|"
    r"assessment|prediction|conclusion|comment|remarks|words)\b"
)
# What a court, an inquiry or a study states as its findings ("The tribunal found that the
# airline had dismissed him for "..."", "An audit found ...", "The court ruled"): its words.
# Only the forms that are no noun ("finding", "rules" are) and no other verb ("find" is mostly
# someone coming upon something).
FINDING_VERBS = ["found", "finds", "ruled"]
# "She went on": the one form of "go on" that is not mostly about something else going on.
SPEECH_VERBS = lexicon(COMMUNICATION_LEMMAS) + ["went on"] + FINDING_VERBS + ["read", "reads"]
# A clause opening with a body or a group in common nouns before a verb of saying or
# publishing: "The airline apologised", "More than 200 doctors signed".
BODY_DESCRIBED = re.compile(
    r"(?P<body>(?:The|A|An|More|Most|Some|Several|Hundreds|Dozens|Thousands|\d[\d,]*)"
    r"(?:\s+(?!(?:has|have|had|was|were|is|are|will|would|also)\b)[a-z0-9][\w’'-]*){1,4}?)"
    r"\s+(?:" + "|".join(SPEECH_VERBS) + r"|" + PUBLISHING_VERB.pattern + r")\b"
)
# Verbs whose complement is the speaker's own choice of words ("called the plan "long
# overdue"", "described the mood as "grim"", "hailed it as "a lifeline""), unlike verbs of
# attack or praise ("slammed the plan as "reckless"").
VERDICT_VERB = re.compile(
    r"\b(?:"
    + "|".join(lexicon(word_list("call* describe characterize label* term* deem hail* brand*")))
    + r"|calls)\b"
)
# "Calls" is a noun too ("calls for reform"), but "X calls the plan "..."" is common enough.
CHARACTERIZATION_VERBS = lexicon(CHARACTERIZATION_LEMMAS) + ["calls"]
# Verbs of answering back: "she shot back" after someone else's quote is not that someone.
REPLY_VERBS = re.compile(
    r"\b(?:"
    + "|".join(
        lexicon(
            word_list(
                "reply* respond retort* counter* answer* rejoin rebut fire_back hit_back "
                "shoot_back push_back snap_back"
            )
        )
    )
    + r")\b"
)
ADDRESSING_VERBS = set(
    lexicon(
        word_list(
            "tell ask urge thank inform remind assure reassure advise warn implore beg caution* brief* "
            "notify counsel"
        )
    )
)
PARTICIPLES = "|".join(
    verb for verb in SPEECH_VERBS + CHARACTERIZATION_VERBS if verb.split()[0].endswith("ing")
)
CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although|though)\s+")
SPEECH_VERB_PATTERN = re.compile(r"\b(?:" + "|".join(SPEECH_VERBS + DOCUMENT_ONLY_VERBS) + r")\b")
ANY_VERB_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(SPEECH_VERBS + DOCUMENT_ONLY_VERBS + CHARACTERIZATION_VERBS, key=len, reverse=True)
    )
    + r")\b|\b(?i:according) to\b"
)
# "was asked", "when asked": the person is being spoken to, not speaking.
PASSIVE_BEFORE_VERB = re.compile(r"\b(?i:was|were|is|are|been|being|when|if|be)\s+$")
# A sentence after a quote that points back at it: "That was how Okonkwo put it.", "Those were
# the words of ...", "So said ...".
POINTING_BACK = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such)\s+(?:was|is|were|are|has been|had been)\s+"
    r"(?:how|what|the way|the words? of|the message of)|So)\s+"
)
# A sentence after a quote that names its source: "That was the message from X", "The warning
# came from X", "Those words came from X": the speaker right after "from" or "of".
POINTING_BACK_TO_SOURCE = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such|The|Its|Their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:(?:was|is|were|are|has been|had been)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:words?|message|warning|verdict|view|assessment|response|reaction|answer|reply|"
    r"promise|pledge|plea|prediction|advice|argument|case|line|point|complaint)\s+(?:of|from)|"
    r"(?:came|comes|had come)\s+from))\s+"
)
# "is telling", "was saying": progressive, not passive; the subject is still the speaker.
PROGRESSIVE = re.compile(r"\w+ing\b")

MALE_PRONOUNS = {"he"}
# Words that say a described person's gender ("an elderly woman", "a father of three").
MALE_WORDS = set(word_list("man men father husband son brother boy grandfather uncle"))
FEMALE_WORDS = set(word_list("woman women mother wife daughter sister girl grandmother aunt widow"))
FEMALE_PRONOUNS = {"she"}
HONORIFICS = {
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
    # Styles of address of other languages and places ("Mme Laurent", "Alhaji Musa Bello",
    # "Hajia Amina Sule"): honorifics like Mr. and Mrs., not part of the name.
    "Mx": None,
    "Mme": "female",
    "Mlle": "female",
    "Alhaji": "male",
    "Alhaja": "female",
    "Hajia": "female",
    "Hajiya": "female",
}
# Capitalized words that are not part of people's names (places, bodies, days, months, openers).
NOT_NAME_WORDS = set(
    word_list(
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
        "Covid Act Bill Law Plan Program Project Initiative Campaign Street Times "
        "Research Poll Market Markets Stock Exchange Wall Main Museum Library Airport "
        "Station Island Beach Hall Tower Plaza Building Club League Team Olympic Olympics "
        "God Christmas Easter Thanksgiving Ramadan Eid Passover Election Day "
        # Numbers and quantities opening a description ("One Labour source", "Two Tory MPs").
        "One Another Some Several Many Most Both Each Every Two Three Four Five"
    )
)
# Titles and roles written before a name ("Mayor Ada Pruitt", "Quarterback Tyrese Okoro",
# "Analyst Kiran Patil"): not part of the name. Roles that are common surnames (Baker, Cook,
# Mason, Porter, Dean, Marshall) are left out, so that "Harriet Baker" stays a name.
TITLES = set(
    word_list(
        "President Mayor Governor Senator Representative Congressman Congresswoman "
        "Assemblyman Assemblywoman Assemblymember Councilman Councilwoman Councilmember "
        "Councillor Alderman Alderwoman Delegate Secretary Minister Premier Chancellor Ambassador "
        "Director Commissioner Comptroller Treasurer Auditor Superintendent Sheriff Judge Justice "
        "Speaker Chair Chairman Chairwoman Chairperson Leader Whip Captain Sergeant Detective "
        "Lieutenant General Colonel Major Officer Trooper Deputy Inspector Investigator Chief "
        "Agent Firefighter Member Trustee Attorney Lawyer Prosecutor Spokesman Spokeswoman "
        "Spokesperson Pastor Rabbi Imam Bishop Archbishop Cardinal Reverend Chaplain Deacon "
        "Sir Dame Lord Lady Baroness Baron Professor Provost Principal Headteacher Teacher Doctor Surgeon Nurse Coach Manager "
        "Quarterback Goalkeeper Striker Pitcher Midfielder Defender Linebacker Analyst Economist "
        "Strategist Pollster Consultant Adviser Advisor Aide Lobbyist Founder Owner Executive "
        "Editor Columnist Correspondent Reporter Historian Researcher Scientist Engineer "
        "Architect Planner Organizer Activist Chef Veteran Resident Student "
        # Offices, ranks and styles of other countries and services: titles like any other.
        # Not those that are also common surnames or first names (King, Prince, Pope, Sultan).
        "Taoiseach Tánaiste Premier Commodore Admiral Brigadier Commander Commandant Corporal "
        "Superintendent Magistrate Coroner Registrar Ombudsman Envoy "
        "Princess Sheikha Ayatollah Patriarch Datuk Datin Dato Seri Skipper Referee Umpire "
        "Co-founder Cofounder "
        # Roles of elected politics written before a name ("Lawmaker Ada Pruitt").
        "Lawmaker Legislator Parliamentarian Councilor Candidate Nominee Challenger Incumbent"
    )
)
# Words before a title that make it another office: "the deputy mayor" is not Mayor Ada Pruitt.
SECOND_IN_OFFICE = frozenset(
    word_list("deputy vice assistant associate acting interim junior shadow under lieutenant")
)
# Abbreviated titles and ranks, with or without their dot ("Col. Avraham Dror", "Cllr Mandeep
# Sandhu", "Lt. Gen.", "Pol. Col."): titles before a name, any number of them. (Mr., Dr., Sen.
# and the like are honorifics, read on their own: "Sen" is also a surname.)
TITLE_ABBREVIATIONS = set(
    word_list(
        "Cllr Col Lt Gen Maj Capt Cmdr Cdr Adm Brig Sgt Cpl Pte Pvt Supt Insp Det Hon Pres Amb "
        "Pol Fr Atty Cmdt Comm "
        # Offices of local government, deputies and clergy ("Ald. Terrence Mabry", "Asst.
        # Chief", "Msgr. Kelly", "Rt. Hon."): as common in local news as the ranks above.
        "Ald Dep Asst Supv Msgr Ofc Rt"
    )
)
TITLES |= TITLE_ABBREVIATIONS


def is_title(word: str) -> bool:
    """A title by shape too: a hyphenated one with a title in it ("Secretary-General",
    "Director-General", "Vice-President", "President-elect", "Co-leader")."""
    word = word.rstrip(".")
    if word in TITLES or word.capitalize() in TITLES:
        return True
    parts = word.split("-")
    return len(parts) > 1 and any(part.capitalize() in TITLES for part in parts)


# A title that holds "of" before a name ("Superintendent of Public Instruction Lorna
# Whitfield-Amadi", "Secretary of Transportation Ada Pruitt"): the name is the run's end.
# Before "of", titles that are also common surnames are titles too ("Dean of Students Colin
# Mayhew", "Master of the Rolls", "Rector of the university").
TITLE_OF_DEPARTMENT = re.compile(
    r"\b(?P<title>"
    + "|".join(sorted(TITLES | {"Dean", "Rector", "Warden", "Master", "Marshal", "Clerk"}))
    + r")\s+of\s+(?:the\s+)?$"
)
# The abstract nouns that end an office's name before the holder's ("Instruction",
# "Transportation", "Development", "Finance"), not a person's first name.
DEPARTMENT_WORD = re.compile(
    r"[A-Z][a-z]+(?:tion|sion|ment|ture|ance|ence|ity|ics|ness|ship|ism|ogy|rgy|ury|ing)s?"
    # Or a plural: "Dean of Students", "Director of Communications", "Head of Admissions".
    r"|[A-Z][a-z]+[^s\W]s"
)
# The titles an abbreviation before a name stands for ("Gov. Ferro" is the governor).
TITLE_OF_HONORIFIC = {"Gov": "governor", "Sen": "senator", "Rep": "representative"}
NOT_NAME_WORDS |= TITLES
# Words that may stand between a preposition and the name it governs ("a spokesman for
# Gov. Lyle Danforth", "to former governor Ada Pruitt").
BEFORE_A_NAME = {title.lower() for title in TITLES} | set(
    word_list(
        "mr mrs ms miss dr sen rep gov prof rev lt gen col capt sgt det hon supt u.s former "
        "then acting state city county council assemblyman assemblywoman congressman "
        "congresswoman senate house majority minority"
    )
)
PREPOSITIONS = set(
    word_list(
        "of with to for by from at in on about against into onto upon over under between "
        "among than like unlike toward towards behind beside besides near via per including "
        "and or nor but told asked met thanked called criticized praised urged accused "
        "endorsed backed supported defeated beat joined replaced succeeded hired fired "
        "named appointed interviewed"
    )
)
# Nouns for people described rather than named ("a spokesperson", "the mayor", "officials").
HUMAN_NOUN_WORDS = word_list(
    # People by office, trade or part they play; each also counts in the plural.
    "spokesperson spokesman spokeswoman mayor governor senator lawmaker legislator official "
    "officer president chief director chair chairman chairwoman commissioner candidate nominee "
    "lawyer attorney resident organizer leader representative member secretary minister "
    "adviser advisor aide staffer analyst expert professor economist scientist researcher "
    "councilman councilwoman councillor sheriff judge manager executive founder activist "
    "voter owner teacher student worker employee doctor physician nurse paramedic firefighter "
    "woman man person critic supporter opponent prosecutor investigator witness neighbor "
    "neighbour source steward driver rider passenger commuter customer shopper tenant "
    "landlord homeowner parent mother father relative friend survivor victim volunteer "
    "farmer fisherman clerk cook vendor banker trader investor journalist reporter historian "
    "coach player fan veteran soldier pastor priest rabbi imam trustee superintendent "
    "principal engineer contractor consultant negotiator diplomat envoy ambassador "
    "protester demonstrator bystander backbencher strategist boss forecaster"
)
# Trades, parts and ranks of people beyond those above, for a capitalized role opening a
# sentence before a full name ("Curator Ana Reis said", "Trainer Tom Bell added"): a role, not
# part of the name. Many are also surnames (Singer, Farmer, Guard), so only before two more
# capitalized words of a name.
OCCUPATION_WORDS = word_list(
    "curator trainer organiser jockey star actor actress singer musician artist author novelist "
    "writer poet playwright composer producer designer photographer filmmaker pilot captain "
    "skipper sailor architect builder plumber electrician mechanic pharmacist dentist midwife "
    "carer caretaker librarian archivist lecturer tutor headteacher headmaster headmistress "
    "vicar chaplain campaigner athlete boxer golfer cyclist swimmer sprinter referee umpire "
    "goalkeeper striker midfielder defender batsman bowler winger ranger warden constable "
    "detective inspector sergeant lieutenant commander geologist volcanologist seismologist "
    "meteorologist epidemiologist virologist biologist ecologist chemist physicist astronomer "
    "psychologist psychiatrist therapist surgeon paediatrician pediatrician entrepreneur "
    "shopkeeper publican broker dealer auctioneer agent chef baker butcher grower winemaker "
    "brewer keeper guide instructor mentor pupil graduate cofounder co-founder "
    "ceo cfo spokesperson councilor alderman agronomist economist pensioner retiree fielder "
    "batter wicketkeeper quarterback goalkeeper nurse"
)
# A role that may open a run of capitalized words before a name.
ROLE_WORDS = frozenset(HUMAN_NOUN_WORDS) | frozenset(OCCUPATION_WORDS)
# A person described by role or origin with "the" ("the coach", "the Ardmore captain", "the
# former councilman", "the Dutchman"): the person just named, in a second mention. Not one
# marked as someone else ("the other coach", "the deputy mayor", "the opposing manager"), nor
# those mostly someone else's ("the spokesman", "the source", "the man", "the victim").
NOT_THE_SAME_PERSON = word_list(
    "other another second opposing rival visiting home away new deputy vice assistant "
    "associate acting interim junior shadow under"
)
NEVER_A_SECOND_MENTION = word_list(
    "spokesperson spokesman spokeswoman source man woman person victim witness friend "
    "relative neighbor neighbour critic opponent supporter fan"
)
ROLE_ANAPHOR = re.compile(
    r"(?i:the)\s+(?:(?!(?:" + "|".join(NOT_THE_SAME_PERSON) + r")\s)[\w’'-]+\s+){0,2}"
    r"(?P<role>(?!(?:"
    + "|".join(NEVER_A_SECOND_MENTION)
    + r")$)(?:"
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r"|[a-z]+(?:man|woman)|[A-Z][a-z]+(?:man|woman)))"
)
# Bodies that speak as one ("the company said", "the mayor's office said").
BODY_NOUN_WORDS = word_list(
    "campaign department agency company firm group union office administration police "
    "family families staff people men women children"
)

# Common nouns for an organisation, which stand for one the text named before: "Skyward Air
# blamed staff shortages. "...," the airline said." (the airline is Skyward Air).
ORGANISATION_NOUNS = word_list(
    "company firm agency airline carrier ministry department district retailer club trust "
    "group museum bank lender insurer authority council board government university college "
    "hospital charity union party army military navy network utility operator regulator "
    "chain manufacturer automaker carmaker maker broadcaster team league organisation "
    "organization body commission committee office service school church foundation institute "
    "centre center startup developer publisher business corporation conglomerate exchange "
    "court tribunal association federation alliance coalition library theatre theater "
    "festival station channel supermarket store restaurant hotel studio label laboratory lab "
    "embassy consulate administration campaign watchdog nonprofit fund giant brand"
)


def plural(noun: str) -> str:
    """A regular English plural: firefighters, witnesses, parties."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


HUMAN_NOUNS = "|".join(
    sorted(
        {*HUMAN_NOUN_WORDS, *map(plural, HUMAN_NOUN_WORDS), *BODY_NOUN_WORDS},
        key=lambda noun: (-len(noun), noun),
    )
)
# After a body's or a place's name, a role in lower case and then a name: "Harrow Rovers boss
# Kenny Dalgetty", "Corran Bank chief executive Ada Holm": the capitalized words before the
# role are no person's name.
# Not after a verb ("Tanabe told reporters Japan would": "reporters" is no role of Japan's),
# and an office in capitals counts too ("Fianna Fáil TD Declan Ó Súilleabháin", "Labour MP").
OFFICE_ABBREVIATIONS = word_list("MP MPs TD TDs MSP MEP MEPs MLA MPP MNA MHA MK MS AM")
ROLE_BEFORE_A_NAME = re.compile(
    r"\s+(?:(?!(?:" + "|".join(SPEECH_VERBS) + r")\b)[a-z][\w-]*\s+){0,2}(?:[a-z]+-)?"
    r"(?:" + HUMAN_NOUNS + r")(?:-[a-z]+)?\s+[A-Z]"
    r"|\s+(?:" + "|".join(OFFICE_ABBREVIATIONS) + r")\s+[A-Z]"
)
# Before a run of capitalized words: a lower-case role that names the person after it ("floor
# leader Park Ji-hoon"), so a first word that is often no name's (Park, Church) is one here.
ROLE_JUST_BEFORE = re.compile(r"(?<![\w’'-])(?:[a-z]+-)?(?:" + HUMAN_NOUNS + r")\s+$")
# After a determiner, capitalized words that qualify a described speaker or a body are no one's
# name: "A Hong Kong government spokesman", "the Tel Aviv police".
QUALIFIER_BEFORE_A_NOUN = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:" + HUMAN_NOUNS + r"|" + "|".join(ORGANISATION_NOUNS) + r")\b"
)
NOMINAL_SPEAKER = re.compile(
    r"^(?:(?:the|a|an|one|another|some|several|many|two|three|his|her|their|its|[A-Z][\w’'.&-]*(?:’s|'s))\s+)"
    r"?(?:[\w’'-]+\s+){0,3}(?:" + HUMAN_NOUNS + r")\b(?!\s+(?-i:[A-Z]))"
    r"(?:\s+(?:familiar with|close to|briefed on|involved in|for|of|at|with|in|from)\s+(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|St)\.|[^,.;]){1,60})?"
    # "a neighbor who asked not to be named", "an aide who spoke on condition of anonymity"
    r"(?:\s+who\s+(?:asked|declined|spoke|requested)\s+[^,.;]{0,40}?"
    r"(?:named|identified|anonymity)"
    # "A neighbour who helped pull the children out said": a clause that runs to the verb.
    r"|\s+who(?:se)?(?:\s+[\w’'-]+){1,8}?(?=\s+(?:" + "|".join(SPEECH_VERBS) + r")\b|\s*$))?",
    re.IGNORECASE,
)
# Abbreviations whose dot ends no sentence: honorifics, titles and a few others.
ABBREVIATIONS = r"Mr|Mrs|Ms|Mx|Mme|Mlle|Dr|Sen|Rep|Gov|St|Jr|Sr|Prof|Rev|No|" + "|".join(
    sorted(TITLE_ABBREVIATIONS)
)
ABBREVIATION_BEFORE_DOT = re.compile(
    r"(?:\b[A-Z]|\b(?:" + ABBREVIATIONS + r"|U\.S|D\.C|U\.N|U\.K|E\.U))$"
)
OPENING_MARKS = {"“": "”", "«": "»", "„": "“"}
SINGLE_OPENERS = "‘'"
SINGLE_CLOSERS = "’'"
CLOSING_CONTEXT = set(" \t\n,.;:!?)]}—–-…")
OPENING_CONTEXT = set(" \t\n([{—–-")

# Upper- and lower-case letters of every script that has cases, by Unicode category, not by
# ranges (Kovač, Szymańska, Łukasz, Nguyễn Thị Hồng Vân), as character-class contents.
UPPER = "".join(ch for ch in map(chr, range(0x41, 0x10000)) if ch.isupper() and ch.isalpha())
# Lower-case letters of any script, and the combining marks written on them ("Adébáyọ̀" with
# its tone marks as separate characters).
LOWER = "".join(
    ch
    for ch in map(chr, range(0x61, 0x10000))
    if ch.islower() and ch.isalpha() or unicodedata.category(ch) == "Mn"
)
# A capitalized word of a name: Smith, Cabán, McCarthy, DeSantis, O’Brien, Ocasio-Cortez.
CAPITALIZED_WORD = (
    rf"(?:[A-Z][’'][A-Z][{LOWER}]+|[{UPPER}][{LOWER}]+(?:[A-Z][{LOWER}]+)?)"
    rf"(?:-[{UPPER}]?[{LOWER}]+)*"
)
# Particles inside a name ("Hélène de Villiers", "Pieter van den Broek", "Khalid bin
# Saeed", the Irish "Ó", the Welsh "ap" and "ferch", the Spanish "y", the Portuguese "e"), only
# between capitalized words; "al-" and "el-" before one ("al-Amin").
NAME_PARTICLES = (
    r"(?:de|da|di|do|du|del|della|dei|degli|des|dos|das|van|von|zu|af|der|den|ter|ten|le|la|"
    r"bin|ibn|bint|ben|Ó|ap|ab|ferch|y|e)"
)
NAME_RUN = re.compile(
    rf"(?:\b(?:{'|'.join(HONORIFICS)}|"
    rf"{'|'.join(sorted(TITLE_ABBREVIATIONS))})\.?\s+)*{CAPITALIZED_WORD}"
    rf"(?:\s+(?:{NAME_PARTICLES}\s+){{0,2}}(?:[A-Z]\.\s*)?(?:(?:al|el)-)?{CAPITALIZED_WORD})*"
)
# A speaker described by age only ("the 34-year-old", "the 71-year-old grandmother"): someone
# the text has just named.
AGE_EPITHET = re.compile(r"(?i:the)\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old(?:\s+[a-z]+)?")
# Things that bear words nobody speaks ("One placard said", "a banner read", "her T-shirt said"):
# what they say is a slogan, not a described speaker's words.
INSCRIPTION = re.compile(
    r"\b(?:sign|placard|banner|poster|billboard|sticker|t-shirt|shirt|graffiti|plaque|"
    r"mural|headline|inscription|card|label|flag|hat|cap)s?"
    # Where it hangs or stands: "A sign in the window of the shop says".
    r"(?:\s+(?:in|on|at|outside|above|over|near|by|across)\s+[^,;:]{1,60})?$",
    re.IGNORECASE,
)
# Any short description before "said": "one engineer", "the letter", "a person familiar with it".
DESCRIBED_SPEAKER = re.compile(
    r"(?i:the|a|an|one|another|some|several|many|two|three|four|his|her|their|its)\s+"
    r"(?:[\w’'-]+\s+){0,2}[a-z][\w’'-]*(?:\s+(?:for|of|at|with|from|in|close to|familiar with)\s+[^,.;]{1,60})?"
)
TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:later|also|then|previously|recently|once|had|has|have|would|will|did|does|"
    r"again|still|simply|only|just|quickly|earlier|repeatedly|publicly|privately|finally|"
    r"eventually|suddenly|quietly|calmly|firmly|flatly|bluntly))+$"
)
BODY_NAME = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w&.’'-]*[A-Z][\w&.’'-]*|(?:[Tt]he\s+(?:state|federal|city|county|"
    r"provincial|national|regional|local|district|appeals|supreme)\s+|[Tt]he\s+)?(?:[A-Z][\w&.’'-]+\s+(?:(?:of|for|and|&|the|de|del|la|las|los|du|des|di|der|und)\s+)*){1,5}"
    r"[A-Z][\w&.’'-]+"
)
# "the company", "the state agency": an organisation the text may have named before.
ANAPHORIC_BODY = re.compile(
    r"(?i:the)\s+(?:[a-z-]+\s+)?(?P<noun>" + "|".join(ORGANISATION_NOUNS) + r")"
)
# A clause opening with an organisation in common nouns: "Brazil's health ministry confirmed".
BODY_BY_NOUN = re.compile(
    r"(?:The\s+|[A-Z][\w.&-]*[’']s\s+)(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(ORGANISATION_NOUNS)
    + r")\b(?=\s+[a-z]|,)"
)
# The word before a quote of a word or two that makes it part of a noun phrase or a name, not
# anyone's words: "the "temporary" detour", "the mayor's "listening tour"", "so-called",
# "known as", "dubbed", "a sign reading".
MODIFIER_BEFORE_A_QUOTE = re.compile(
    r"(?:\b(?i:a|an|the|this|that|these|those|his|her|its|their|our|my|your|some|any|no|every|"
    r"so-called|as|called|calls|call|dubbed|named|titled|known|reading|read|reads|word|term|"
    r"phrase|slogan|label)|[’']s?)\s*$"
)
# The words before a quote that make it a name, nobody's statement: "the so-called", "what
# officers are calling", "what has been dubbed" (a name in use; "what Mbeki called" is his
# verdict).
NAME_IN_USE = re.compile(
    r"(?:\b(?i:so-called)|\b(?i:what)\s+(?:[\w’'-]+\s+){0,2}?(?:are|is|have|has|had|were|"
    r"was|been|being)\s+(?:now\s+|been\s+|being\s+)?(?:calling|called|dubbing|dubbed|"
    r"nicknamed|branding|branded|known\s+as)(?:\s+it)?"
    # "the system forecasters have nicknamed", "residents have taken to calling the road".
    r"|\b(?:nicknamed|christened|dubbed)(?:\s+it)?"
    r"|\b(?:taken\s+to|started|begun)\s+calling(?:\s+[\w’'-]+){0,6}?)\s*$"
)
# "chants of", "cries of": a crowd's words, nobody's in particular.
# After a verb: the words it introduces are the quote ("asked: "), or it tells someone them.
RELAYING = re.compile(r"\s*:\s*$|\s+(?:him|her|them|me|us)\b(?!\s+(?:to|of|about|for)\b)")
# "said [that] the minister had told": where the relaying verb's subject starts.
AFTER_REPORTING_VERB = re.compile(r"\s*(?:that\s+)?")
CHANTED = re.compile(r"\b(?:chant|chants|chanting|cries|slogans?)\s+of\s*$")
# What a described speaker opens with, after a connective or a subordinating conjunction:
# "the minister", "a second aide", "one resident", "her father".
_DESCRIBED_SPEAKER_AHEAD = r"(?=(?i:the|an?|one|another|some|several|his|her|their)\s)"
# Connectives and sentence adverbs that open a clause before its subject; "while" and "when"
# only inside a sentence ("..., while a second aide insisted"), since a sentence opening with
# them is a subordinate clause before the main one ("When a colleague suggested it, he said").
OPENING_CONNECTIVE = re.compile(
    r"^(?:(?i:meanwhile|nearby|later|elsewhere|however|instead|still|also|and|but|so|yet|then|"
    r"now)|while|whereas|when)\b,?\s+" + _DESCRIBED_SPEAKER_AHEAD
)
# A subordinating conjunction opening a sentence whose only verb before the quote is its own:
# "When the minister promised "..."", "As the old man finally says, "..."" (the clause's
# subject is the speaker; with a main clause after it, "When a colleague suggested it, he
# scoffed:", the main clause's subject is).
SUBORDINATE_OPENING = re.compile(
    r"\s*(?:When|As|Once|After|Before|Until|Because|Since|If|Although|Though|While)\s+"
    + _DESCRIBED_SPEAKER_AHEAD
)
# A live blog's time stamp opening an entry: "3:02 p.m.:", "11.42am -".
TIME_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[:—–-]\s*")
# Words of when, which make a phrase after a speaker a time, not where the speaker is from.
TIME_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|today|yesterday|"
    r"tonight|morning|afternoon|evening|night|week|month|year|weekend|time|moment|end)\b"
)
PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
SENTENCE_END = re.compile(r"[.?!]+[\"”’»)]*\s+(?=[“\"‘'«(\[]?[A-Z0-9])")
ATTRIBUTION_START = re.compile(
    r"^\s+(?:[\w’'.-]+\s+){0,4}?(?:" + "|".join(SPEECH_VERBS) + r")\b|^\s+according to\b"
)
WORD = re.compile(r"[\w’'-]+")

OUTLET = (
    r"(?:the\s+|The\s+)?[A-Z][\w&.’'-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?[A-Z0-9][\w&.’'/-]*)*"
)
EVENT_NOUNS = (
    r"event|rally|meeting|forum|hearing|debate|news conference|press conference|town hall|"
    r"briefing|conference|summit|fundraiser|gathering|vigil|protest|speech|ceremony|luncheon|"
    r"dinner|breakfast|convention|panel|roundtable|march|parade|service|session|call|Zoom call"
)
VENUE_PATTERNS = (
    re.compile(rf"\btold\s+(?P<venue>{OUTLET})"),
    re.compile(
        rf"\b(?:wrote|writes|writing|posted|published)\s+(?:in|on)\s+(?:an?\s+[\w-]+\s+(?:in|on|for)\s+)?(?P<venue>{OUTLET})"
    ),
    re.compile(rf"\b(?:[Ii]n|[Dd]uring)\s+(?P<venue>an?\s+interview\s+(?:with|on)\s+{OUTLET})"),
    re.compile(
        rf"\b(?:[Aa]t|[Dd]uring|[Oo]n)\s+(?P<venue>(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{EVENT_NOUNS})"
        rf"(?:\s+(?:at|in|with|for|of|hosted by|organized by)\s+(?:the\s+)?[\w’'-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w&.’'-]*)*)?)"
    ),
    re.compile(
        r"\b(?:[Ii]n|[Dd]uring)\s+(?P<venue>(?:an?|the)\s+(?:[\w’'-]+\s+){0,2}?"
        r"(?:statement|interview|op-ed|post|letter|speech|email|video|essay|memo|tweet|"
        r"press release|news release|podcast|broadcast)"
        rf"(?:\s+(?:to|with|on|in|for)\s+{OUTLET})?)"
    ),
    re.compile(
        r"\bon\s+(?P<venue>(?:X|Twitter|Facebook|Instagram|TikTok|Threads|Bluesky|YouTube|"
        r"CNN|MSNBC|Fox News|NPR|CBS|NBC|ABC|PBS|BBC)(?:’s|'s)?(?:\s+[A-Z][\w’'-]*)*)"
    ),
)


def venue_in(clause: str) -> str:
    """Where the words were said, as written: "CNN", "the New York Times", "an event at ..."."""
    for pattern in VENUE_PATTERNS:
        match = pattern.search(clause)
        if match:
            venue = match.group("venue").strip(" ,.")
            if venue and venue not in ("reporters",):
                return venue
    return ""


ABBREVIATION_DOT = re.compile(r"\b(?:" + ABBREVIATIONS + r"|Ave|Blvd|Mt|Ft|a\.m|p\.m|[A-Z])\.")


def abbreviation_dots_hidden(text: str) -> str:
    """The text with the dot of each abbreviation ("Rep.", "U.S.", "a.m.") made a space: the same
    length, so positions still match, but no stop where there is none."""
    return ABBREVIATION_DOT.sub(lambda match: match.group()[:-1] + " ", text)


def without_abbreviations(text: str) -> str:
    return re.sub(
        r"\b(?:" + ABBREVIATIONS + r"|[A-Z])\.",
        "",
        text,
    )


def clean_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip(" ,")


SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


# Words just before a quoted name that say it is one (a storm's, an operation's, a book's or a
# show's): "Storm "Helka"", "the novel that became "The Quiet Harvest."", "a film titled".
TITLE_CUE = re.compile(
    r"(?:\b(?:Storm|Hurricane|Cyclone|Typhoon|Operation|Project|Codename|called|named|titled|"
    r"entitled|dubbed|nicknamed|became|become|becomes)|\b(?i:album|book|novel|film|movie|"
    r"documentary|series|show|play|musical|opera|song|single|exhibition|podcast|memoir|"
    r"programme|program|campaign|storm|hurricane|cyclone|typhoon|operation))\s*$"
)


def looks_like_a_title(quote: str, words: list[str], before: str = "") -> bool:
    """A short quoted name in Title Case ("The Art of the Deal") is a title, not speech."""
    if TITLE_CUE.search(before) and 1 <= len(words) <= 8:
        # After a word that says a name follows, one word will do, and the stop of the sentence
        # may sit inside the marks ("the book that became "The Quiet Harvest."").
        quote = quote.rstrip(".")
    elif not 2 <= len(words) <= 8 or quote[-1:] in ".?!,":
        return False
    return (
        all(word[0].isupper() or word.lower() in SMALL_WORDS for word in words)
        and words[0][0].isupper()
    )
