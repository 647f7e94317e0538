"""Two editors, one source: the second save from a stale form is refused."""

import pytest
from django.urls import reverse

from sources.models import Source
from tests.admin_forms import change_form_data
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_the_second_of_two_stale_source_forms_is_refused(client, editor, publisher):
    source = SourceFactory(title="Original title")
    change = reverse("admin:sources_source_change", args=[source.pk])
    client.force_login(editor)
    first_form = change_form_data(client.get(change), title="Editor's title")
    client.force_login(publisher)
    second_form = change_form_data(client.get(change), title="Publisher's title")

    client.force_login(editor)
    assert client.post(change, first_form).status_code == 302
    client.force_login(publisher)
    refused = client.post(change, second_form)

    assert refused.status_code == 200
    error = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "“Original title” → “Editor's title”" in error
    assert Source.objects.get(pk=source.pk).title == "Editor's title"
