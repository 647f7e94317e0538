"""A record's commit says whether the code measured was the commit's: "-dirty" for changed code,
not for the results and reports a run itself writes."""

import subprocess

import pytest

from bench import provenance


@pytest.fixture
def checkout(tmp_path):
    def git(*arguments):
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "bench@example.org")
    git("config", "user.name", "Bench")
    (tmp_path / "bench" / "results").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    for name in ("bench/results/latest.json", "docs/bench.md", "README.md", "claims.py"):
        (tmp_path / name).write_text("before\n")
    git("add", ".")
    git("commit", "-q", "-m", "start")
    return tmp_path


def test_results_and_reports_written_by_a_run_leave_the_commit_clean(checkout):
    for name in ("bench/results/latest.json", "docs/bench.md", "README.md"):
        (checkout / name).write_text("after a run\n")

    assert not provenance.commit(root=checkout).endswith("-dirty")


def test_changed_code_makes_the_commit_dirty(checkout):
    (checkout / "claims.py").write_text("changed\n")

    assert provenance.commit(root=checkout).endswith("-dirty")
