"""The bad-input corpus, reader pages: a query parameter a reader edited into the address is
a 4xx or the page, never a 500, and nothing it holds reaches the database that PostgreSQL
would refuse (a NUL byte; refused here as PostgreSQL does, so SQLite runs see it too).
"""

import pytest
from django.db import connection

from tests import factories
from tests.reliability.bad_input import SQL, refuse_nul_bytes_as_postgresql_does

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    fact_check = factories.FactCheckFactory()
    return fact_check.statement.speaker


@pytest.fixture(autouse=True)
def _nul_bytes_refused():
    with connection.execute_wrapper(refuse_nul_bytes_as_postgresql_does):
        yield


# The lists a person's scorecard links to: their filters are slugs (or a rating's value).
LIST_FILTERS = [
    ("/fact-checks/", "person"),
    ("/fact-checks/", "rating"),
    ("/fact-checks/", "scale"),
    ("/stance-shifts/", "person"),
    ("/stance-shifts/", "rating"),
]
NO_SLUGS = ["%00", "mostly%00false", "%C2%B2", "%ED%A0%80", "a%20b"]


@pytest.mark.parametrize("value", NO_SLUGS)
@pytest.mark.parametrize(("list_page", "parameter"), LIST_FILTERS)
def test_a_list_filtered_by_no_slug_is_a_404(client, story, list_page, parameter, value):
    response = client.get(f"{list_page}?{parameter}={value}")
    assert response.status_code == 404, response.status_code


@pytest.mark.parametrize(("list_page", "parameter"), LIST_FILTERS)
def test_a_list_filtered_by_an_unknown_slug_is_still_answered(client, story, list_page, parameter):
    """An unknown person is no page (404); an unknown rating or scale is an empty list."""
    response = client.get(list_page, {parameter: "no-such-thing"})
    assert response.status_code == (404 if parameter == "person" else 200)


@pytest.mark.parametrize("value", ["%00", "a%00b", "%ED%A0%80", "x" * 5000, SQL])
@pytest.mark.parametrize(
    "address",
    [
        "/search/?q={}",
        "/topics/{topic}/compare/?people={}",
        "/promise-tracker/{person}/?topic={}&status={}",
        "/people/{person}/{topic}/?page={}",
    ],
)
def test_other_reader_pages_answer_a_bad_parameter_without_a_500(client, story, address, value):
    topic = factories.TopicFactory()
    response = client.get(address.format(value, value, person=story.slug, topic=topic.slug))
    assert response.status_code in (200, 400, 404), response.status_code
