"""The benchmark's tables in the docs are generated from the results file, never typed."""

from dataclasses import replace

import pytest

from bench import report
from bench.measure import RESULTS, Record

RECORD = Record(
    endpoint="statements-first",
    statements=10_000,
    rps=364.7,
    p50_ms=13.3,
    p95_ms=21.0,
    p99_ms=25.0,
    errors=0,
    queries=2,
    ratio_to_baseline=0.63,
)
DOCUMENT = "Prose.\n<!-- bench-report:read -->\nold\n<!-- /bench-report:read -->\nMore prose.\n"


def test_the_committed_docs_show_the_committed_results():
    """`make bench-report` was run after the last results were committed."""
    assert report.main(["--check", "--results", str(RESULTS / "latest.json")]) == 0


def test_a_part_is_rewritten_from_the_records_and_the_prose_is_left_alone():
    text = report.rendered(DOCUMENT, [RECORD])

    assert text.startswith("Prose.\n<!-- bench-report:read -->\n| endpoint |")
    assert "| statements-first | 10,000 | 364.7 | 13.3 | 21.0 | 25.0 | 0 | 2 | 0.63 |" in text
    assert text.endswith("<!-- /bench-report:read -->\nMore prose.\n")
    assert report.rendered(text, [replace(RECORD, rps=400.0)]) != text


def test_provenance_names_the_commit_host_and_seed_or_says_it_was_not_recorded():
    measured = replace(
        RECORD, commit="abc123", measured_at="2026-12-02T20:00:00Z", host="2 cores", seed=7
    )
    assert report.provenance([measured]) == (
        "- `read` at 10,000 statements: commit `abc123`, 2026-12-02T20:00:00Z to "
        "2026-12-02T20:00:00Z, 2 cores, dataset seed 7"
    )
    assert "not recorded" in report.provenance([RECORD])


def test_an_unknown_part_is_an_error_not_a_silent_skip():
    with pytest.raises(ValueError, match="unknown bench-report part"):
        report.rendered("<!-- bench-report:typo -->\n<!-- /bench-report:typo -->", [RECORD])
