"""The benchmark's synthetic dataset: valid by the model's own rules, skewed, bulk-written."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from bench.dataset import generate
from bench.management.commands.generate_dataset import Command as GenerateDataset
from claims.matching.candidates import fingerprint
from claims.models import (
    PUBLIC_STATUSES,
    Citation,
    FactCheck,
    StanceShift,
    Statement,
    Status,
)
from people.models import Person
from sources.models import Snapshot

pytestmark = pytest.mark.django_db


def quietly(line: str) -> None:
    """Swallow progress lines."""


def test_it_writes_the_number_of_statements_asked_for_with_everything_they_need():
    totals = generate(statements=600, seed=3, report=quietly)

    assert Statement.objects.count() == totals.statements == 600
    assert Citation.objects.count() == totals.citations >= 600
    assert FactCheck.objects.count() == totals.fact_checks > 0
    assert StanceShift.objects.count() == totals.stance_shifts > 0
    assert Person.objects.count() == totals.people


def test_every_statement_carries_the_fingerprint_of_its_text():
    """As a saved statement does: PostgreSQL finds repeats by it (claims.matching)."""
    generate(statements=60, seed=3, report=quietly)
    statements = Statement.objects.only("text", "fingerprint")
    assert all(statement.fingerprint == fingerprint(statement.text) for statement in statements)
    assert all(statement.fingerprint for statement in statements)


def test_every_public_statement_has_a_citation_and_most_are_public():
    generate(statements=600, seed=3, report=quietly)

    public = Statement.objects.filter(status__in=PUBLIC_STATUSES)
    assert not public.filter(citations__isnull=True).exists()
    assert 0.8 < public.count() / 600 < 0.97
    assert Statement.objects.filter(status=Status.DRAFT).exists()


def test_every_stance_shift_keeps_the_rules_the_triggers_enforce():
    """Same subject and topic on both statements, the earlier dated first."""
    generate(statements=1500, seed=5, report=quietly)

    shifts = StanceShift.objects.select_related("earlier", "later")
    assert shifts.exists()
    for shift in shifts:
        for statement in (shift.earlier, shift.later):
            assert (statement.subject_id, statement.topic_id) == (shift.subject_id, shift.topic_id)
        assert shift.earlier.said_on.isoformat() <= shift.later.said_on.isoformat()


def test_activity_is_skewed_towards_a_few_people():
    generate(statements=2000, seed=7, report=quietly)

    counts = sorted(
        Statement.objects.values("subject").annotate(n=Count("id")).values_list("n", flat=True),
        reverse=True,
    )
    assert counts[0] > 4 * counts[len(counts) // 2]


def test_the_same_seed_gives_the_same_statements():
    """A second run appends after the first (new ids) with the same texts, dates and statuses."""
    generate(statements=300, seed=11, report=quietly)
    generate(statements=300, seed=11, report=quietly)

    rows = list(Statement.objects.order_by("pk").values_list("text", "said_on", "status"))
    assert rows[:300] == rows[300:]


def test_it_writes_no_history_for_synthetic_rows():
    generate(statements=200, seed=3, report=quietly)

    assert not Statement.history.exists()


def test_the_command_refuses_a_database_that_already_holds_statements():
    generate(statements=100, seed=3, report=quietly)

    with pytest.raises(CommandError, match="already holds 100 statements; pass --replace"):
        call_command(GenerateDataset(), statements=50, seed=1)

    assert Statement.objects.count() == 100


def test_the_command_refuses_a_scale_below_one():
    with pytest.raises(CommandError, match="--statements must be at least 1"):
        call_command(GenerateDataset(), statements=0)

    assert not Statement.objects.exists()


def test_citations_of_archived_sources_point_at_the_copy_they_were_checked_against():
    """As claims.verification leaves them: a citation checked against a copy ("found" or
    "not_found") points at its own source's latest copy; one whose source has no copy says
    so or is unchecked. Copies are article-sized, so reading their text costs what it would."""
    generate(statements=600, seed=5, report=quietly)

    checked = Citation.objects.exclude(snapshot=None).select_related("source", "snapshot")
    assert checked.count() > Citation.objects.count() / 3
    for citation in checked:
        assert citation.snapshot.source_id == citation.source_id
        assert citation.snapshot == citation.source.latest_snapshot
        assert citation.verification in ("found", "not_found")
        assert citation.verified_at is not None
    unarchived = Citation.objects.filter(source__snapshots=None)
    assert set(unarchived.values_list("verification", flat=True)) == {"no_snapshot", "unchecked"}
    assert not Citation.objects.filter(snapshot=None, verification="found").exists()
    sizes = list(Snapshot.objects.values_list("size", flat=True))
    assert min(sizes) > 3000 and sum(sizes) / len(sizes) > 4000


def test_keep_if_same_keeps_only_the_same_dataset():
    """Kept for the same scale and seed; written again for another seed (which it once kept,
    since it compared the number of statements only)."""
    call_command(GenerateDataset(), statements=120, seed=1, replace=True, stdout=io.StringIO())
    first = list(Statement.objects.values_list("text", flat=True))

    output = io.StringIO()
    call_command(GenerateDataset(), statements=120, seed=1, keep_if_same=True, stdout=output)
    assert "kept" in output.getvalue()

    output = io.StringIO()
    call_command(
        GenerateDataset(), statements=120, seed=2, keep_if_same=True, replace=True, stdout=output
    )
    assert "kept" not in output.getvalue()
    assert Statement.objects.count() == 120
    assert list(Statement.objects.values_list("text", flat=True)) != first
