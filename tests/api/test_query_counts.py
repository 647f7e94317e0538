"""Every list and stance endpoint runs the same number of queries for 10 rows as for 500."""

import pytest

from claims.matching.models import Claim, ClaimAppearance
from claims.models import Status
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    CorrectionFactory,
    EndorsementFactory,
    FactCheckFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedPromiseFactory,
    PublishedStatementFactory,
    PublishedStatusChangeFactory,
    RatingFactory,
    RoleFactory,
    SnapshotFactory,
    SourceFactory,
    StanceShiftFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def populate(count: int):
    """`count` rows of everything, all about one person on one topic."""
    person = PersonFactory(slug="subject")
    topic = TopicFactory(slug="topic")
    positions = [PositionFactory(topic=topic, axis_value=value) for value in (-1, 0, 1)]
    rating = RatingFactory()
    statements = []
    for index in range(count):
        speaker = PersonFactory()
        RoleFactory(person=speaker)
        source = SourceFactory()
        source.authors.add(speaker)
        SnapshotFactory(source=source)
        statement = PublishedStatementFactory(
            # Every kind of speaker (a person, for an organization or not, an organization
            # alone), so a lookup per row would show in the count.
            speaker=None if index % 4 == 1 else speaker,
            speaker_organization=OrganizationFactory() if index % 2 else None,
            subject=person,
            position=positions[index % 3],
            said_on=PartialDate(2000 + index % 25, 1 + index % 12),
            citation__source=source,
        )
        FactCheckFactory(statement=statement, rating=rating, status=Status.PUBLISHED)
        endorsement = EndorsementFactory(
            endorser_person=speaker, endorsed=person, status=Status.PUBLISHED
        )
        CitationFactory(statement=None, endorsement=endorsement, source=source)
        CorrectionFactory(record=statement, status=Status.PUBLISHED)
        PositionFactory(topic=TopicFactory(parent=topic))
        statements.append(statement)
        promise = PublishedPromiseFactory(person=person, topic=topic, citation__source=source)
        PublishedStatusChangeFactory(promise=promise, citation__source=source)
    statements.sort(key=lambda statement: (statement.said_on, statement.pk))
    for earlier, later in zip(statements, statements[1:], strict=False):
        StanceShiftFactory(earlier=earlier, later=later, status=Status.PUBLISHED)
    # Claims (claims.matching): each pair of statements makes one.
    for earlier, later in zip(statements[::2], statements[1::2], strict=False):
        claim = Claim.objects.create(wording=earlier.text, topic=topic, status=Status.PUBLISHED)
        for statement in (earlier, later):
            ClaimAppearance.objects.create(claim=claim, statement=statement)


# Anonymous requests: no session or token lookups. page_size=200 renders up to 200 rows.
# Each also reads the content revision for its ETag (core/revisions.py): REVISION below.
REVISION = 1
BUDGETS = {
    # statements with speaker, subject and topic; their organizations; their positions
    "/api/v1/statements/?page_size=200": 3,
    # people; their roles with organizations
    "/api/v1/people/?page_size=200": 2,
    # organizations with parents
    "/api/v1/organizations/?page_size=200": 1,
    # sources with publisher and upstream; their authors
    "/api/v1/sources/?page_size=200": 2,
    # topics with parents; their positions
    "/api/v1/topics/?page_size=200": 2,
    # citations with sources, publishers and snapshots
    "/api/v1/citations/?page_size=200": 1,
    # endorsements with endorser and endorsed; their citations with sources
    "/api/v1/endorsements/?page_size=200": 2,
    # fact-checks with statement, speaker and rating scale
    "/api/v1/fact-checks/?page_size=200": 1,
    # fact-checks with statement, speaker, rating; their statements' citations with sources;
    # the claims the statements make (claims.matching): appearances, claims, the claims'
    # public appearances with statements, their citations with sources
    "/api/v1/fact-checks/claimreview.jsonld?page_size=200": 6,
    # claims with topics; appearances with statements and speakers; their fact-checks
    "/api/v1/claims/?page_size=200": 3,
    # shifts with subject, topic and both statements; the statements' organizations (two)
    "/api/v1/stance-shifts/?page_size=200": 3,
    # content types (cached after the first); corrections
    "/api/v1/corrections/?page_size=200": 2,
    # promises with person, topic, scale and current status; their citations with sources and
    # statements; every promise status (one small table)
    "/api/v1/promises/?page_size=200": 3,
    # the same, and the person, topic and status the filters name (one lookup each)
    "/api/v1/promises/?person=subject&topic=topic&status=in-the-works&overdue=false": 6,
    # person; topics with aggregates; latest positions
    "/api/v1/people/subject/stances/": 3,
    # person; topic; positions; every point's mark; one page of statements with speakers and
    # organizations; their citations; shifts
    "/api/v1/people/subject/stances/topic/": 7,
}


@pytest.mark.parametrize("count", [10, 500])
def test_lists_and_stance_histories_run_a_fixed_number_of_queries(
    count, anonymous, django_assert_max_num_queries
):
    populate(count)
    for url, budget in BUDGETS.items():
        with django_assert_max_num_queries(REVISION + budget, info=url):
            response = anonymous.get(url)
        assert response.status_code == 200, url
        body = response.json()
        rows = (
            body.get("results") or body.get("@graph") or body.get("points") or body.get("stances")
        )
        assert rows, url
