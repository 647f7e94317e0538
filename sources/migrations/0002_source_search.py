"""A GIN index for full-text search on PostgreSQL; nothing on SQLite (which searches with LIKE).

The indexed expression must stay equal to the one sources.models searches with, or the
planner cannot use the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("title", config="english"), name="source_search")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("sources", "Source"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("sources", "Source"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
