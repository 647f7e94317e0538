"""Citation verification: the words a citation attributes to its source, checked in its copy."""

from __future__ import annotations

import datetime

import pytest

from claims.models import Citation, Statement
from claims.verification import publication_warnings, verify_citations
from sources.archive import Fetched, extract_text
from sources.models import Source
from tests.factories import (
    CitationFactory,
    EndorsementFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

# The seed article (Fox News, June 2025), one paragraph per line, as its page shows it.
SEED_PARAGRAPHS = [
    "New York City Democratic mayoral nominee Zohran Mamdani has been attempting to make inroads with local police following comments he made in 2020 that have been viewed as hostile toward police.",
    "In recent weeks, Mamdani has met with dozens of active and retired New York City Police Department officers to see how he can win their support, according to a New York Times report. He has met with them in restaurants across the city and over the phone.",
    "Following the police murder of George Floyd in Minneapolis in 2020, Mamdani called for defunding the police. Officers have also been wary of his plan to create a Department of Community Safety, which would be responsive to 911 calls for mental health crises rather than police.",
    "These ideas have made some law enforcement officials hesitant to back his candidacy, but officers have reportedly been advising him to gain their support moving forward.",
    "At a Pakistani restaurant with around two dozen off-duty police officers, Shamsul Haque, the meeting’s organizer and a Bangladeshi American who spent 21 years in the NYPD, asked officers to hear Mamdani’s ideas out.",
    "“I was not a fan of Mamdani at all, but as I got to know him more, I began to respect him and like him more,” he told CNN.",
    "On one Zoom call with officers, Mamdani was advised to distance himself from past defund-the-police comments and told to contact union leaders to ask for their thoughts, according to the report.",
    "Prominent police unions have yet to make an endorsement in the race, as they had by this time in the 2021 New York City mayoral race.",
    "Mamdani has, however, received the support of a small group called the Jamaica Integrated Bangladeshi Officers Network. The group’s president, Karam Chowdhury, said Mamdani supported “reforming, not defunding, our police, ensuring they serve and protect without undermining the trust they’ve worked hard to earn.”",
    "Mamdani has additionally received the support of prominent NYPD official Rodney Harrison, who served as chief of department, the department’s highest-ranking uniformed officer, before his retirement in 2021. Harrison said he still needs to make inroads with rank-and-file officers, however.",
    "“It’s important that he says some things — and actions speak louder than words — that show he supports the rank and file,” he told the New York Times.",
    "MAMDANI SHIFTS TO GENERAL ELECTION MODE WITH SOFTENED STANCES",
    "A New York Times/Siena poll released Tuesday found that Mamdani maintains a strong edge over his competitors and has remained optimistic about winning over groups not yet widely backing him.",
    "“You take every opportunity you can to build a relationship. Behind every headline, behind every caricature, I’ve found, is a New Yorker just trying to do their best,” Mamdani said Monday at an event at Columbia University.",
]

# The quotes the seed article reports, as an editor would type them.
SEED_QUOTES = [
    "I was not a fan of Mamdani at all, but as I got to know him more, I began to respect him "
    "and like him more.",
    "reforming, not defunding, our police, ensuring they serve and protect without undermining "
    "the trust they’ve worked hard to earn.",
    "It’s important that he says some things — and actions speak louder than words — that show "
    "he supports the rank and file.",
    "You take every opportunity you can to build a relationship. Behind every headline, behind "
    "every caricature, I’ve found, is a New Yorker just trying to do their best.",
]


def seed_snapshot_text() -> str:
    """The seed article's page run through the archiver's own text extraction."""
    paragraphs = "".join(f"<p>{paragraph}</p>\n" for paragraph in SEED_PARAGRAPHS)
    page = (
        "<html><head><title>Mamdani makes inroads with police</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav>"
        f"<article><h1>Mamdani courts NYPD officers</h1>\n{paragraphs}</article>"
        "<footer>Copyright Fox News Network</footer></body></html>"
    ).encode()
    return extract_text(Fetched("https://example.org/", 200, "text/html; charset=utf-8", page))


def quote_citation(source, text: str, kind=Statement.Kind.QUOTE) -> Citation:
    return CitationFactory(source=source, statement=StatementFactory(text=text, kind=kind))


@pytest.fixture
def seed_source(db):
    source = SourceFactory(url="https://www.foxnews.com/politics/mamdani-nypd-officers")
    SnapshotFactory(source=source, text=seed_snapshot_text())
    return source


def test_every_quote_of_the_seed_article_is_found_in_its_snapshot(seed_source):
    citations = [quote_citation(seed_source, quote) for quote in SEED_QUOTES]

    counts = verify_citations(source=seed_source)

    assert counts == {Citation.Verification.FOUND: len(SEED_QUOTES)}
    snapshot = seed_source.latest_snapshot
    for citation in citations:
        citation.refresh_from_db()
        assert citation.verification == Citation.Verification.FOUND
        assert citation.snapshot == snapshot
        assert citation.verified_at is not None
        words = citation.statement.text.split()
        assert snapshot.text[citation.found_at :].startswith(words[0])


@pytest.mark.parametrize(
    "quote",
    [
        "I was not a fan of Mamdani at all, but as I got to know him more, I began to admire him "
        "and like him more.",
        "reforming, not defunding, our police, ensuring they serve and protect without undermining "
        "the trust they’ve worked so hard to earn.",
        "It’s important that he says some things — and actions speak louder than promises — that "
        "show he supports the rank and file.",
    ],
)
def test_a_quote_with_one_word_changed_is_not_found(seed_source, quote):
    citation = quote_citation(seed_source, quote)

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.NOT_FOUND
    assert citation.found_at is None
    assert citation.snapshot == seed_source.latest_snapshot


@pytest.mark.parametrize(
    "quote",
    [
        '"I was not a fan of Mamdani at all, but as I got to know him more, I began to respect '
        'him and like him more."',
        "reforming, not defunding, our police, ensuring they serve and protect without undermining "
        "the trust they've worked hard to earn",
        "It's important that he says some things -- and actions speak louder than words -- that "
        "show he supports the rank and file",
        "you take every opportunity you can to build a relationship … I’ve found, is a New Yorker "
        "just trying to do their best",
        "You take every opportunity you can to build a relationship.   Behind every headline...",
    ],
)
def test_typographic_variants_of_the_seed_quotes_are_found(seed_source, quote):
    citation = quote_citation(seed_source, quote)

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.FOUND


def test_a_citation_is_checked_as_soon_as_it_is_saved(seed_source):
    citation = quote_citation(seed_source, SEED_QUOTES[0])

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.FOUND


def test_a_quote_from_a_source_never_archived_has_no_snapshot(db):
    citation = quote_citation(SourceFactory(), SEED_QUOTES[0])

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.NO_SNAPSHOT
    assert citation.snapshot is None
    assert citation.verified_at is not None


def test_a_paraphrase_is_checked_by_its_excerpt_not_its_own_words(seed_source):
    statement = StatementFactory(
        text="Mamdani now opposes defunding the police.", kind=Statement.Kind.PARAPHRASE
    )
    citation = CitationFactory(
        statement=statement,
        source=seed_source,
        excerpt="Mamdani supported “reforming, not defunding, our police",
    )

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.FOUND
    assert seed_source.latest_snapshot.text[citation.found_at :].startswith("Mamdani supported")


def test_a_verbatim_quote_needs_its_own_words_in_the_source_not_only_the_excerpt(seed_source):
    """A correct excerpt does not cover a misquote in the statement readers see."""
    statement = StatementFactory(text="I began to admire him", kind=Statement.Kind.QUOTE)
    citation = CitationFactory(
        statement=statement, source=seed_source, excerpt="I began to respect him"
    )

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.NOT_FOUND


def test_an_endorsement_citation_is_checked_by_its_excerpt(seed_source):
    citation = CitationFactory(
        statement=None,
        endorsement=EndorsementFactory(),
        source=seed_source,
        excerpt="received the support of a small group called the Jamaica Integrated",
    )

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.FOUND


def test_the_latest_snapshot_is_the_one_checked(seed_source):
    SnapshotFactory(
        source=seed_source,
        text="The article was rewritten.",
        fetched_at=datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
    )
    citation = quote_citation(seed_source, SEED_QUOTES[0])

    citation.refresh_from_db()

    assert citation.verification == Citation.Verification.NOT_FOUND
    assert citation.snapshot == seed_source.latest_snapshot


def test_verification_writes_no_history_and_keeps_the_citation_unchanged(seed_source):
    citation = quote_citation(seed_source, SEED_QUOTES[0])
    history_before = citation.history.count()

    verify_citations(source=seed_source)

    citation.refresh_from_db()
    assert citation.history.count() == history_before
    assert citation.excerpt == SEED_QUOTES[0]


def test_the_publisher_is_warned_about_a_quote_not_found(seed_source):
    statement = StatementFactory(text="I began to admire him.")
    CitationFactory(statement=statement, source=seed_source)

    warnings = publication_warnings(statement)

    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"The quoted words were not found in the archived copy of “{seed_source}” taken 25 June 2025"
    )


