"""Every admin list loads for editors and publishers in a bounded number of queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from claims.models import Correction
from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db


def stance_shift(number):
    position = factories.PositionFactory()
    person = factories.PersonFactory()
    earlier = factories.StatementFactory(
        speaker=person, position=position, said_on=PartialDate(2020)
    )
    later = factories.StatementFactory(speaker=person, position=position, said_on=PartialDate(2025))
    return factories.StanceShiftFactory(earlier=earlier, later=later)


def correction(number):
    statement = factories.PublishedStatementFactory()
    return Correction.objects.create(
        content_type=ContentType.objects.get_for_model(statement),
        object_id=statement.pk,
        what_changed=f"Fixed the date ({number}).",
        reason="It was wrong.",
    )


# One row of each model, built the way the admin list shows it (with its related rows).
ROW_BUILDERS = {
    "people/person": lambda number: factories.PersonFactory(),
    "people/organization": lambda number: factories.OrganizationFactory(
        parent=factories.OrganizationFactory()
    ),
    "people/role": lambda number: factories.RoleFactory(),
    "sources/source": lambda number: factories.SourceFactory(via=factories.SourceFactory()),
    "sources/snapshot": lambda number: factories.SnapshotFactory(),
    "claims/topic": lambda number: factories.TopicFactory(parent=factories.TopicFactory()),
    "claims/position": lambda number: factories.PositionFactory(),
    "claims/statement": lambda number: factories.PublishedStatementFactory(
        position=factories.PositionFactory()
    ),
    "claims/citation": lambda number: factories.CitationFactory(),
    "claims/endorsement": lambda number: factories.EndorsementFactory(),
    "claims/ratingscale": lambda number: factories.RatingScaleFactory(
        slug=f"scale-{number}", name=f"Scale {number}"
    ),
    "claims/rating": lambda number: factories.RatingFactory(
        slug=f"rating-{number}", name=f"Rating {number}", value=number % 6 + 1
    ),
    "claims/factcheck": lambda number: factories.FactCheckFactory(),
    "claims/stanceshift": stance_shift,
    "claims/correction": correction,
}


@pytest.mark.parametrize("model", ROW_BUILDERS)
def test_every_changelist_loads_in_a_bounded_number_of_queries(
    client, editor, publisher, django_assert_max_num_queries, model
):
    app_label, model_name = model.split("/")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    built = 0
    for rows in (3, 30):
        while built < rows:
            ROW_BUILDERS[model](built)
            built += 1
        for user in (editor, publisher):
            client.force_login(user)
            # session, user, the user's group permissions, the count and the page of rows (one
            # query with its related rows), the unfiltered count, the date hierarchy and each
            # list filter's choices (RelatedOnly filters, partial-date years): at most 12,
            # whatever the number of rows.
            with django_assert_max_num_queries(12):
                response = client.get(url)
            assert response.status_code == 200
            assert response.context["cl"].result_count >= rows
