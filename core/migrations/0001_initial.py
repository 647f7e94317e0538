# The content revision, moved here from the people app with its table and its row: state only.
# On a new database the table was just made by people.0004 (people.0006 runs before this one).

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentRevision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "number",
                            models.PositiveBigIntegerField(
                                default=1, help_text="Moves on every change."
                            ),
                        ),
                        ("changed_at", models.DateTimeField()),
                        (
                            "public_number",
                            models.PositiveBigIntegerField(
                                default=1, help_text="Moves on the changes the public may see."
                            ),
                        ),
                        ("public_changed_at", models.DateTimeField()),
                    ],
                    options={
                        "verbose_name": "content revision",
                        "db_table": "people_contentrevision",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
