"""Fixtures for the reader-page tests."""

import pytest

from tests.pages.story import build_story


@pytest.fixture
def story(db):
    """The Mamdani police-funding story, published, built with factories."""
    return build_story()
