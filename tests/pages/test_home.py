"""The home page: a search box and what was published lately."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_has_a_labelled_search_box(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<label for="home-search-q">' in response.content
    assert b'action="/search/"' in response.content


def test_home_lists_recent_statements_fact_checks_and_shifts(client, story):
    response = client.get("/")
    page = response.content.decode()
    assert story.reform.get_absolute_url() in page
    assert story.defund.get_absolute_url() in page
    assert story.fact_check.get_absolute_url() in page
    assert story.shift.get_absolute_url() in page
    assert "Full Flop" in page


def test_home_uses_the_one_stylesheet(client):
    response = client.get("/")
    assert b'href="/static/claims/reader.css"' in response.content


def test_the_stylesheet_is_served_by_whitenoise(client):
    response = client.get("/static/claims/reader.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b".timeline-chart" in b"".join(response.streaming_content)


def test_an_unknown_address_gets_the_readable_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"<h1>Not found</h1>" in response.content
