"""Bad input in the source admin: a form error on the field, and nothing saved."""

import pytest
from django.urls import reverse

from sources.models import Source
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

ADD = "admin:sources_source_add"


def add_source(client, **fields):
    data = change_form_data(client.get(reverse(ADD)), title="A story", kind="article", **fields)
    return client.post(reverse(ADD), data)


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", "ftp://files.example.org/story.txt", "example"]
)
def test_a_source_url_must_be_http_or_https(client, editor, url):
    client.force_login(editor)
    response = add_source(client, url=url)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [
        "Enter a web address starting with http:// or https://."
    ]
    assert not Source.objects.exists()


@pytest.mark.parametrize("published_on", ["2025-06-", "2025-02-30", "June 2025"])
def test_a_published_date_must_be_a_real_partial_date(client, editor, published_on):
    client.force_login(editor)
    response = add_source(client, url="https://example.org/story", published_on=published_on)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_on"]
    assert not Source.objects.exists()


def test_a_good_source_is_saved_with_its_url_normalized(client, editor):
    client.force_login(editor)
    response = add_source(
        client, url="HTTPS://Example.org/story?utm_source=feed", published_on="2025-06"
    )
    assert response.status_code == 302, response.context["errors"]
    source = Source.objects.get()
    assert source.url == "https://example.org/story"
    assert str(source.published_on) == "June 2025"


@pytest.mark.parametrize(
    "address", ["http://[::1", "https://example.org:99999999/story", "https://example.org/a b"]
)
def test_a_search_for_an_address_no_source_can_have_finds_nothing(client, editor, address):
    """A pasted address that cannot be read is searched as words: no 500, no match."""
    client.force_login(editor)
    response = client.get(reverse("admin:sources_source_changelist"), {"q": address})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
