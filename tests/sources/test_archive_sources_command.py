"""`manage.py archive_sources`: progress, a summary, refusals reported, bad arguments refused."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sources.models import Snapshot
from tests.factories import SnapshotFactory, SourceFactory

PAGE = "<html><body><article><p>The council kept the police budget as it was.</p></article></body></html>"


def run(*args) -> str:
    out = StringIO()
    call_command("archive_sources", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_archives_every_source_and_reports_refusals_without_stopping(page_server):
    good = SourceFactory(url=page_server.serve("/budget", PAGE))
    private = SourceFactory(url="http://10.0.0.1/intranet")
    SourceFactory(url=None)  # nothing to fetch: not counted

    output = run()

    lines = output.splitlines()
    assert lines[0] == "Archiving 2 sources."
    assert lines[1].startswith(f"[1/2] #{good.pk} {good.url}: archived, ")
    assert lines[2] == (
        f"[2/2] #{private.pk} http://10.0.0.1/intranet: not archived: "
        "10.0.0.1 is a private address; it is not archived"
    )
    assert lines[3] == "Done: 1 archived (0 changed), 1 not archived."
    assert Snapshot.objects.filter(source=good).count() == 1
    private.refresh_from_db()
    assert private.archive_problem == "10.0.0.1 is a private address; it is not archived"


@pytest.mark.django_db
def test_it_archives_only_the_sources_asked_for(page_server):
    chosen = SourceFactory(url=page_server.serve("/budget", PAGE))
    SourceFactory(url=page_server.serve("/other", PAGE))

    output = run("--source", str(chosen.pk))

    assert "Archiving 1 source." in output
    assert list(Snapshot.objects.values_list("source", flat=True)) == [chosen.pk]


@pytest.mark.django_db
def test_stale_skips_sources_archived_recently(page_server):
    fresh = SourceFactory(url=page_server.serve("/fresh", PAGE))
    SnapshotFactory(source=fresh, fetched_at=datetime.datetime.now(tz=datetime.UTC))
    old = SourceFactory(url=page_server.serve("/old", PAGE))
    SnapshotFactory(
        source=old, fetched_at=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=9)
    )
    never = SourceFactory(url=page_server.serve("/never", PAGE))

    output = run("--stale", "7")

    assert "Archiving 2 sources." in output
    assert f"#{old.pk} " in output
    assert f"#{never.pk} " in output
    assert f"#{fresh.pk} " not in output
    assert fresh.snapshots.count() == 1


@pytest.mark.django_db
def test_a_changed_page_is_reported_in_the_progress_and_summary(page_server):
    source = SourceFactory(url=page_server.serve("/budget", PAGE))
    run()
    page_server.serve("/budget", PAGE.replace("kept", "cut"))

    output = run()

    assert "(text changed since the last copy)" in output
    assert output.splitlines()[-1] == "Done: 1 archived (1 changed), 0 not archived."
    source.refresh_from_db()
    assert source.changed_since_archived is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stale", "-1"], "--stale takes a number of days of 0 or more (got -1)"),
        (["--stale", "soon"], "--stale takes a whole number of days (got 'soon')"),
        (["--source", "abc"], "--source takes source ids, whole numbers (got 'abc')"),
        (["--source", "999999"], "No source with id 999999"),
        (["--stale", "9" * 30], f"--stale takes at most 36500 days (got {'9' * 30})"),
        (["--source", "9" * 20], f"--source takes source ids, whole numbers (got '{'9' * 20}')"),
    ],
)
def test_bad_arguments_stop_with_one_line_and_change_nothing(args, message):
    source = SourceFactory(url="https://news.example.org/story")

    with pytest.raises(CommandError) as error:
        run(*args)

    assert str(error.value) == message
    source.refresh_from_db()
    assert source.last_archive_attempt_at is None
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stale", "-1"], "--stale takes a number of days of 0 or more (got -1)"),
        (["--source", "abc"], "--source takes source ids, whole numbers (got 'abc')"),
    ],
)
def test_bad_arguments_from_the_shell_are_one_line_not_a_traceback(args, message, tmp_path):
    """As an operator types it: manage.py in its own process (call_command hides how the
    command line reports an error)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "archive_sources", *args],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"CommandError: {message}"]


@pytest.mark.django_db
def test_a_source_without_url_cannot_be_asked_for():
    source = SourceFactory(url=None)

    with pytest.raises(CommandError, match=f"Source {source.pk} has no URL to archive"):
        run("--source", str(source.pk))


@pytest.mark.django_db
def test_when_no_source_could_be_archived_it_says_so_and_exits_non_zero():
    """All fetches failing is a broken network or a blocked archiver, not a page gone: a
    scheduled run must alert (exit 1, one line), with every source's reason still printed
    and recorded. One source archived out of many is a normal run (above)."""
    first = SourceFactory(url="http://10.0.0.1/intranet")
    SourceFactory(url="http://10.0.0.2/intranet")
    out = StringIO()
    with pytest.raises(CommandError, match=r"^None of the 2 sources could be archived"):
        call_command("archive_sources", stdout=out)
    assert "not archived: 10.0.0.1 is a private address" in out.getvalue()
    first.refresh_from_db()
    assert first.archive_problem
