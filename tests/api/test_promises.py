"""The promises API: lists with filters, one promise, its status history; drafts stay hidden."""

import pytest

from claims.models import Status
from core.partial_dates import PartialDate
from tests.factories import (
    PersonFactory,
    PromiseFactory,
    PublishedPromiseFactory,
    PublishedStatusChangeFactory,
    TopicFactory,
    promise_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def promises():
    ada, bo = PersonFactory(slug="ada"), PersonFactory(slug="bo")
    housing, transit = TopicFactory(slug="housing"), TopicFactory(slug="transit")

    def made(person, topic, rating=None, deadline=None, **kwargs):
        promise = PublishedPromiseFactory(
            person=person,
            topic=topic,
            promised_on=PartialDate(2024),
            deadline=deadline,
            **kwargs,
        )
        if rating:
            PublishedStatusChangeFactory(
                promise=promise, changed_on=PartialDate(2025), rating=promise_status(rating)
            )
        return promise

    return {
        "kept": made(ada, housing, "kept", deadline=PartialDate(2025)),
        "late": made(ada, housing, "stalled", deadline=PartialDate(2025)),
        "works": made(bo, transit, "in-the-works"),
        "unrated": made(bo, housing),
        "draft": PromiseFactory(person=ada, topic=housing, wording="A draft pledge."),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"kept", "late", "works", "unrated"}),
        ("?person=ada", {"kept", "late"}),
        ("?topic=transit", {"works"}),
        ("?status=kept&status=stalled", {"kept", "late"}),
        ("?status=in-the-works&person=bo", {"works"}),
        ("?overdue=true", {"late"}),
        ("?overdue=false", {"kept", "works", "unrated"}),
    ],
)
def test_the_list_filters_by_person_topic_status_and_overdue(anonymous, promises, query, expected):
    assert ids(anonymous.get(f"/api/v1/promises/{query}")) == {promises[k].pk for k in expected}


@pytest.mark.parametrize(
    "query", ["?status=no-such", "?overdue=maybe", "?person=%00", "?topic=nowhere"]
)
def test_a_bad_filter_is_a_400_naming_it(anonymous, promises, query):
    response = anonymous.get(f"/api/v1/promises/{query}")
    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()


def test_a_promise_shows_its_current_status_and_whether_it_is_overdue(anonymous, promises):
    body = anonymous.get(f"/api/v1/promises/{promises['late'].pk}/").json()
    assert body["current_status"] == {
        "slug": "stalled",
        "name": "Stalled",
        "outcome": "open",
        "order": 2,
    }
    assert body["current_status_since"]["iso"] == "2025"
    assert body["overdue"] is True
    unrated = anonymous.get(f"/api/v1/promises/{promises['unrated'].pk}/").json()
    assert (unrated["current_status"], unrated["overdue"]) == (None, False)


def test_the_status_history_lists_public_changes_oldest_first(anonymous, promises, editor_client):
    promise = promises["works"]
    later = PublishedStatusChangeFactory(
        promise=promise, changed_on=PartialDate(2025, 6), rating=promise_status("kept")
    )
    PublishedStatusChangeFactory(promise=promise, status=Status.DRAFT, analysis="Draft.")
    url = f"/api/v1/promises/{promise.pk}/status-history/"

    body = anonymous.get(url).json()

    assert [c["changed_on"]["iso"] for c in body["changes"]] == ["2025", "2025-06"]
    assert body["current"] == later.pk
    assert [c["rating"]["slug"] for c in body["changes"]] == ["in-the-works", "kept"]
    assert body["changes"][0]["citations"][0]["locator"] == "paragraph 3"
    # Staff see the draft too; it is never the current status.
    staff = editor_client.get(url).json()
    assert len(staff["changes"]) == 3 and staff["current"] == later.pk


def test_drafts_are_hidden_from_the_public_and_shown_to_staff(anonymous, editor_client, promises):
    draft = promises["draft"]
    assert anonymous.get(f"/api/v1/promises/{draft.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/promises/{draft.pk}/status-history/").status_code == 404
    assert draft.pk not in ids(anonymous.get("/api/v1/promises/"))
    assert draft.pk in ids(editor_client.get("/api/v1/promises/"))


def test_the_seed_promise_is_in_the_api(anonymous, seeded):
    (row,) = anonymous.get("/api/v1/promises/?person=zohran-mamdani").json()["results"]
    assert row["current_status"]["name"] == "Not yet rated"
    statement_url = row["citations"][0]["statement_url"]
    assert statement_url.startswith("http://testserver/api/v1/statements/")
    assert anonymous.get(statement_url).json()["text"].startswith("Plans to create a Department")


# Queries: the content revision; the promise (its citations prefetched by the shared
# queryset); its changes with statuses; their citations with sources.
HISTORY_QUERIES = 5


@pytest.mark.parametrize("count", [2, 30])
def test_the_status_history_runs_a_fixed_number_of_queries(
    anonymous, django_assert_max_num_queries, count
):
    promise = PublishedPromiseFactory(promised_on=PartialDate(2019))
    for index in range(count):
        PublishedStatusChangeFactory(promise=promise, changed_on=PartialDate(2020 + index % 5))
    with django_assert_max_num_queries(HISTORY_QUERIES):
        response = anonymous.get(f"/api/v1/promises/{promise.pk}/status-history/")
    assert len(response.json()["changes"]) == count
