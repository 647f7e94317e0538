"""A stored search document for statements on PostgreSQL; nothing on SQLite (LIKE search).

claims.0004 indexed the expression to_tsvector(text || venue). An expression index finds
the matching rows, but every other way of checking a row (walking the date index for a
common word, rechecking a lossy bitmap page) computes to_tsvector again: about 30
microseconds a row, most of a search's database time at a million statements (bench/).
A generated column stores the vector once, when the row is written, and the GIN index moves
onto it. Django does not know the column: no model field, so no SELECT, form, history or
archive carries it; claims.models.StatementSearchDocument refers to it in queries.

Adding a stored column rewrites the table (minutes on a large one, under an exclusive lock):
run it in a quiet hour.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The expression claims.0004 indexed; the column holds exactly its value.
DOCUMENT = "to_tsvector('english'::regconfig, COALESCE(text, '') || ' ' || COALESCE(venue, ''))"
OLD_INDEX = GinIndex(SearchVector("text", "venue", config="english"), name="statement_search")


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE claims_statement ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX statement_search_document ON claims_statement USING gin (search_document)"
    )
    schema_editor.remove_index(apps.get_model("claims", "Statement"), OLD_INDEX)


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("claims", "Statement"), OLD_INDEX)
    # Dropping the column drops its index.
    schema_editor.execute("ALTER TABLE claims_statement DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_statement_said_on")]

    operations = [migrations.RunPython(add_column, drop_column)]
