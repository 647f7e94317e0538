"""manage.py import_archive PATH [--force]: restore an archive, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_archive into an empty database, in one "
        "transaction. Refuses a database that already holds records unless --force, which "
        "replaces them. Restored accounts have no password: set one with changepassword."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive file to read.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the records already in the database (accounts are kept).",
        )

    def handle(self, *args, path: Path, force: bool, **options):
        def progress(message: str) -> None:
            self.stdout.write(f"  {message}")

        self.stdout.write(f"Importing {path}{' (replacing existing records)' if force else ''}")
        try:
            counts = import_archive(path=path, force=force, progress=progress)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(counts.values())} records of {sum(1 for count in counts.values() if count)} kinds from {path}."
            )
        )
