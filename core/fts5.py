"""FTS5 tables for SQLite, kept equal to the table they index by triggers: what migrations
create for full-text search on the embedded default (core.full_text.fts5_matches).

SQLite rebuilds a table to add a non-null column or change one, and the rebuild drops its
triggers: a migration that alters an indexed table (claims_statement, people_person,
sources_source) drops the FTS5 table first and creates it again after, as
claims.0013_review_desk does. The search tests fail on SQLite when it is forgotten.
"""

from __future__ import annotations

# Porter stemming over Unicode words, accents folded: "defunding" finds "defund".
STEMMED = "porter unicode61 remove_diacritics 2"
# Words as they are (names): PostgreSQL's 'simple' configuration.
WORDS = "unicode61 remove_diacritics 2"


def create_fts5_table(schema_editor, *, table: str, columns: list[str], tokenize: str) -> None:
    """Create `<table>_fts` over `columns` of `table` (SQLite only), filled from the table's
    rows and kept up to date by triggers on insert, update and delete."""
    if schema_editor.connection.vendor != "sqlite":
        return
    fts = f"{table}_fts"
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{table}', "
        f"content_rowid='id', tokenize='{tokenize}')"
    )
    remove = f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new});"
    schema_editor.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END")
    schema_editor.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
    schema_editor.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {table} BEGIN {remove} {add} END"
    )
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def drop_fts5_table(schema_editor, *, table: str) -> None:
    """Drop what create_fts5_table made (SQLite only)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    fts = f"{table}_fts"
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
