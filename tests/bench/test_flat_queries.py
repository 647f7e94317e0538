"""Queries per request do not grow with the dataset, for every endpoint the benchmark loads."""

import pytest

from bench.dataset import generate
from bench.probe import probe

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_urls(settings):
    """The application's URLs plus the benchmark's baseline, as in bench.settings."""
    settings.ROOT_URLCONF = "bench.urls"


# The most queries one uncached request to each endpoint may run, whatever the dataset. Some
# run fewer when a page needs no lookup (no organization among 50 statements: no query).
BUDGETS = {
    "baseline": 1,
    # revision; statements with speaker, subject and topic; their organizations; positions
    "statements-first": 4,
    "statements-deep": 4,
    # revision; statement with people and topic; organization; position; citations
    "statement-detail": 5,
    # revision; person; topics with aggregates; latest positions
    "person-stances": 4,
    # revision; person; topic; positions; statements; the records they name; citations; shifts
    "stance-history": 8,
    # revision; matching people; on PostgreSQL the full-text step of search_statements
    # (EXPLAIN, for a word not surely common the table's row estimate, then in a block that
    # is rolled back: SAVEPOINT, two SET LOCAL, the GIN index's ids, ROLLBACK TO and RELEASE
    # SAVEPOINT inside the test's transaction); statements with speaker, subject and topic;
    # their organizations; their positions
    "search-api": 13,
    # the same for a person's name: the people it matches join the full-text step
    "search-api-name": 13,
    # revision; people; on PostgreSQL the full-text step for sources (as above), their
    # newest matches, the public ones among them; matching people and the full-text step for
    # statements; their newest matches; the ranked statements; positions; organizations
    "search-page": 24,
    # ... and the person's promises with their current statuses, and those statuses (two)
    # ... and the scorecard: fact-checks counted by rating, the ratings of their scales, shifts
    # counted by rating (three)
    "person-page": 13,
    # ... and the people to compare with
    "stance-history-page": 10,
    # revision; promises with person, topic, scale and current status; their citations; the
    # promise statuses
    "promises-list": 4,
    # the same, and the person and the status the filters name
    "promises-person": 6,
    # revision; person; promises with current statuses; those statuses; the scales' statuses
    "promise-tracker-page": 5,
    # claim matching (no response cache, no revision): the index lookup; the statements found
    "claim-candidates": 2,
    # revision; topic; its positions; the people named with their latest statement's id; the
    # periods; the latest statements (the page and the API alike)
    "compare-page": 6,
    "compare-api": 6,
    # the content revision only (in a benchmark run not even that: anonymous reads reuse a
    # reading under CONTENT_REVISION_TTL old; the suite reads it every time)
    "conditional-304": 1,
}


def test_queries_per_request_stay_within_a_fixed_budget_at_two_dataset_sizes(bench_urls):
    generate(statements=300, seed=1, report=lambda line: None)
    small = {endpoint.name: endpoint.queries for endpoint in probe().endpoints}

    generate(statements=1200, seed=2, report=lambda line: None)
    large = {endpoint.name: endpoint.queries for endpoint in probe().endpoints}

    assert set(small) == set(large) == set(BUDGETS)
    grew = {name: (small[name], large[name]) for name in BUDGETS if large[name] != small[name]}
    assert not grew, f"(small, large) queries differ with the dataset's size: {grew}"
    over = {
        name: (small[name], large[name], budget)
        for name, budget in BUDGETS.items()
        if max(small[name], large[name]) > budget
    }
    assert not over, f"(small, large, budget) over budget: {over}"
