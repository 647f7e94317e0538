"""A statement's fingerprint: kept current with its text, shared by repeats, and what
PostgreSQL finds repeats by, in a fixed number of queries however many share it."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.matching import candidates as matching
from claims.matching.candidates import FINGERPRINT_SIZE, RETRIEVED, candidates, fingerprint
from claims.models import Statement
from tests import factories

pytestmark = pytest.mark.django_db

SAID = (
    "Rents in this city have gone up by forty percent in ten years while wages for working "
    "families stayed flat, and the rent guidelines board keeps raising them."
)
LIGHT_EDIT = (
    "Rents in this city went up forty percent in ten years, while wages for working families "
    "stayed flat, and the rent guidelines board keeps raising them"
)
OTHER = "Free buses for every New Yorker will speed up the slowest routes in the Bronx."


def test_a_fingerprint_ignores_case_and_punctuation_and_keeps_the_smallest_hashes():
    """Case and punctuation leave it unchanged; it holds at most FINGERPRINT_SIZE signed 64-bit
    values, ascending."""
    values = fingerprint(SAID)
    assert values == fingerprint(SAID.upper().replace(",", " ").replace(".", "!"))
    assert len(values) == FINGERPRINT_SIZE
    assert values == sorted(values)
    assert all(-(2**63) <= value < 2**63 for value in values)
    assert fingerprint("the and of") == []


def test_a_light_edit_keeps_most_of_the_fingerprint_and_another_claim_none():
    """A repeat with words dropped and changed shares most values; another claim none."""
    assert len(set(fingerprint(SAID)) & set(fingerprint(LIGHT_EDIT))) >= FINGERPRINT_SIZE // 2
    assert not set(fingerprint(SAID)) & set(fingerprint(OTHER))


def test_saving_a_statement_stores_the_fingerprint_of_its_text():
    """Created, edited, or saved with only its text named: the stored fingerprint is the
    text's."""
    statement = factories.StatementFactory(text=SAID)
    statement.refresh_from_db()
    assert statement.fingerprint == fingerprint(SAID)
    statement.text = OTHER
    statement.save(update_fields=["text"])
    statement.refresh_from_db()
    assert statement.fingerprint == fingerprint(OTHER)


def test_a_verbatim_repeat_and_a_light_edit_are_found(monkeypatch):
    """Both are the first candidate. On PostgreSQL through the fingerprint alone: no word of
    the text is rare enough to be looked up in the full-text index."""
    monkeypatch.setattr(matching, "MOST_ROWS_PER_TERM", -1)
    said = factories.StatementFactory(text=SAID)
    factories.StatementFactory(text=OTHER)
    for text in (SAID, LIGHT_EDIT):
        found = candidates(text)
        assert found[0].statement == said
        assert found[0].proposed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's retrieval")
def test_postgresql_retrieves_by_the_fingerprint_only_when_words_are_common(monkeypatch):
    """With every word too common to look up, a statement that only shares words with the text
    is not retrieved; a light edit is."""
    monkeypatch.setattr(matching, "MOST_ROWS_PER_TERM", -1)
    said = factories.StatementFactory(text=SAID)
    same_words = factories.StatementFactory(text=" ".join(reversed(SAID.split())))
    ids = matching._retrieved_ids(LIGHT_EDIT, [], "default")
    assert said.pk in ids
    assert same_words.pk not in ids


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's retrieval")
def test_postgresql_looks_up_rare_words_for_rewordings():
    """With no statistics (a small table), a rewording sharing two key words is retrieved."""
    said = factories.StatementFactory(text=SAID)
    ids = matching._retrieved_ids(
        "Landlords and the guidelines board push rents up.", [], "default"
    )
    assert said.pk in ids


def test_candidates_run_two_queries_however_many_share_the_fingerprint(
    django_assert_max_num_queries,
):
    """The lookup returns at most RETRIEVED statements per index; then the statements found."""
    Statement.objects.bulk_create(
        [
            factories.StatementFactory.build(
                text=f"{SAID} Number {number}.",
                fingerprint=fingerprint(f"{SAID} Number {number}."),
                speaker=factories.PersonFactory(),
            )
            for number in range(2 * RETRIEVED + 5)
        ]
    )
    with django_assert_max_num_queries(2):
        found = candidates(LIGHT_EDIT, limit=2 * RETRIEVED + 5)
    assert 0 < len(found) <= 2 * RETRIEVED


def test_the_fingerprint_of_a_text_does_not_change_unnoticed():
    """Stored fingerprints were computed by this function (claims.0018's backfill): a change to
    how it reads a text (the matcher's words, stems, stop words or negation cues) makes every
    stored one stale, so it must come with a migration recomputing them, and this test
    updated with it."""
    assert fingerprint("We will never defund the police; we will fund them fully.") == [
        -6175444486852328272,
        5211388807217637884,
    ]
    assert fingerprint(
        "Mamdani isn't reforming the NYPD against its will, he's cutting $1.5 billion from it."
    ) == [
        -8718632207461564313,
        2992561044085117727,
        3345086530750863984,
        3752861658163254501,
        7759080461652379853,
    ]