def test_the_publisher_is_warned_about_a_source_without_a_copy(db):
    statement = StatementFactory(text=SEED_QUOTES[0])
    source = SourceFactory(title="Zoom call notes")
    CitationFactory(statement=statement, source=source)

    assert publication_warnings(statement) == [
        "“Zoom call notes” has no archived copy, so the quoted words could not be checked; "
        "archive the source first."
    ]


def test_a_verified_quote_raises_no_warning(seed_source):
    statement = StatementFactory(text=SEED_QUOTES[2])
    CitationFactory(statement=statement, source=seed_source)

    assert publication_warnings(statement) == []


def test_the_admin_lists_quotes_not_found_in_their_source(seed_source, client, editor):
    quote_citation(seed_source, SEED_QUOTES[1])
    quote_citation(seed_source, "I began to admire him and like him more.")
    client.force_login(editor)

    response = client.get("/admin/claims/quotenotfound/")

    assert response.status_code == 200
    assert "I began to admire him and like him more." in response.content.decode()
    assert "reforming, not defunding" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 6])
def test_the_list_of_quotes_not_found_takes_a_fixed_number_of_queries(
    seed_source, client, editor, django_assert_max_num_queries, count
):
    for number in range(count // 2):
        quote_citation(seed_source, f"A sentence the article never had, number {number}.")
        CitationFactory(
            statement=None,
            endorsement=EndorsementFactory(),
            source=seed_source,
            excerpt=f"A sentence the article never had, number {number + count}.",
        )
    client.force_login(editor)

    # session, user, the user's own permissions, their groups' permissions, the filtered
    # count, the total count, and one page of citations with statement, speaker,
    # organization, endorsement, endorser, endorsed, source and snapshot joined in.
    with django_assert_max_num_queries(7):
        response = client.get("/admin/claims/quotenotfound/")

    assert response.content.decode().count("A sentence the article never had") == count


def test_the_loaded_seed_records_pass_the_archive_check(seeded):
    """The seed loader's records, checked again as after an archive: every citation of the
    article is found, quotes included; the outlets it reports through have no copy."""
    article = Source.objects.get(snapshots__isnull=False)

    counts = verify_citations(source=article)

    assert counts == {Citation.Verification.FOUND: article.citations.count()}
    # Haque, Harrison and Mamdani are quoted verbatim (Chowdhury is characterized).
    assert article.citations.filter(statement__kind=Statement.Kind.QUOTE).count() == 3
    others = Citation.objects.exclude(source=article)
    assert others.exists()
    assert set(others.values_list("verification", flat=True)) == {Citation.Verification.NO_SNAPSHOT}
