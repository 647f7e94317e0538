"""Reader pages, the feed and the sitemap run as many queries for many statements as for few,
whoever the statements were spoken by: a person, a person for an organization, an
organization alone, or a label. (An organization speaking alone is shown by its name; a
page that loads the speaker but not the organization would read it once per statement.)"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Status
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    FactCheckFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedPromiseFactory,
    PublishedStatementFactory,
    PublishedStatusChangeFactory,
    SourceFactory,
    StanceShiftFactory,
)
from tests.pages.sitemap import SECTIONS

pytestmark = pytest.mark.django_db

FEW, MANY = 4, 16


def speakers(index: int) -> dict:
    """Every kind of speaker in turn."""
    kind = index % 4
    if kind == 0:
        return {"speaker": PersonFactory()}
    if kind == 1:
        return {"speaker": PersonFactory(), "speaker_organization": OrganizationFactory()}
    if kind == 2:
        return {"speaker": None, "speaker_organization": OrganizationFactory()}
    return {"speaker": None, "speaker_label": "officers on a call"}


class Story:
    """Statements about one person on one topic, all cited from one source and fact-checked,
    with a shift between each pair; `add` makes more of them."""

    def __init__(self):
        self.subject = PersonFactory(slug="subject")
        self.positions = [PositionFactory(axis_value=value) for value in (-1, 1)]
        self.topic = self.positions[0].topic
        for position in self.positions[1:]:
            position.topic = self.topic
            position.save()
        self.source = SourceFactory()
        self.statements = []
        self.fact_checks = []
        self.promises = []

    def add(self, count: int):
        for _ in range(count):
            index = len(self.statements)
            statement = PublishedStatementFactory(
                **speakers(index),
                subject=self.subject,
                position=self.positions[index % 2],
                text=f"Police budgets, said for the {index}th time.",
                said_on=PartialDate(2000 + index),
                citation=None,
            )
            CitationFactory(statement=statement, source=self.source)
            self.fact_checks.append(FactCheckFactory(statement=statement, status=Status.PUBLISHED))
            if self.statements:
                StanceShiftFactory(
                    earlier=self.statements[-1], later=statement, status=Status.PUBLISHED
                )
            self.statements.append(statement)
            self.add_promise(index)

    def add_promise(self, index: int):
        """A promise of the subject's with a published status change, another change on the
        first promise, and a draft change (never shown) on this one."""
        promise = PublishedPromiseFactory(
            person=self.subject,
            topic=self.topic,
            promised_on=PartialDate(2000 + index),
            deadline=PartialDate(2001 + index),
            citation__source=self.source,
        )
        self.promises.append(promise)
        PublishedStatusChangeFactory(promise=promise, changed_on=PartialDate(2000 + index))
        PublishedStatusChangeFactory(
            promise=self.promises[0], changed_on=PartialDate(2000 + index, 6)
        )
        PublishedStatusChangeFactory(promise=promise, status=Status.DRAFT)

    def urls(self) -> list[str]:
        first = self.statements[0]
        return [
            "/",
            f"/people/{self.subject.slug}/",
            f"/people/{self.subject.slug}/{self.topic.slug}/",
            f"/topics/{self.topic.slug}/",
            f"/sources/{self.source.pk}/",
            f"/statements/{first.pk}/",
            f"/fact-checks/{self.fact_checks[0].pk}/",
            "/search/?q=police",
            f"/promises/{self.promises[0].pk}/",
            f"/promise-tracker/{self.subject.slug}/",
            f"/promise-tracker/{self.subject.slug}/?topic={self.topic.slug}&status=in-the-works",
            "/feed/",
            "/sitemap.xml",
            *SECTIONS,
            f"/topics/{self.topic.slug}/compare/?people={self.subject.slug}",
            f"/feeds/people/{self.subject.slug}/",
            f"/feeds/topics/{self.topic.slug}/",
            f"/feeds/people/{self.subject.slug}/{self.topic.slug}/",
            "/fact-checks/",
            f"/stance-shifts/?person={self.subject.slug}",
        ]


def queries_per_page(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_pages_run_no_more_queries_for_many_statements_than_for_few(client):
    story = Story()
    story.add(FEW)
    few = queries_per_page(client, story.urls())
    story.add(MANY - FEW)

    many = queries_per_page(client, story.urls())

    grew = {url: (few[url], many[url]) for url in few if many[url] > few[url]}
    assert not grew, f"(few, many) queries: {grew}"
