"""The person page: roles, latest position per topic, endorsements, fact-checks."""

import pytest

from claims.models import Status
from claims.scorecard import LATEST_FACT_CHECKS
from core.partial_dates import PartialDate
from tests.factories import (
    EndorsementFactory,
    FactCheckFactory,
    PersonFactory,
    PositionFactory,
    PublishedPromiseFactory,
    PublishedStatementFactory,
    PublishedStatusChangeFactory,
    RoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_it_shows_who_the_person_is_and_their_roles(client, story):
    response = client.get("/people/zohran-mamdani/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Zohran Mamdani</h1>" in page
    assert "Democratic nominee for Mayor of New York City" in page


def test_it_shows_the_latest_position_per_topic_linking_to_the_stance_history(client, story):
    page = client.get("/people/zohran-mamdani/").content.decode()
    assert 'href="/people/zohran-mamdani/police-funding/"' in page
    # The 2025 characterization is the latest word; the 2020 position is history.
    assert "Reform the police without cutting funding" in page
    assert "Defund the police" not in page


def test_a_retracted_statement_is_no_latest_position(client, retracted_last_word):
    """The latest position per topic is the latest standing statement's: a retracted one is
    listed in the stance history, marked, but is not where the person stands."""
    person, _topic, standing, retracted = retracted_last_word

    page = client.get(person.get_absolute_url()).content.decode()

    stances = page.split('id="stances-heading"')[1].split("</section>")[0]
    assert standing.name in stances
    assert retracted.name not in stances


def test_it_shows_endorsements_received_and_given(client, story):
    mamdani_page = client.get("/people/zohran-mamdani/").content.decode()
    assert "Jamaica Integrated Bangladeshi Officers Network" in mamdani_page
    assert "Rodney Harrison" in mamdani_page
    harrison_page = client.get("/people/rodney-harrison/").content.decode()
    assert 'href="/people/zohran-mamdani/"' in harrison_page


def test_it_shows_fact_checks_of_the_persons_claims(client, story):
    page = client.get("/people/zohran-mamdani/").content.decode()
    assert story.fact_check.get_absolute_url() in page
    assert story.fact_check.rating.name in page


def test_an_unknown_person_is_404(client):
    assert client.get("/people/nobody-at-all/").status_code == 404


def build_person(size: int):
    """A person with `size` statements over two topics, roles, endorsements and fact-checks."""
    person = PersonFactory()
    for index in range(size):
        RoleFactory(person=person, start=PartialDate(2000 + index % 20))
        EndorsementFactory(endorsed=person, status=Status.PUBLISHED)
        EndorsementFactory(endorser_person=person, status=Status.PUBLISHED)
    for _ in range(2):
        position = PositionFactory(topic=TopicFactory())
        for index in range(size):
            statement = PublishedStatementFactory(
                speaker=person, position=position, said_on=PartialDate(2000 + index % 25)
            )
            FactCheckFactory(statement=statement, status=Status.PUBLISHED)
    for _ in range(size):
        PublishedStatusChangeFactory(promise=PublishedPromiseFactory(person=person))
    return person


@pytest.mark.parametrize("size", [2, 30])
def test_the_person_page_runs_a_constant_number_of_queries(
    client, size, django_assert_max_num_queries
):
    person = build_person(size)
    # person; roles with organizations; topics with counts, dates and latest position;
    # those positions; endorsements given; endorsements received; promises with their
    # current statuses; those statuses; the rating of every fact-check the scorecard counts,
    # the newest of those checks, those ratings' scales' ratings, and its shifts counted by rating
    # +1: the content revision, for the ETag and the response cache (core/revisions.py)
    with django_assert_max_num_queries(12 + 1):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert response.content.count(b'<li class="factcheck-item') == min(2 * size, LATEST_FACT_CHECKS)
    assert response.content.count(b'class="promise-item') == size
