"""Search across people, statements and sources, with matches highlighted safely."""

import pytest

from claims.search import highlight_matches
from tests.factories import PublishedStatementFactory

pytestmark = pytest.mark.django_db


def test_search_finds_people_statements_and_sources(client, story):
    response = client.get("/search/", {"q": "Mamdani"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/people/zohran-mamdani/"' in page
    assert story.reform.get_absolute_url() in page
    assert story.article.get_absolute_url() in page
    assert "<mark>Mamdani</mark>" in page


def test_search_puts_the_query_back_in_the_box(client, story):
    page = client.get("/search/", {"q": "Mamdani"}).content.decode()
    assert 'value="Mamdani"' in page


def test_an_empty_query_shows_the_form_only(client, story):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b'class="result-count"' not in response.content


def test_a_nul_byte_or_a_long_query_is_no_error(client, story):
    assert client.get("/search/", {"q": "Mam\x00dani"}).status_code == 200
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200


def test_search_is_stemmed_and_highlighted_on_both_databases(client, story):
    page = client.get("/search/", {"q": "defunded"}).content.decode()
    assert story.defund.get_absolute_url() in page
    assert "<mark>defunding</mark>" in page


def test_highlighting_escapes_the_text_before_marking(client, story):
    PublishedStatementFactory(
        speaker=story.mamdani, text="Mamdani <script>alert(1)</script> & <b>bold</b>"
    )
    page = client.get("/search/", {"q": "Mamdani"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold" not in page


def test_highlight_matches_marks_every_word_case_insensitively():
    marked = highlight_matches("Police <funding> and police", "POLICE")
    assert marked == "<mark>Police</mark> &lt;funding&gt; and <mark>police</mark>"


def test_a_query_that_looks_like_markup_is_escaped_too():
    marked = highlight_matches("a <b> tag", "<b>")
    assert marked == "a <mark>&lt;b&gt;</mark> tag"


def test_the_seed_words_readers_type_find_the_seed_statements(client, story):
    """After `make run` (SQLite) as on PostgreSQL: "defund the police" finds "defunding"."""
    page = client.get("/search/", {"q": "defund the police"}).content.decode()
    assert story.defund.get_absolute_url() in page
    assert "<mark>defunding</mark>" in page


def test_search_results_say_what_kind_of_statement_each_is(client, story):
    """A paraphrase found by search is not shown as if it were the person's own words."""
    page = client.get("/search/", {"q": "defund the police"}).content.decode()
    assert f'<span class="kind-label">{story.defund.get_kind_display()}:</span>' in page
