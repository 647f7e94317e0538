"""Each statement's fingerprint (claims.matching.candidates.fingerprint), filled in for the
statements already stored, with a GIN index on PostgreSQL; the trigram index of claims.0016
goes, since the matcher no longer searches it.

At a million statements every word of the text is in a good share of them, so a trigram or
full-text search for a repeat reads hundreds of thousands of rows; the fingerprint's values
are each in a handful. The backfill reads and writes the table in batches of BATCH rows (a
few minutes at a million, under a lock on the table's rows: run it in a quiet hour). Going
back builds the trigram index again.

On SQLite, adding the column rebuilds the table, which drops its triggers: the stance-shift
triggers of 0002 and the FTS5 table of 0010 are dropped first and created again after, as in
claims.0013_review_desk.
"""

import importlib
import json

from django.db import migrations, models

BATCH = 10_000

_triggers = importlib.import_module("claims.migrations.0002_stance_shift_triggers")
_drop_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_BACKWARD})
_create_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_FORWARD})
_statement_fts = importlib.import_module("claims.migrations.0010_statement_fts")


def fill_fingerprints(apps, schema_editor):
    from claims.matching.candidates import fingerprint

    connection = schema_editor.connection
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, text FROM claims_statement WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            ids = [pk for pk, _ in rows]
            values = [json.dumps(fingerprint(text)) for _, text in rows]
            if connection.vendor == "postgresql":
                cursor.execute(
                    "UPDATE claims_statement AS statement SET fingerprint = filled.value::jsonb "
                    "FROM unnest(%s::bigint[], %s::text[]) AS filled(id, value) "
                    "WHERE statement.id = filled.id",
                    [ids, values],
                )
            else:
                cursor.executemany(
                    "UPDATE claims_statement SET fingerprint = %s WHERE id = %s",
                    list(zip(values, ids, strict=True)),
                )


def create_fingerprint_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX statement_fingerprint ON claims_statement "
        "USING gin (fingerprint jsonb_path_ops)"
    )


def drop_fingerprint_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS statement_fingerprint")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS statement_text_trigram")


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX statement_text_trigram ON claims_statement USING gin (text gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_statement_topic_said_on")]

    operations = [
        migrations.RunPython(_drop_sqlite_triggers, _create_sqlite_triggers),
        migrations.RunPython(_statement_fts.drop, _statement_fts.create),
        migrations.RunPython(drop_trigram_index, create_trigram_index),
        migrations.AddField(
            model_name="statement",
            name="fingerprint",
            field=models.JSONField(
                default=list,
                editable=False,
                help_text="The smallest hashes of the text's runs of key words "
                "(claims.matching.candidates.fingerprint).",
            ),
        ),
        migrations.RunPython(fill_fingerprints, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(_create_sqlite_triggers, _drop_sqlite_triggers),
        migrations.RunPython(_statement_fts.create, _statement_fts.drop),
        migrations.RunPython(create_fingerprint_index, drop_fingerprint_index),
    ]
