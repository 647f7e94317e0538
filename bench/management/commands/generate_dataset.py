"""`manage.py generate_dataset --statements N --seed S`: the benchmark's synthetic data."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.dataset import SHAPE, dataset_stamp, generate
from claims.models import Statement


class Command(BaseCommand):
    help = (
        "Write a seeded synthetic dataset (people, organizations, sources with snapshots, "
        "topics with positions, statements with citations, fact-checks, stance shifts) in bulk. "
        "No history rows are written for it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, required=True, help="How many statements.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete EVERYTHING in the database first (manage.py flush). Benchmark databases only.",
        )

        parser.add_argument(
            "--keep-if-same",
            action="store_true",
            help=(
                "Do nothing when the database already holds this dataset: as many statements, "
                "written by this version of the generator with this seed."
            ),
        )

    def handle(self, *args, statements, seed, replace, keep_if_same, **options):
        if statements < 1:
            raise CommandError("--statements must be at least 1")
        existing = Statement.objects.count()
        if keep_if_same and existing == statements and dataset_stamp() == (SHAPE, seed, statements):
            self.stdout.write(f"The database already holds these {existing:,} statements; kept.")
            return
        if existing and not replace:
            raise CommandError(
                f"The database already holds {existing:,} statements; "
                "pass --replace to delete everything in it first (benchmark databases only)"
            )
        if replace:
            self.stdout.write("Deleting everything in the database (flush)...")
            call_command("flush", interactive=False, verbosity=0)
        started = time.monotonic()
        totals = generate(statements=statements, seed=seed, report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {totals} in {time.monotonic() - started:.1f} s (seed {seed})."
            )
        )
