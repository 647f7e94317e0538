"""Statement search: what readers find, the same on both databases (FTS5 on SQLite, the
stored document on PostgreSQL), and PostgreSQL's two ways to read its index."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Statement
from claims.selectors import search_statements
from core import full_text
from core.full_text import FEWEST, few_for_table
from tests.factories import PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db

# Only the plan a search takes is PostgreSQL's; what it finds is tested on both databases.
postgresql_plan = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan choice is PostgreSQL's"
)


def found(text: str) -> set[int]:
    return set(search_statements(text).values_list("pk", flat=True))


@postgresql_plan
@pytest.mark.parametrize("few_matches", [1, 100])
def test_search_reads_the_stored_document_and_never_recomputes_it(monkeypatch, few_matches):
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", few_matches)
    StatementFactory(text="The police budget.")
    StatementFactory(text="A budget vote.")

    with CaptureQueriesContext(connection) as queries:
        assert len(found("budget")) == 2

    statement_queries = [q["sql"] for q in queries if '"claims_statement"' in q["sql"]]
    assert any("search_document" in sql for sql in statement_queries)
    # Only the people's names are vectorised on the fly ('simple' configuration).
    assert not any("to_tsvector('english'" in sql for sql in statement_queries)


def test_the_stored_document_follows_every_edit_of_text_and_venue():
    statement = StatementFactory(text="We will cut the police budget.", venue="Town hall")
    assert found("budget") == {statement.pk}
    assert found("town hall") == {statement.pk}

    statement.text = "Housing first."
    statement.venue = "Radio interview"
    statement.save()

    assert found("budget") == set() and found("town hall") == set()
    assert found("housing") == {statement.pk}  # stemmed: "housing" and "house" match
    assert found("interviews") == {statement.pk}


@pytest.mark.parametrize("few_matches", [2, 100])
def test_a_common_and_a_rare_word_find_the_same_statements_either_way(monkeypatch, few_matches):
    # Below MOST_LOOKED_UP_BY_ID, the GIN index's matches are the condition; at or above, the word is
    # common and the date index is walked. Both must find exactly the matching statements.
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", few_matches)
    common = {StatementFactory(text=f"Rents are too high, part {n}.").pk for n in range(5)}
    rare = StatementFactory(text="Congestion pricing now.").pk
    StatementFactory(text="Nothing to see.")

    assert found("rent") == common
    assert found("congestion") == {rare}
    assert found("zzzunknownword") == set()


def test_a_search_works_inside_another_query():
    # As a subquery the statements table is renamed (U0); the stored column must follow it.
    statement = StatementFactory(text="Fare-free buses.")
    StatementFactory(text="Something else.")

    outer = Statement.objects.filter(pk__in=search_statements("buses").values("pk"))

    assert list(outer.values_list("pk", flat=True)) == [statement.pk]


@postgresql_plan
def test_what_counts_as_few_matches_shrinks_with_the_table():
    # Walking a small table is cheap even for a word with a few hundred matches, and looking
    # 1,700 ids up was four times slower (core/full_text.py).
    for n in range(30):
        StatementFactory(text=f"Statement {n}.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_statement")

    assert few_for_table(Statement.objects.all(), 2000) == FEWEST
    assert few_for_table(Statement.objects.all(), 20) == 20  # never more than asked


def final_statement_query(queries) -> str:
    """The query that reads the statements found (the last one on the statements table)."""
    return [q["sql"] for q in queries if 'FROM "claims_statement"' in q["sql"]][-1]


@pytest.mark.parametrize("few_matches", [2, 100])
def test_a_name_finds_what_its_people_said_and_what_was_said_of_them(monkeypatch, few_matches):
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", few_matches)
    rossi = PersonFactory(name="Rafael Rossi")
    other = PersonFactory(name="Noor Haque")
    by_him = {StatementFactory(speaker=rossi, subject=rossi).pk for _ in range(2)}
    of_him = StatementFactory(speaker=other, subject=rossi, kind="characterization").pk
    said_his_name = StatementFactory(speaker=other, subject=other, text="Rossi is wrong.").pk
    StatementFactory(speaker=other, subject=other, text="Nothing about him.")

    assert found("rafael rossi") == by_him | {of_him}
    assert found("rossi") == by_him | {of_him, said_his_name}


@postgresql_plan
def test_a_name_with_few_statements_reads_them_by_id_not_by_walking_every_date():
    """Whose statements a name finds is part of the bounded step, like the text's matches:
    at a million statements a name with ~1,600 of them walked 38,000 rows of the date index
    (140 ms) when only the text was bounded and the names were left to the planner."""
    rossi = PersonFactory(name="Rafael Rossi")
    mine = {StatementFactory(speaker=rossi, subject=rossi).pk for _ in range(3)}
    StatementFactory(text="Something else.")

    with CaptureQueriesContext(connection) as queries:
        assert found("rafael rossi") == mine

    final = final_statement_query(queries)
    assert '"claims_statement"."id" = ANY(' in final
    assert '"speaker_id" IN' not in final and '"subject_id" IN' not in final


@postgresql_plan
def test_a_common_match_is_walked_with_a_test_the_text_index_cannot_answer(monkeypatch):
    """For many matches the date index is walked, checking each row. The planner must not
    prefer the GIN index there: it estimates several words as if they were independent, so
    words that go together ("officers on a zoom call", 39,730 matches among a million) looked
    like 316 matches, and all 39,730 were read and sorted (190 ms instead of 12)."""
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", 2)
    found_rows = {StatementFactory(text=f"Officers on a Zoom call, part {n}.").pk for n in range(5)}

    with CaptureQueriesContext(connection) as queries:
        assert found("officers on a zoom call") == found_rows

    final = final_statement_query(queries)
    assert "ts_match_vq(" in final and "@@" not in final


@postgresql_plan
def test_a_phrase_is_counted_not_estimated(monkeypatch):
    """PostgreSQL estimates a phrase as if its words could be anywhere: two common words
    looked common together, and "million wealthy" (~1,600 matches among a million) walked
    32,000 rows (129 ms). Only a single word's estimate is trusted; a phrase is counted."""
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", 3)
    for n in range(40):
        StatementFactory(text=f"A million people, some wealthy, part {n}.")
    phrase = {StatementFactory(text="A million wealthy donors.").pk for _ in range(2)}
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_statement")

    with CaptureQueriesContext(connection) as queries:
        assert found('"million wealthy"') == phrase

    assert '"claims_statement"."id" = ANY(' in final_statement_query(queries)


