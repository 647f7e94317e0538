"""Fixtures for the API suite: anonymous, editor and publisher clients."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


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
