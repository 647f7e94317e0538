"""The rules every save checks are checked again at publication (services.publish)."""

import pytest

from claims.models import Statement, Status
from claims.services import TransitionError, publish
from core.partial_dates import PartialDate
from tests.factories import CitationFactory, PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_a_characterization_saved_around_the_rule_is_not_published(publisher):
    statement = StatementFactory()
    CitationFactory(statement=statement)
    # A queryset update skips full_clean, as an old row from before the rule would.
    Statement.objects.filter(pk=statement.pk).update(kind=Statement.Kind.CHARACTERIZATION)

    with pytest.raises(TransitionError, match="Subject: A characterization by another person"):
        publish(record=Statement.objects.get(pk=statement.pk), by=publisher)

    assert Statement.objects.get(pk=statement.pk).status == Status.DRAFT


def test_a_statement_dated_in_the_future_is_not_published(publisher):
    statement = StatementFactory()
    CitationFactory(statement=statement)
    Statement.objects.filter(pk=statement.pk).update(said_on=PartialDate(2099))

    with pytest.raises(TransitionError, match="Said on: 2099 is in the future"):
        publish(record=statement, by=publisher)


def test_a_characterization_of_someone_else_is_published(publisher):
    statement = StatementFactory(kind=Statement.Kind.CHARACTERIZATION, subject=PersonFactory())
    CitationFactory(statement=statement)

    assert publish(record=statement, by=publisher).status == Status.PUBLISHED
