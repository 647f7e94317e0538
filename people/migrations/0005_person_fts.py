"""Full-text search for people on SQLite: an FTS5 table over name and aliases (people.fts5);
nothing on PostgreSQL, which searches people.0002's GIN index."""

from django.db import migrations

from people.fts5 import WORDS, create_fts5_table, drop_fts5_table


def create(apps, schema_editor):
    create_fts5_table(
        schema_editor, table="people_person", columns=["name", "aliases"], tokenize=WORDS
    )


def drop(apps, schema_editor):
    drop_fts5_table(schema_editor, table="people_person")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_content_revision")]

    operations = [migrations.RunPython(create, drop)]
