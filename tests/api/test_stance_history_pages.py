"""The stance-history contract: the summary and shifts whole, the points paged by cursor, and
the page and the API costing the same for 9 points as for 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Statement, Status
from claims.stance_history import POINTS_PER_PAGE
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/people/subject/stances/topic/"
PAGE = "/people/subject/topic/"


class History:
    """Cited points about one subject on one topic, four a year, the position flipping every
    third year, said by the subject and (one in four) by another person, with a shift wherever
    the position changes; `add` makes more of them."""

    def __init__(self):
        topic = TopicFactory(slug="topic")
        self.positions = [PositionFactory(topic=topic, axis_value=value) for value in (-1, 1)]
        self.subject = PersonFactory(slug="subject")
        self.other = PersonFactory(name="Other Person")
        self.statements = []

    def add(self, count: int) -> "History":
        for _ in range(count):
            index = len(self.statements)
            year = 1800 + index // 4
            by_other = index % 4 == 0
            statement = PublishedStatementFactory(
                speaker=self.other if by_other else self.subject,
                subject=self.subject,
                kind=Statement.Kind.CHARACTERIZATION if by_other else Statement.Kind.QUOTE,
                position=self.positions[(year // 3) % 2],
                said_on=PartialDate(year, 1 + index % 4),
            )
            CitationFactory(statement=statement)
            previous = self.statements[-1] if self.statements else None
            if previous and previous.position_id != statement.position_id:
                StanceShiftFactory(earlier=previous, later=statement, status=Status.PUBLISHED)
            self.statements.append(statement)
        return self


def queries_for(client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_the_page_and_the_api_run_as_many_queries_for_200_points_as_for_9(client):
    history = History().add(9)
    few = queries_for(client, PAGE), queries_for(client, API)
    history.add(200 - 9)

    many = queries_for(client, PAGE), queries_for(client, API)

    assert many == few


def test_the_api_keeps_summary_and_shifts_whole_and_pages_points_by_cursor(anonymous):
    History().add(120)
    first = anonymous.get(API).json()
    second = anonymous.get(first["next"]).json()
    third = anonymous.get(second["next"]).json()

    assert first["point_count"] == 120
    assert len(first["points"]) == len(second["points"]) == POINTS_PER_PAGE
    assert len(third["points"]) == 120 - 2 * POINTS_PER_PAGE
    assert first["previous"] is None and third["next"] is None
    ids = [point["id"] for body in (first, second, third) for point in body["points"]]
    assert len(set(ids)) == 120
    assert anonymous.get(second["previous"]).json()["points"] == first["points"]
    for body in (second, third):
        assert body["summary"] == first["summary"] and body["shifts"] == first["shifts"]
    assert sum(run["point_count"] for run in first["summary"]) == 120
    assert len(first["shifts"]) == len(first["summary"]) - 1
    run = first["summary"][0]
    assert {"position", "first_said", "last_said", "kinds", "shifts", "summary"} <= run.keys()
    assert "by Other Person" in run["summary"]


def test_a_cursor_that_names_no_page_is_a_404(anonymous):
    History().add(3)
    assert anonymous.get(f"{API}?cursor=garbage!").status_code == 404


def test_a_next_cursor_whose_points_left_the_history_is_an_empty_last_page(anonymous):
    """The cursor names a place in the history's order, not a point: when the points from
    there on leave the history between two requests (a publisher moves the last one to
    another topic), following `next` gives an empty page leading back, not a 404."""
    history = History().add(POINTS_PER_PAGE + 1)
    first = anonymous.get(API).json()
    last = history.statements[-1]
    last.topic, last.position = TopicFactory(), None
    last.save()

    after = anonymous.get(first["next"])

    assert after.status_code == 200
    body = after.json()
    assert body["points"] == [] and body["next"] is None
    assert body["point_count"] == POINTS_PER_PAGE
    assert anonymous.get(body["previous"]).json()["points"] == first["points"]
