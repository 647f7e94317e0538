"""Reader pages work under a Content-Security-Policy without 'unsafe-inline'."""

import re

import pytest

pytestmark = pytest.mark.django_db


def reader_pages(story) -> list[str]:
    return [
        "/",
        "/search/?q=Mamdani",
        story.mamdani.get_absolute_url(),
        "/people/zohran-mamdani/police-funding/",
        story.reform.get_absolute_url(),
        story.fact_check.get_absolute_url(),
        story.article.get_absolute_url(),
        story.police_funding.get_absolute_url(),
        "/no/such/page/",
    ]


def test_no_page_has_inline_styles_or_scripts(client, story):
    for url in reader_pages(story):
        page = client.get(url).content.decode()
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url  # no event-handler attributes
        for script in re.findall(r"<script[^>]*>", page):
            assert script == '<script type="application/ld+json">', url


def test_the_only_stylesheet_is_our_own(client, story):
    for url in reader_pages(story):
        page = client.get(url).content.decode()
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == [
            "/static/claims/reader.css"
        ], url
