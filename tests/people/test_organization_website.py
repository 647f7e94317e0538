"""An organization's website is a web address with its scheme, as a source's is: an address
typed without one is refused with what to enter, never stored with a guessed http://."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.models import Organization
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

ADD = "admin:people_organization_add"
REFUSED = "Enter a web address starting with http:// or https://."


def add_organization(client, **fields):
    data = change_form_data(client.get(reverse(ADD)), name="Example", slug="example", **fields)
    return client.post(reverse(ADD), data)


@pytest.mark.parametrize("url", ["example.org", "www.example.org/about", "ftp://example.org/"])
def test_a_website_without_http_or_https_is_refused_in_the_admin(client, editor, url):
    client.force_login(editor)

    response = add_organization(client, url=url)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [REFUSED]
    assert not Organization.objects.exists()


def test_a_website_is_stored_as_typed(client, editor):
    client.force_login(editor)

    response = add_organization(client, url="https://example.org/about")

    assert response.status_code == 302
    assert Organization.objects.get().url == "https://example.org/about"


def test_a_website_without_a_scheme_is_refused_outside_the_admin_too():
    """The import and the seed loader validate with the model, which says the same."""
    organization = Organization(name="Example", slug="example", url="example.org")

    with pytest.raises(ValidationError) as refused:
        organization.full_clean()

    assert refused.value.message_dict["url"] == [REFUSED]
