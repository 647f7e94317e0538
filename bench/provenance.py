"""Where a benchmark figure comes from: the commit, the host and the dataset's seed.

A figure counts only with these beside it (docs/bench.md): every record the harness writes
carries them, and the report (bench.report) prints them with the tables.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a run writes into the work tree (results, charts, the tables bench.report rewrites): a
# change there is no change to the code measured.
RUN_WRITES = (":(exclude)bench/results", ":(exclude)README.md", ":(exclude)docs/bench.md")


def describe(*, database_url: str, seed: int) -> dict:
    """The commit, host and seed of a run, as Record fields (measured_at is set per record)."""
    return {"commit": commit(), "host": host(database_url), "seed": seed}


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def commit(root: Path = ROOT) -> str:
    """The checked-out commit, with "-dirty" when the work tree has uncommitted changes to
    anything but what a run itself writes (RUN_WRITES): `make bench` writes its results after the
    read scenarios and before the load test, and its report at the end."""

    def git(*arguments: str) -> str:
        result = subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", *RUN_WRITES)
    return f"{head}-dirty" if changed else head


def host(database_url: str) -> str:
    """Cores, processor, and the database server's version, in one line."""
    parts = [f"{os.cpu_count()} cores", _processor(), platform.node() or "unknown host"]
    parts.append(_database_version(database_url))
    return ", ".join(part for part in parts if part)


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor()


def _database_version(database_url: str) -> str:
    if database_url.startswith("sqlite"):
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    try:
        import psycopg2

        connection = psycopg2.connect(database_url, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        finally:
            connection.close()
    except Exception as error:  # noqa: BLE001 - a figure's host line must never stop the run
        return f"database version unknown ({type(error).__name__})"
