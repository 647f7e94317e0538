"""A database from before the kernel (core/) existed migrates to today's head with nothing lost.

The content revision moved from `people` to `core` keeping its table and its row (people.0006,
core.0001 state only, core.0002 renames the table); people, their roles and their history did
not move at all. This runs the real migrations backwards to the schema the last release had,
writes there with that schema's models, and migrates forward again.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import ContentRevision
from people.models import Person

# The people app's last migration before the kernel; the kernel did not exist.
BEFORE_THE_KERNEL = [("people", "0005_person_fts"), ("core", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The models as the last node of the first target left them (("core", None) is no node).
    return executor.loader.project_state(targets[0]).apps


def head():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_kernel_keeps_its_records_and_history():
    mamdani = Person.objects.create(name="Zohran Mamdani", slug="zohran-mamdani")
    mamdani.description = "Nominee for mayor"
    mamdani.save()
    history_before = list(
        mamdani.history.order_by("history_id").values_list("history_id", "description")
    )
    assert len(history_before) == 2

    old_apps = migrate(BEFORE_THE_KERNEL)
    try:
        assert "core_contentrevision" not in connection.introspection.table_names()
        # Written as the old code wrote them, without signals: today's receivers expect today's
        # tables.
        OldRevision = old_apps.get_model("people", "ContentRevision")
        assert OldRevision.objects.filter(pk=1).update(number=4321, public_number=1234) == 1
        OldPerson = old_apps.get_model("people", "Person")
        OldPerson.objects.bulk_create([OldPerson(name="Patrick Hendry", slug="patrick-hendry")])
    finally:
        migrate(head())

    assert "people_contentrevision" not in connection.introspection.table_names()
    revision = ContentRevision.objects.get(pk=1)
    assert (revision.number, revision.public_number) == (4321, 1234)
    assert set(Person.objects.values_list("slug", flat=True)) == {
        "zohran-mamdani",
        "patrick-hendry",
    }
    mamdani.refresh_from_db()
    assert mamdani.description == "Nominee for mayor"
    assert (
        list(mamdani.history.order_by("history_id").values_list("history_id", "description"))
        == history_before
    )
