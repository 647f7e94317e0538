# The content revision moved to the kernel (core.ContentRevision). Its table is kept, rows and
# all: this removes the model from people's state only, before core takes it over
# (core.0001_initial, state only, then core.0002 renames the table).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_person_fts"),
    ]
    # The kernel's migrations may not name this app (it sits below it), so the order is said here.
    run_before = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentRevision")],
            database_operations=[],
        ),
    ]
