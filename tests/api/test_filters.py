"""Filters and search on the lists; bad values are a 400 naming the parameter, never a 500."""

import pytest

from claims.models import Statement
from core.partial_dates import PartialDate
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    PublishedStatementFactory,
    RoleFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


def test_statements_by_speaker_subject_and_person(anonymous, world):
    by_chowdhury = ids(anonymous.get("/api/v1/statements/?speaker=karam-chowdhury"))
    assert by_chowdhury == {world.characterization.pk}
    about_mamdani = ids(anonymous.get("/api/v1/statements/?subject=zohran-mamdani"))
    assert about_mamdani == {world.said_2020.pk, world.said_2025.pk, world.characterization.pk}
    involving = ids(anonymous.get("/api/v1/statements/?person=karam-chowdhury"))
    assert involving == {world.characterization.pk}


def test_statements_by_topic_position_kind_and_source(anonymous, world):
    assert ids(anonymous.get("/api/v1/statements/?topic=police-funding")) == {
        world.said_2020.pk,
        world.said_2025.pk,
        world.characterization.pk,
    }
    assert ids(anonymous.get("/api/v1/statements/?position=civilian")) == {world.said_2025.pk}
    assert ids(anonymous.get("/api/v1/statements/?kind=characterization")) == {
        world.characterization.pk
    }
    other = PublishedStatementFactory()
    source_id = other.citations.get().source_id
    assert ids(anonymous.get(f"/api/v1/statements/?source={source_id}")) == {other.pk}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("said_after=2025", {"2025", "2025-06", "2025-06-24", "2026"}),
        ("said_after=2025-06", {"2025-06", "2025-06-24", "2026"}),
        ("said_after=2025-06-25", {"2026"}),
        ("said_before=2025-06", {"2020", "2025", "2025-06", "2025-06-24"}),
        ("said_before=2025-06-23", {"2020", "2025", "2025-06"}),
        ("said_before=2020", {"2020"}),
        ("said_after=2025-01&said_before=2025-12", {"2025-06", "2025-06-24"}),
    ],
)
def test_said_after_and_before_compare_partial_dates_by_their_earliest_day(
    anonymous, query, expected
):
    for text in ["2020", "2025", "2025-06", "2025-06-24", "2026"]:
        PublishedStatementFactory(said_on=PartialDate.parse(text))
    response = anonymous.get(f"/api/v1/statements/?{query}")
    assert {row["said_on"]["iso"] for row in response.json()["results"]} == expected


def test_people_by_name_role_and_organization(anonymous, world):
    assert slugs(anonymous.get("/api/v1/people/?name=mamd")) == {"zohran-mamdani"}
    assert slugs(anonymous.get("/api/v1/people/?role=presid")) == {"karam-chowdhury"}
    assert slugs(anonymous.get("/api/v1/people/?organization=jibon")) == {"karam-chowdhury"}


def test_a_person_with_two_matching_roles_is_listed_once(anonymous):
    person = PersonFactory()
    organization = OrganizationFactory()
    RoleFactory(person=person, organization=organization, title="Spokesperson")
    RoleFactory(person=person, organization=organization, title="Senior spokesperson")
    PublishedStatementFactory(speaker=person)  # on the public record
    for query in ("role=spokes", f"organization={organization.slug}"):
        rows = anonymous.get(f"/api/v1/people/?{query}").json()["results"]
        assert [row["slug"] for row in rows] == [person.slug]


def test_sources_by_publisher_kind_and_date(anonymous, world):
    poll = SourceFactory(kind="poll", published_on=PartialDate(2021))
    PublishedStatementFactory(citation__source=poll)  # cited publicly
    assert ids(anonymous.get("/api/v1/sources/?publisher=the-new-york-times")) == {world.article.pk}
    assert len(ids(anonymous.get("/api/v1/sources/?kind=poll"))) == 1
    assert ids(anonymous.get("/api/v1/sources/?published_after=2025-06")) == {world.article.pk}


def test_fact_checks_by_rating_and_person(anonymous, world):
    assert ids(anonymous.get("/api/v1/fact-checks/?rating=half-true")) == {world.fact_check.pk}
    assert ids(anonymous.get("/api/v1/fact-checks/?person=zohran-mamdani")) == {world.fact_check.pk}
    assert ids(anonymous.get("/api/v1/fact-checks/?person=karam-chowdhury")) == {
        world.fact_check.pk
    }
    other = PublishedStatementFactory().speaker
    assert ids(anonymous.get(f"/api/v1/fact-checks/?person={other.slug}")) == set()


def test_search_finds_statements_by_words_and_names(anonymous, world):
    assert ids(anonymous.get("/api/v1/statements/?q=Community Safety")) == {world.said_2025.pk}
    assert ids(anonymous.get("/api/v1/statements/?q=Chowdhury")) == {world.characterization.pk}
    assert ids(anonymous.get("/api/v1/statements/?q=zoom")) == {world.characterization.pk}


def test_search_finds_people_and_sources(anonymous, world):
    assert slugs(anonymous.get("/api/v1/people/?q=Mamdani")) == {"zohran-mamdani"}
    assert ids(anonymous.get("/api/v1/sources/?q=police")) == {world.article.pk}


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("said_after=yesterday", "said_after", "Enter a date as"),
        ("said_before=2025-02-30", "said_before", "not a day of the calendar"),
        ("said_after=2025-13", "said_after", "month must be between"),
        ("kind=rumour", "kind", "not one of the available choices"),
        ("status=secret", "status", "not one of the available choices"),
        ("position=abolish", "position", "not one of the available choices"),
        ("speaker=nobody", "speaker", "not one of the available choices"),
        ("topic=nothing", "topic", "not one of the available choices"),
        ("source=abc", "source", "not a valid value"),
        ("source=99999999999999999999999", "source", "not a valid value"),
        ("speaker=%00", "speaker", "Control characters"),
        ("q=police%00", "q", "Control characters"),
        ("position=de%01fund", "position", "Control characters"),
        ("said_after=2025%00", "said_after", "Control characters"),
        ("cursor=%00", "cursor", "Control characters"),
        ("cursor=cj1hYmM%3D", "cursor", "not valid"),
        ("cursor=cD1hYmM%3D", "cursor", "not valid"),
    ],
)
def test_bad_statement_filters_are_a_400_naming_the_parameter(
    anonymous, world, query, parameter, message
):
    response = anonymous.get(f"/api/v1/statements/?{query}")
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[parameter])


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/people/?organization=nowhere", "organization"),
        ("/api/v1/people/?name=a%00b", "name"),
        ("/api/v1/sources/?kind=rumour", "kind"),
        ("/api/v1/sources/?published_after=June", "published_after"),
        ("/api/v1/fact-checks/?rating=pants-on-fire", "rating"),
        ("/api/v1/fact-checks/?reviewed_after=2025-13-01", "reviewed_after"),
        ("/api/v1/stance-shifts/?rating=backflip", "rating"),
        ("/api/v1/endorsements/?kind=maybe", "kind"),
        ("/api/v1/organizations/?kind=club", "kind"),
        ("/api/v1/citations/?statement=abc", "statement"),
    ],
)
def test_bad_filters_on_other_lists_are_a_400(anonymous, world, url, parameter):
    response = anonymous.get(url)
    assert response.status_code == 400, response.content
    assert parameter in response.json()


def test_bad_filters_change_nothing(anonymous, world):
    before = Statement.objects.count()
    anonymous.get("/api/v1/statements/?speaker=%00")
    assert Statement.objects.count() == before
