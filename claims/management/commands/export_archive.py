"""manage.py export_archive PATH: write everything to one versioned archive file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.archive import FORMAT_VERSION, ArchiveError, export_archive


class Command(BaseCommand):
    help = (
        "Export every record, its history, snapshots, the audit log and the accounts history "
        "names (no passwords) to PATH (JSON Lines; gzip when PATH ends in .gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive file to write.")

    def handle(self, *args, path: Path, **options):
        def progress(message: str) -> None:
            self.stdout.write(f"  {message}")

        self.stdout.write(f"Exporting to {path} (archive format version {FORMAT_VERSION})")
        try:
            counts = export_archive(path=path, progress=progress)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(counts.values())} records of {sum(1 for count in counts.values() if count)} kinds to {path}."
            )
        )
