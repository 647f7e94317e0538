"""The database itself enforces the rules that must never break."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Citation, Endorsement, Rating
from core.partial_dates import PartialDate
from tests.factories import (
    EndorsementFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    RatingScaleFactory,
    RoleFactory,
    SourceFactory,
    StanceShiftFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def refused(callable_, *args, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_(*args, **kwargs)


def test_person_slugs_are_unique():
    PersonFactory(slug="zohran-mamdani")
    refused(PersonFactory, slug="zohran-mamdani")


def test_source_urls_are_unique_once_normalized():
    SourceFactory(url="https://www.Example.org/story?utm_source=x#top")
    refused(SourceFactory, url="HTTPS://www.example.org:443/story")


def test_a_role_cannot_end_before_it_starts():
    refused(RoleFactory, start=PartialDate(2021, 3), end=PartialDate(2020))


def test_a_role_may_end_within_its_start_year():
    """'Started March 2021, ended 2021' overlaps and is allowed."""
    RoleFactory(start=PartialDate(2021, 3), end=PartialDate(2021))


def test_an_endorsement_has_exactly_one_endorser():
    refused(EndorsementFactory, endorser_organization=OrganizationFactory())
    refused(EndorsementFactory, endorser_person=None)


def test_a_rating_lies_within_its_scale():
    scale = RatingScaleFactory(best=6, worst=1)
    refused(Rating.objects.create, scale=scale, name="Off the scale", slug="off", value=7)


def test_a_rating_on_a_reversed_scale_lies_within_it():
    scale = RatingScaleFactory(slug="golf", name="Golf", best=1, worst=5)
    Rating.objects.create(scale=scale, name="Par", slug="par", value=3)
    refused(Rating.objects.create, scale=scale, name="Bogey", slug="bogey", value=0)


def test_a_citation_supports_exactly_one_record():
    refused(Citation.objects.create, source=SourceFactory(), excerpt="x")


def stance_pair(**later_overrides):
    position = PositionFactory()
    mamdani = PersonFactory()
    earlier = StatementFactory(speaker=mamdani, position=position, said_on=PartialDate(2020))
    later = StatementFactory(
        **{
            "speaker": mamdani,
            "position": position,
            "said_on": PartialDate(2025),
            **later_overrides,
        }
    )
    return earlier, later


def test_a_stance_shift_is_between_statements_of_one_subject():
    earlier, later = stance_pair(subject=PersonFactory())
    refused(StanceShiftFactory, earlier=earlier, later=later)


def test_a_stance_shift_is_between_statements_on_one_topic():
    earlier, later = stance_pair(position=PositionFactory())
    refused(StanceShiftFactory, earlier=earlier, later=later)


def test_a_stance_shift_goes_forward_in_time():
    earlier, later = stance_pair()
    refused(StanceShiftFactory, earlier=later, later=earlier)
    StanceShiftFactory(earlier=earlier, later=later)


def test_a_statement_in_a_shift_cannot_move_to_another_subject():
    earlier, later = stance_pair()
    StanceShiftFactory(earlier=earlier, later=later)
    later.subject = PersonFactory()
    refused(later.save)


def test_an_endorsement_from_an_organization_alone_is_fine():
    endorsement = EndorsementFactory(
        endorser_person=None, endorser_organization=OrganizationFactory()
    )
    assert endorsement.endorser == endorsement.endorser_organization
    assert Endorsement.objects.count() == 1
