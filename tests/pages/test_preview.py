"""The staff preview of a draft: the reader page, marked "Draft, not public", never cached,
never indexed; anonymous readers still get a 404 and the public cache never holds it."""

import pytest
from django.urls import reverse

from claims.models import Status
from tests.factories import CitationFactory, FactCheckFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    statement = StatementFactory(text="PREVIEW-ONLY words.", status=Status.IN_REVIEW)
    CitationFactory(statement=statement)
    return statement


def test_staff_see_a_draft_marked_not_public_and_uncacheable(client, editor, draft):
    client.force_login(editor)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "PREVIEW-ONLY words." in html
    assert "Draft, not public." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_anonymous_readers_get_a_404_for_the_draft_and_its_preview(client, draft, settings):
    settings.PUBLIC_RESPONSE_CACHE_SECONDS = 300
    assert client.get(draft.get_preview_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_preview_seen_by_staff_is_never_served_to_readers(client, editor, draft, settings):
    """The public cache is keyed on the content; a staff request must not fill it."""
    settings.PUBLIC_RESPONSE_CACHE_SECONDS = 300
    client.force_login(editor)
    assert client.get(draft.get_preview_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.logout()
    client.cookies.clear()
    assert client.get(draft.get_preview_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_statement_s_preview_is_its_public_page(client, editor, draft):
    draft.status = Status.PUBLISHED
    draft.save()
    client.force_login(editor)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_view_on_site_in_the_admin_opens_the_preview_for_a_draft(client, editor, draft):
    client.force_login(editor)
    page = client.get(reverse("admin:claims_statement_change", args=[draft.pk]))
    assert page.context["absolute_url"] == draft.get_preview_url()
    assert 'class="viewsitelink"' in page.content.decode()


def test_a_draft_fact_check_has_a_staff_preview(client, editor):
    check = FactCheckFactory(analysis="PREVIEW-ONLY analysis.")
    client.force_login(editor)
    page = client.get(reverse("admin:claims_factcheck_change", args=[check.pk]))
    assert page.context["absolute_url"] == check.get_preview_url()
    response = client.get(check.get_preview_url())
    assert response.status_code == 200
    assert "Draft, not public." in response.content.decode()
    assert "PREVIEW-ONLY analysis." in response.content.decode()
    client.logout()
    assert client.get(check.get_preview_url()).status_code == 404
