"""The load test's check of every write: a faithful ledger passes, a lost, duplicated or
unacknowledged write is caught; the editors it prepares can write; its cleanup leaves the
dataset as generated. The writes go through the real API and database; only the ledger's
claims are altered, as a client that miscounted (or a server that lied) would leave them."""

from dataclasses import asdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from bench.mixed import EDITOR_PREFIX, cleanup, prepare, verify
from bench.mixed_load import (
    ACCEPT,
    CREATE_CITATION,
    CREATE_STATEMENT,
    EDIT_STATEMENT,
    Write,
    citation_marker,
    marker,
)
from claims.models import Citation, Statement
from tests.factories import PositionFactory, PublishedStatementFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """A few published statements (one on a topic, for a stance history) and the load test's plan."""
    PublishedStatementFactory.create_batch(3)
    PublishedStatementFactory(position=PositionFactory())
    SourceFactory.create_batch(2)
    return prepare(editors=2, seed=1)


def editor(plan, number=0) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plan['tokens'][number]}")
    return client


def story(plan, number: int, *, edits: int = 2) -> list[Write]:
    """What an editor client does and writes down: draft, cite, edit with If-Match."""
    client, mark = editor(plan), marker(plan["run"], 0, number)
    text = f"Load test draft {mark} as first written."
    response = client.post(
        "/api/v1/statements/",
        {"speaker": plan["speakers"][0], "text": text, "said_on": "2025-06"},
        format="json",
    )
    assert response.status_code == 201, response.content
    statement = response.json()["id"]
    ledger = [Write(CREATE_STATEMENT, mark, 201, statement, text=text)]
    cited = citation_marker(mark)
    excerpt = f"Cited for {cited}"
    response = client.post(
        "/api/v1/citations/",
        {"statement": statement, "source": plan["sources"][0], "excerpt": excerpt},
        format="json",
    )
    assert response.status_code == 201, response.content
    ledger.append(
        Write(CREATE_CITATION, cited, 201, response.json()["id"], statement, text=excerpt)
    )
    path = f"/api/v1/statements/{statement}/"
    etag = client.get(path)["ETag"]
    for edit in range(1, edits + 1):
        text = f"Load test draft {mark} edit {edit}."
        response = client.patch(path, {"text": text}, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200, response.content
        etag = response["ETag"]
        ledger.append(Write(EDIT_STATEMENT, mark, 200, statement, text=text))
    return ledger


def checked(plan, writes: list[Write]):
    return verify(
        {"run": plan["run"], "before": plan["before"], "writes": [asdict(w) for w in writes]}
    )


def test_a_faithful_ledger_is_verified_write_by_write(plan):
    writes = story(plan, 1) + story(plan, 2, edits=3)

    result = checked(plan, writes)

    assert result.problems == []
    assert result.ok
    assert result.acknowledged == {CREATE_STATEMENT: 2, EDIT_STATEMENT: 5, CREATE_CITATION: 2}
    assert result.verified == result.acknowledged


def test_a_write_acknowledged_but_not_stored_is_lost(plan):
    writes = story(plan, 1)
    ghost = marker(plan["run"], 0, 2)
    writes.append(Write(CREATE_STATEMENT, ghost, 201, 10**9, text=f"Load test draft {ghost}."))

    result = checked(plan, writes)

    assert not result.ok
    assert result.problems == [
        f"lost statement: {ghost} (id {10**9}) was acknowledged but is not stored"
    ]


def test_a_write_stored_twice_is_duplicated(plan):
    writes = story(plan, 1)
    original = Statement.objects.get(pk=writes[0].record)
    original.pk = None
    original.save()

    problems = checked(plan, writes).problems

    assert any(
        p.startswith(f"duplicated statement: {writes[0].marker} is stored 2 times")
        for p in problems
    )


def test_a_write_stored_without_a_201_is_unacknowledged(plan):
    writes = story(plan, 1, edits=0)
    writes[0].status = None  # the client saw no answer (a timeout), yet the draft is there
    writes[1].status = 400  # the server refused the citation, yet it is there

    problems = checked(plan, writes).problems

    assert any(
        p.startswith(f"unacknowledged statement: {writes[0].marker}") and "answered None" in p
        for p in problems
    )
    assert any(
        p.startswith(f"unacknowledged citation: {writes[1].marker}") and "answered 400" in p
        for p in problems
    )


def test_an_acknowledged_edit_that_is_not_in_the_database_is_lost(plan):
    writes = story(plan, 1, edits=1)
    mark, statement = writes[0].marker, writes[0].record
    writes.append(Write(EDIT_STATEMENT, mark, 200, statement, text="an edit the server dropped"))

    problems = checked(plan, writes).problems

    assert len(problems) == 1
    assert problems[0].startswith(f"lost edit: statement {statement} ({mark}) is at version 2")
    assert "'an edit the server dropped'" in problems[0]


def test_an_edit_applied_without_a_200_is_unacknowledged(plan):
    writes = story(plan, 1, edits=2)
    writes[-1].status = None  # applied, but the answer never came back

    problems = checked(plan, writes).problems

    assert len(problems) == 1
    assert problems[0].startswith(f"unacknowledged edit: statement {writes[0].record}")


def test_an_edit_applied_twice_is_caught_though_the_text_is_right(plan):
    writes = story(plan, 1, edits=2)
    Statement.objects.get(pk=writes[0].record).save()  # the same change saved again: version 4

    problems = checked(plan, writes).problems

    assert problems == [
        f"unacknowledged edit: statement {writes[0].record} ({writes[0].marker}) is at version 4 "
        "after edits answered [200, 200]"
    ]


def test_a_citation_on_another_statement_than_acknowledged_is_caught(plan):
    first, second = story(plan, 1, edits=0), story(plan, 2, edits=0)
    Citation.objects.filter(pk=first[1].record).update(statement_id=second[0].record)

    problems = checked(plan, first + second).problems

    assert problems == [
        f"citation {first[1].record} ({first[1].marker}) cites statement {second[0].record} "
        f"with {first[1].text!r}, not statement {first[0].record} with {first[1].text!r}"
    ]


def test_a_write_without_the_run_s_marker_is_caught(plan):
    writes = story(plan, 1, edits=0)
    response = editor(plan).post(
        "/api/v1/statements/",
        {"speaker": plan["speakers"][0], "text": "No marker here.", "said_on": "2025"},
        format="json",
    )
    assert response.status_code == 201

    problems = checked(plan, writes).problems

    assert problems == [
        f"written without the run's marker: statements [{response.json()['id']}] "
        "(created since the run began)"
    ]


def test_another_run_s_writes_do_not_count_as_this_run_s(plan):
    other = story(plan, 1, edits=0)

    problems = checked({**plan, "run": "0ther"}, []).problems

    assert problems == [
        f"written without the run's marker: statements [{other[0].record}] "
        "(created since the run began)",
        f"written without the run's marker: citations [{other[1].record}] "
        "(created since the run began)",
    ]


def test_prepared_editors_hold_tokens_that_write_and_every_planned_read_answers_as_planned(plan):
    editors = get_user_model().objects.filter(username__startswith=EDITOR_PREFIX)
    assert editors.count() == len(plan["tokens"]) == 2
    assert all(user.is_staff and not user.has_usable_password() for user in editors)
    story(plan, 1, edits=1)  # asserts the answers itself

    reader = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT=ACCEPT)  # as the load's clients ask
    assert set(plan["reads"]) == {
        "statements-list",
        "statement-detail",
        "person-page",
        "stance-history",
        "search",
        "conditional-304",
    }
    for reads in plan["reads"].values():
        assert reads
        for read in reads:
            headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in read["headers"].items()}
            assert reader.get(read["path"], **headers).status_code == read["status"], read


def test_cleanup_leaves_the_dataset_as_generated(plan):
    statements, citations = Statement.objects.count(), Citation.objects.count()
    story(plan, 1)
    story(plan, 2)

    removed = cleanup()

    assert removed == {"statements": 2, "citations": 2, "editors": 2}
    assert (Statement.objects.count(), Citation.objects.count()) == (statements, citations)
    assert not Statement.history.filter(text__contains="loadtest:").exists()
    assert not Citation.history.filter(excerpt__contains="loadtest:").exists()
    assert not get_user_model().objects.filter(username__startswith=EDITOR_PREFIX).exists()


def test_prepare_starts_from_a_clean_slate(plan):
    story(plan, 1)

    again = prepare(editors=1)

    assert not Statement.objects.filter(text__contains="loadtest:").exists()
    assert len(again["tokens"]) == 1
    assert get_user_model().objects.filter(username__startswith=EDITOR_PREFIX).count() == 1
