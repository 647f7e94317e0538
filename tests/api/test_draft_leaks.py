"""The draft-leak corpus: a person, an organization and a source known only from drafts
show nowhere to the public (API lists, details, filters and search; reader pages, search,
feed and sitemap) and everywhere to staff."""

import pytest

from claims.models import Status
from tests.factories import (
    CitationFactory,
    EndorsementFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)
from tests.pages.sitemap import SECTIONS

pytestmark = pytest.mark.django_db

MARKER = "Quillfeather"  # in every name, title and text only drafts hold


@pytest.fixture
def drafts_only(world):
    """Records that only a draft statement and a draft endorsement refer to."""
    person = PersonFactory(
        name=f"Ada {MARKER}", slug="ada-quillfeather", aliases=MARKER, description=MARKER
    )
    organization = OrganizationFactory(name=f"{MARKER} Union", slug="quillfeather-union")
    RoleFactory(person=person, organization=organization, title=f"{MARKER} spokesperson")
    source = SourceFactory(
        title=f"{MARKER} leaks", url="https://quillfeather.example/leak", publisher=organization
    )
    source.authors.add(person)
    draft = StatementFactory(
        speaker=person,
        speaker_organization=organization,
        subject=world.mamdani,
        text=f"{MARKER} said this in draft.",
        status=Status.DRAFT,
    )
    CitationFactory(statement=draft, source=source, excerpt=MARKER)
    in_review = StatementFactory(speaker=person, status=Status.IN_REVIEW, text=MARKER)
    CitationFactory(statement=in_review, source=source, excerpt=MARKER)
    EndorsementFactory(
        endorser_person=None,
        endorser_organization=organization,
        endorsed=person,
        status=Status.DRAFT,
    )
    return {"person": person, "organization": organization, "source": source}


def _api_urls(found) -> dict[str, int]:
    """Every API read naming the hidden records, with what the public gets: 200 (a list
    that must not show them), 404 (a detail) or 400 (a filter by an unknown record)."""
    person, organization, source = found["person"], found["organization"], found["source"]
    return {
        "/api/v1/people/": 200,
        f"/api/v1/people/?q={MARKER}": 200,
        f"/api/v1/people/?name={MARKER}": 200,
        f"/api/v1/people/?role={MARKER}": 200,
        f"/api/v1/people/?organization={organization.slug}": 400,
        f"/api/v1/people/{person.slug}/": 404,
        f"/api/v1/people/{person.slug}/stances/": 404,
        f"/api/v1/people/{person.slug}/stances/police-funding/": 404,
        "/api/v1/organizations/": 200,
        f"/api/v1/organizations/?name={MARKER}": 200,
        f"/api/v1/organizations/?parent={organization.slug}": 400,
        f"/api/v1/organizations/{organization.slug}/": 404,
        "/api/v1/sources/": 200,
        f"/api/v1/sources/?q={MARKER}": 200,
        f"/api/v1/sources/?q={source.url}": 200,
        f"/api/v1/sources/?publisher={organization.slug}": 400,
        f"/api/v1/sources/{source.pk}/": 404,
        "/api/v1/statements/": 200,
        f"/api/v1/statements/?q={MARKER}": 200,
        f"/api/v1/statements/?speaker={person.slug}": 400,
        f"/api/v1/statements/?person={person.slug}": 400,
        f"/api/v1/statements/?source={source.pk}": 400,
        f"/api/v1/citations/?source={source.pk}": 200,
        "/api/v1/citations/": 200,
        "/api/v1/endorsements/": 200,
        f"/api/v1/endorsements/?endorsed={person.slug}": 400,
        f"/api/v1/fact-checks/?person={person.slug}": 400,
        f"/api/v1/stance-shifts/?subject={person.slug}": 400,
        f"/api/v1/promises/?person={person.slug}": 400,
    }


def _page_urls(found) -> dict[str, int]:
    person, source = found["person"], found["source"]
    return {
        "/": 200,
        f"/search/?q={MARKER}": 200,
        f"/search/?q={source.url}": 200,
        f"/people/{person.slug}/": 404,
        f"/people/{person.slug}/police-funding/": 404,
        f"/sources/{source.pk}/": 404,
        "/feed/": 200,
        "/sitemap.xml": 200,
        **dict.fromkeys(SECTIONS, 200),
    }


def _leaks(text: str, found, url: str) -> list[str]:
    """What of the hidden records the answer shows, beyond what the client itself sent (a
    search page repeats its query, a 400 the value it refuses)."""
    return [
        shown
        for shown in (
            MARKER,
            found["person"].slug,
            found["organization"].slug,
            "quillfeather.example",
            f"/sources/{found['source'].pk}/",
        )
        if shown in text and shown not in url
    ]


def test_nothing_only_drafts_name_reaches_anonymous_api_clients(anonymous, drafts_only):
    for url, status in _api_urls(drafts_only).items():
        response = anonymous.get(url)
        assert response.status_code == status, (url, response.content)
        assert _leaks(response.content.decode(), drafts_only, url) == [], url


def test_nothing_only_drafts_name_reaches_reader_pages_feed_or_sitemap(client, drafts_only):
    for url, status in _page_urls(drafts_only).items():
        response = client.get(url)
        assert response.status_code == status, url
        assert _leaks(response.content.decode(), drafts_only, url) == [], url


def test_staff_see_what_only_drafts_name(editor_client, drafts_only):
    for url in _api_urls(drafts_only):
        response = editor_client.get(url)
        assert response.status_code == 200, (url, response.content)
    person, organization, source = (
        drafts_only[key] for key in ("person", "organization", "source")
    )
    lists = {
        f"/api/v1/people/?q={MARKER}": person.slug,
        f"/api/v1/organizations/?name={MARKER}": organization.slug,
        f"/api/v1/sources/?q={MARKER}": source.url,
        f"/api/v1/people/?organization={organization.slug}": person.slug,
        f"/api/v1/sources/?publisher={organization.slug}": source.url,
    }
    for url, shown in lists.items():
        assert shown in editor_client.get(url).content.decode(), url


def test_publishing_the_draft_puts_them_on_the_public_record(anonymous, publisher, drafts_only):
    from claims.models import Statement
    from claims.services import publish

    draft = Statement.objects.get(text__startswith=f"{MARKER} said")
    publish(record=draft, by=publisher)
    person, organization, source = (
        drafts_only[key] for key in ("person", "organization", "source")
    )
    assert anonymous.get(f"/api/v1/people/{person.slug}/").status_code == 200
    assert anonymous.get(f"/api/v1/organizations/{organization.slug}/").status_code == 200
    assert anonymous.get(f"/api/v1/sources/{source.pk}/").status_code == 200
    assert person.slug in anonymous.get(f"/api/v1/people/?q={MARKER}").content.decode()
