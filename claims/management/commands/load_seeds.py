"""`manage.py load_seeds [PATH ...]`: load the seed files (default: every one in seeds/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.seeding import SeedError, default_seed_paths, load_seeds


class Command(BaseCommand):
    help = (
        "Check the seed files, then load their records in one transaction. Safe to repeat: "
        "records are found again by slug or key and only what differs is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="Seed files or folders of them (default: every seed file in seeds/).",
        )

    def handle(self, *args, paths, **options):
        try:
            summary = load_seeds(paths=paths or default_seed_paths(), progress=self.stdout.write)
        except SeedError as error:
            raise CommandError(f"{error}; nothing was loaded") from None
        verdict = "" if summary.changed_anything else " (already up to date)"
        self.stdout.write(self.style.SUCCESS(f"Seeds loaded{verdict}: {summary}"))
