"""A GIN index for full-text search on PostgreSQL; nothing on SQLite (which searches with LIKE).

The indexed expression must stay equal to the one claims.models searches with, or the
planner cannot use the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("text", "venue", config="english"), name="statement_search")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("claims", "Statement"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("claims", "Statement"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_seed_key")]

    operations = [migrations.RunPython(create_index, drop_index)]
