"""Fixtures for the reader-page tests."""

import pytest

from tests.pages.story import build_story


@pytest.fixture
def story(db):
    """The Mamdani police-funding story, published, built with factories."""
    return build_story()


@pytest.fixture
def retracted_last_word(db):
    """Ada Mayor on Transit: "Fewer buses" in 2020, then "More buses" in 2025, retracted.
    Returns the person, the topic and the two positions (standing, retracted)."""
    from claims.models import Status
    from core.partial_dates import PartialDate
    from tests.factories import (
        PersonFactory,
        PositionFactory,
        PublishedStatementFactory,
        TopicFactory,
    )

    topic = TopicFactory(name="Transit")
    standing = PositionFactory(topic=topic, name="Fewer buses", axis_value=-1)
    retracted = PositionFactory(topic=topic, name="More buses", axis_value=1)
    person = PersonFactory(name="Ada Mayor")
    PublishedStatementFactory(
        speaker=person, topic=topic, position=standing, said_on=PartialDate(2020)
    )
    PublishedStatementFactory(
        speaker=person,
        topic=topic,
        position=retracted,
        said_on=PartialDate(2025),
        status=Status.RETRACTED,
        retraction_reason="Misattributed.",
    )
    return person, topic, standing, retracted
