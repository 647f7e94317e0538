"""Moved to core.fts5. Kept because landed migrations import these from here (migrations are
never edited); new code imports core.fts5."""

from core.fts5 import STEMMED, WORDS, create_fts5_table, drop_fts5_table

__all__ = ["STEMMED", "WORDS", "create_fts5_table", "drop_fts5_table"]
