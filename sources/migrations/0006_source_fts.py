"""Full-text search for sources on SQLite: an FTS5 table over the title, stemmed
(people.fts5); nothing on PostgreSQL, which searches sources.0002's GIN index."""

from django.db import migrations

from people.fts5 import STEMMED, create_fts5_table, drop_fts5_table


def create(apps, schema_editor):
    create_fts5_table(schema_editor, table="sources_source", columns=["title"], tokenize=STEMMED)


def drop(apps, schema_editor):
    drop_fts5_table(schema_editor, table="sources_source")


class Migration(migrations.Migration):
    dependencies = [("sources", "0005_source_published_on")]

    operations = [migrations.RunPython(create, drop)]
