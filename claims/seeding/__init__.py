"""Seed files: the records an article supports, checked first, then loaded idempotently.

A seed file (YAML, or JSON, which YAML reads too) sits beside the article text it rests on.
`reading` checks files without touching the database; `loading` writes them all in one
transaction, finding records again by slug (people, organizations, topics, positions) or by
the seed file's `key` (everything else, kept in SeedKey), and saving only what differs, so a
second load changes nothing and writes no history.
"""

from claims.seeding.loading import LoadSummary, default_seed_paths, load_seeds
from claims.seeding.reading import SeedError, read_seed_file

__all__ = ["LoadSummary", "SeedError", "default_seed_paths", "load_seeds", "read_seed_file"]
