"""The archived words in view: a page per archived copy a citation was checked against."""

import html

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Citation, Statement, Status
from sources.models import Snapshot
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    PersonFactory,
    PublishedStatementFactory,
    SnapshotFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

ARTICLE = (
    "The council met on Tuesday to discuss the budget. Members argued for hours about the "
    "parks, the libraries and the buses. Then the mayor spoke. “We will fund the police, and "
    "we will fund them well,” she said, to applause from one side of the room. Her opponents "
    "said nothing until the vote, which she won by two. The next meeting is in March."
)


# Ten phrases of ARTICLE, none inside another, each cited once.
CITED_PHRASES = [
    "The council met",
    "discuss the budget",
    "argued for hours",
    "the libraries",
    "the buses",
    "Then the mayor spoke",
    "We will fund the police",
    "applause from one side",
    "Her opponents",
    "won by two",
]


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def seed_copy(seeded) -> Snapshot:
    return Snapshot.objects.get()


def test_the_seed_quote_is_highlighted_in_its_passage_of_the_archived_article(client, seed_copy):
    quote = Statement.objects.get(text__startswith="I was not a fan of Mamdani")
    citation = quote.citations.get(snapshot=seed_copy)

    response = client.get(f"/archived-copies/{seed_copy.pk}/")

    assert response.status_code == 200
    page = page_text(response)
    cited = seed_copy.text[citation.found_at : citation.found_at + 40]
    assert f"<mark>{cited}" in page
    assert seed_copy.sha256 in page


def test_an_anonymous_reader_never_gets_the_whole_text(client, seed_copy):
    page = page_text(client.get(f"/archived-copies/{seed_copy.pk}/"))

    assert seed_copy.text not in page
    # The article's opening lies before every cited passage's context.
    first_cited = min(
        Citation.objects.filter(snapshot=seed_copy).values_list("found_at", flat=True)
    )
    assert first_cited > 300
    assert seed_copy.text[:100] not in page
    assert "The whole copy" not in page


def test_staff_see_the_whole_text_never_cached(client, seed_copy, editor):
    client.force_login(editor)

    response = client.get(f"/archived-copies/{seed_copy.pk}/")

    assert seed_copy.text[:100] in page_text(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_copy_cited_only_by_a_draft_is_not_found_for_readers_but_shown_to_staff(client, editor):
    draft = StatementFactory(status=Status.DRAFT, text="We will fund the police.")
    copy = SnapshotFactory(text=ARTICLE)
    CitationFactory(statement=draft, source=copy.source, excerpt="we will fund them well")
    citation = Citation.objects.get(statement=draft)
    assert citation.snapshot_id == copy.pk and citation.found_at is not None

    assert client.get(f"/archived-copies/{copy.pk}/").status_code == 404
    client.force_login(editor)
    page = page_text(client.get(f"/archived-copies/{copy.pk}/"))
    assert "<mark>we will fund them well</mark>" in page
    assert "staff only" in page


def test_an_unknown_or_uncited_copy_is_not_found(client):
    copy = SnapshotFactory(text=ARTICLE)

    assert client.get(f"/archived-copies/{copy.pk}/").status_code == 404
    assert client.get("/archived-copies/999999/").status_code == 404


def test_the_passage_is_cut_at_spaces_with_the_context_either_side():
    copy = SnapshotFactory.build(text=ARTICLE)
    start = ARTICLE.index("“We will fund")

    passage = copy.passage(start=start, words="We will fund the police", context=40)

    assert passage.words == "We will fund the police"
    assert passage.before == "and the buses. Then the mayor spoke. “"
    assert passage.after.startswith(", and we will fund them well")
    assert passage.cut_before and passage.cut_after


def test_the_statement_source_and_stance_pages_link_the_copy(client, seeded, seed_copy):
    quote = Statement.objects.get(text__startswith="I was not a fan of Mamdani")
    link = f'href="/archived-copies/{seed_copy.pk}/"'

    assert link in client.get(quote.get_absolute_url()).content.decode()
    assert link in client.get(seed_copy.source.get_absolute_url()).content.decode()
    stance = client.get("/people/zohran-mamdani/police-funding/").content.decode()
    assert link in stance


def test_each_passage_names_who_said_it_of_whom_even_without_a_person_as_speaker(client, seed_copy):
    """A statement spoken under a label ("Officers on a Zoom call with Mamdani") is cited by
    "paraphrase by Officers on a Zoom call with Mamdani on Zohran Mamdani", never "paraphrase"."""
    page = page_text(client.get(f"/archived-copies/{seed_copy.pk}/"))

    cited = Statement.objects.filter(citations__snapshot=seed_copy).distinct()
    assert cited.filter(speaker__isnull=True).exists()
    for statement in cited:
        who = statement.speaker_display
        if statement.is_about_someone_else:
            who += f" on {statement.subject.name}"
        kind = statement.get_kind_display().lower()
        if statement.kind == Statement.Kind.CHARACTERIZATION:
            kind = "characterization"  # not "characterization by another person by ..."
        link = f'<a href="{statement.get_absolute_url()}">{kind}'
        assert f"{link} by {who}</a>" in page, statement.text
    assert "by another person by" not in page


def test_the_page_runs_the_same_queries_for_one_citation_and_for_ten(client):
    """Three queries (revision; the copy with its source and publisher; the citations with
    their records), whoever spoke the cited words: a person, an organization, a label."""
    copy = SnapshotFactory(text=ARTICLE)
    excerpts = iter(CITED_PHRASES)
    subject = PersonFactory()

    def cite(count: int):
        for index in range(count):
            speaker = [
                {"speaker": PersonFactory()},
                {"speaker": None, "speaker_organization": OrganizationFactory()},
                {"speaker": None, "speaker_label": "officers on a call"},
            ][index % 3]
            statement = PublishedStatementFactory(
                **speaker, subject=subject, kind="paraphrase", citation=None
            )
            CitationFactory(statement=statement, source=copy.source, excerpt=next(excerpts))

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            page = page_text(client.get(f"/archived-copies/{copy.pk}/"))
        return len(captured), page.count("<mark>")

    cite(1)
    one = queries()
    cite(9)

    assert one == (3, 1)
    assert queries() == (3, 10)


def test_a_copy_of_a_source_without_an_address_shows_no_address_row(client, seed_copy):
    """The seed article has no address: its copy's page says nothing of one, never "None",
    nor that the original is at an address above."""
    assert seed_copy.source.url is None

    page = page_text(client.get(f"/archived-copies/{seed_copy.pk}/"))

    assert "None" not in page
    assert "<dt>From</dt>" not in page
    assert "address above" not in page
    assert f'<a href="{seed_copy.source.get_absolute_url()}">' in page