@pytest.mark.parametrize(
    ("text", "finds_rent"),
    [
        ("rent", True),
        ("RENTS!", True),
        ("rent -", True),
        ("rent -housing", True),
        ("rent or housing", True),
        ('"rent is"', True),
        ('"rent"', True),
        ('"', False),
        ("-", False),
        ("the", False),
        ("or", False),
        ('"million', False),
        ("a & b", False),
        ("x:*", False),
        ("!!!", False),
        ("rent -high", False),
        ("'; DROP", False),
    ],
)
def test_odd_searches_find_their_words_or_nothing_and_never_fail(text, finds_rent):
    """Operators, stop words and unbalanced quotes are read leniently, as PostgreSQL's
    websearch_to_tsquery reads them: a search finds its words or nothing, never an error."""
    rent = StatementFactory(text="Rent is too high.").pk
    StatementFactory(text="Nothing else.")

    assert found(text) == ({rent} if finds_rent else set())


def test_a_stemmed_search_finds_other_forms_of_its_words():
    """What `make run` readers type: "defund the police" finds "defunding the police"."""
    said = StatementFactory(text="He called for defunding the police in 2020.").pk
    StatementFactory(text="Police budgets rose.")

    assert found("defund the police") == {said}
    assert found("defunded") == {said}


@postgresql_plan
def test_the_plan_settings_end_with_the_search_inside_a_transaction(monkeypatch):
    """The counted step turns sequential and index scans off for its own query only: inside an
    outer transaction the next query must plan with them on again."""
    monkeypatch.setattr(full_text, "MOST_LOOKED_UP_BY_ID", 100)
    StatementFactory(text="Congestion pricing now.")

    with transaction.atomic():
        assert len(found("congestion pricing")) == 1
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            seqscan = cursor.fetchone()[0]
            cursor.execute("SHOW enable_indexscan")
            indexscan = cursor.fetchone()[0]

    assert (seqscan, indexscan) == ("on", "on")
