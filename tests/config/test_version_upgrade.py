"""The versions people.0007 and claims.0019 add migrate back and forth with nothing lost.

Backwards, the columns go (from the records and their history); records written there, with
that schema's models, come back at version 1. On SQLite adding a column rebuilds the table, so
the stance-shift triggers must survive the round trip.
"""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from claims.models import Citation, StanceShift, Topic
from core.partial_dates import PartialDate
from people.models import Organization
from tests.factories import (
    CitationFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StatementFactory,
)

BEFORE_THE_VERSIONS = [
    ("people", "0006_contentrevision_to_core"),
    ("claims", "0018_statement_fingerprint"),
]


def migrate(targets):
    """Migrate to the targets; the models as they left them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


@pytest.mark.django_db(transaction=True)
def test_the_versions_migrate_back_and_forth_keeping_records_and_history():
    citation = CitationFactory(locator="paragraph 2")
    citation.locator = "paragraph 3"
    citation.save()
    organization = OrganizationFactory(name="NYPD", slug="nypd")

    old_apps = migrate(BEFORE_THE_VERSIONS)
    try:
        for table in ("claims_citation", "claims_historicalcitation", "people_organization"):
            assert "version" not in columns(table), table
        old_apps.get_model("claims", "Topic").objects.create(name="Housing", slug="housing")
        old_apps.get_model("people", "Organization").objects.create(name="JIBON", slug="jibon")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Topic.objects.get(slug="housing").version == 1
    assert Organization.objects.get(slug="jibon").version == 1
    assert Organization.objects.get(pk=organization.pk).version == 1
    # Every row starts again at 1, and a save from it works.
    citation = Citation.objects.get(pk=citation.pk)
    assert (citation.locator, citation.version) == ("paragraph 3", 1)
    citation.save()
    assert list(citation.history.order_by("history_id").values_list("locator", "version")) == [
        ("paragraph 2", 1),
        ("paragraph 3", 1),
        ("paragraph 3", 2),
    ]

    position = PositionFactory()
    earlier = StatementFactory(position=position, said_on=PartialDate(2020))
    someone_else = StatementFactory(speaker=PersonFactory(), position=position)
    with pytest.raises(IntegrityError), transaction.atomic():
        StanceShift.objects.create(
            subject=earlier.subject,
            topic=position.topic,
            earlier=earlier,
            later=someone_else,
            rating=StanceShift.Rating.HALF_FLIP,
            analysis="Between two people: the trigger refuses it.",
        )
