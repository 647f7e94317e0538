"""Propose likely repeats among the statements on record, for editors to confirm (claim
matching's backfill): each statement's candidates (claims.matching.candidates) that reach
the proposal threshold are stored as proposed repeats, listed in the admin.

Statements are read in id order; progress names the last id done. Interrupted, it resumes
with --start-after that id; run again from the start, it proposes nothing twice.
"""

from django.core.management.base import BaseCommand, CommandError

from claims.matching.services import propose_repeats
from claims.models import Statement
from core.record_ids import parse_record_id

PROGRESS_EVERY = 100


def _whole_number(name: str, value: str | None, *, smallest: int) -> int | None:
    if value is None:
        return None
    number = parse_record_id(value)
    if number is None or number < smallest:
        raise CommandError(f"--{name} takes a whole number from {smallest} (got {value!r}).")
    return number


class Command(BaseCommand):
    help = (
        "Propose likely repeats among existing statements for editors to confirm "
        "(admin: Proposed repeats). Resumable with --start-after."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--start-after",
            default=None,
            help="Begin after this statement id (the last id a previous run reported).",
        )
        parser.add_argument(
            "--limit", default=None, help="Check at most this many statements, then stop."
        )

    def handle(self, *args, start_after, limit, **options):
        after = _whole_number("start-after", start_after, smallest=0) or 0
        most = _whole_number("limit", limit, smallest=1)
        # A database unreachable or not migrated is reported by manage.py, in one line.
        statements = Statement.objects.filter(pk__gt=after).order_by("pk")
        total = statements.count()
        if most is not None:
            total = min(total, most)
        checked = proposed = 0
        last = after
        ids = statements.values_list("pk", flat=True)
        for statement_id in ids.iterator(chunk_size=1000):
            if checked >= total:
                break
            statement = Statement.objects.only("pk", "text").get(pk=statement_id)
            proposed += propose_repeats(statement=statement)
            checked += 1
            last = statement_id
            if checked % PROGRESS_EVERY == 0:
                self.stdout.write(self._progress(checked, total, last, proposed))
        self.stdout.write(self._progress(checked, total, last, proposed))
        self.stdout.write(self.style.SUCCESS(f"Done. To go on later: --start-after {last}"))

    @staticmethod
    def _progress(checked: int, total: int, last: int, proposed: int) -> str:
        return (
            f"Checked {checked:,} of {total:,} statements (last id {last}); "
            f"{proposed:,} repeats proposed."
        )
