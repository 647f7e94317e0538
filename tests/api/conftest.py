"""Fixtures for the API suite: anonymous, editor and publisher clients."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Statement, Status
from core.partial_dates import PartialDate
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anonymous():
    """A client without credentials, as the public calls the API."""
    return APIClient()


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def editor_client(editor):
    """A client with an editor's token."""
    return _token_client(editor)


@pytest.fixture
def publisher_client(publisher):
    """A client with a publisher's token."""
    return _token_client(publisher)


@pytest.fixture
def world(db):
    """A small published record: Mamdani's police-funding history, a characterization of it by
    Chowdhury, a fact-check of that, a shift, an endorsement and a correction."""
    mamdani = factories.PersonFactory(
        name="Zohran Mamdani", slug="zohran-mamdani", aliases="Mamdani", wikidata_id="Q96026786"
    )
    chowdhury = factories.PersonFactory(name="Karam Chowdhury", slug="karam-chowdhury")
    jibon = factories.OrganizationFactory(
        name="Jamaica Integrated Bangladeshi Officers Network", slug="jibon", kind="police"
    )
    factories.RoleFactory(person=chowdhury, organization=jibon, title="President")
    times = factories.OrganizationFactory(name="The New York Times", slug="the-new-york-times")
    topic = factories.TopicFactory(name="Police funding", slug="police-funding")
    defund = factories.PositionFactory(
        topic=topic, name="Defund the police", slug="defund", axis_value=-2
    )
    civilian = factories.PositionFactory(
        topic=topic, name="Shift some duties to civilians", slug="civilian", axis_value=-1
    )
    article = factories.SourceFactory(
        title="Mamdani and the police", publisher=times, published_on=PartialDate(2025, 6, 24)
    )
    snapshot = factories.SnapshotFactory(source=article)
    said_2020 = factories.PublishedStatementFactory(
        speaker=mamdani,
        position=defund,
        said_on=PartialDate(2020),
        text="We need to defund the police.",
        venue="Twitter",
        citation=None,
    )
    factories.CitationFactory(statement=said_2020, source=article, locator="paragraph 6")
    said_2025 = factories.PublishedStatementFactory(
        speaker=mamdani,
        position=civilian,
        said_on=PartialDate(2025, 6, 24),
        text="I will not defund the police; a Department of Community Safety will help.",
        venue="Debate",
        citation=None,
    )
    cited = factories.CitationFactory(statement=said_2025, source=article, locator="paragraph 9")
    cited.snapshot = snapshot
    cited.save()
    characterization = factories.PublishedStatementFactory(
        speaker=chowdhury,
        subject=mamdani,
        kind=Statement.Kind.CHARACTERIZATION,
        position=defund,
        said_on=PartialDate(2025, 6),
        text="He wants to defund the police.",
        venue="Zoom call with officers",
        citation=None,
    )
    factories.CitationFactory(statement=characterization, source=article)
    shift = factories.StanceShiftFactory(
        earlier=said_2020, later=said_2025, status=Status.PUBLISHED, rating="half_flip"
    )
    rating = factories.RatingFactory(name="Half True", slug="half-true", value=3)
    fact_check = factories.FactCheckFactory(
        statement=characterization,
        claim_reviewed="Mamdani wants to defund the police.",
        rating=rating,
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 6, 28, tzinfo=datetime.UTC),
    )
    endorsement = factories.EndorsementFactory(
        endorser_person=chowdhury, endorsed=mamdani, status=Status.PUBLISHED
    )
    correction = factories.CorrectionFactory(record=said_2025, status=Status.PUBLISHED)
    return SimpleNamespace(**locals())
