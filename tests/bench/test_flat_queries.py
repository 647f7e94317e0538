"""Queries per request do not grow with the dataset, for every endpoint the benchmark loads."""

import pytest

from bench.dataset import generate
from bench.probe import probe

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_urls(settings):
    """The application's URLs plus the benchmark's baseline, as in bench.settings."""
    settings.ROOT_URLCONF = "bench.urls"


def test_queries_per_request_are_the_same_at_two_dataset_sizes(bench_urls):
    generate(statements=300, seed=1, report=lambda line: None)
    small = {endpoint.name: endpoint.queries for endpoint in probe().endpoints}

    generate(statements=1200, seed=2, report=lambda line: None)
    large = {endpoint.name: endpoint.queries for endpoint in probe().endpoints}

    assert "baseline" in small
    assert large == small
