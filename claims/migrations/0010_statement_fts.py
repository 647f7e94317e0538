"""Full-text search for statements on SQLite: an FTS5 table over text and venue, stemmed
(people.fts5), as claims.0009's stored document is on PostgreSQL; nothing on PostgreSQL."""

from django.db import migrations

from people.fts5 import STEMMED, create_fts5_table, drop_fts5_table


def create(apps, schema_editor):
    create_fts5_table(
        schema_editor, table="claims_statement", columns=["text", "venue"], tokenize=STEMMED
    )


def drop(apps, schema_editor):
    drop_fts5_table(schema_editor, table="claims_statement")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_statement_search_document"), ("people", "0005_person_fts")]

    operations = [migrations.RunPython(create, drop)]
