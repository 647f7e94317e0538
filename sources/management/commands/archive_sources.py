"""Archive sources: take a fresh copy of each source's page and re-check its quotes."""

from django.core.management.base import BaseCommand, CommandError

from core.record_ids import parse_record_id
from sources.archive import archive_source
from sources.models import Source

# A century: any more reaches before the first dated copy, and past year 1 the cutoff overflows.
MOST_STALE_DAYS = 36_500


def _days(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        days = int(value)
    except ValueError:
        raise CommandError(f"--stale takes a whole number of days (got {value!r})") from None
    if days < 0:
        raise CommandError(f"--stale takes a number of days of 0 or more (got {days})")
    if days > MOST_STALE_DAYS:
        raise CommandError(f"--stale takes at most {MOST_STALE_DAYS} days (got {days})")
    return days


def _source_id(value: str) -> int:
    source_id = parse_record_id(value)
    if source_id is None:
        raise CommandError(f"--source takes source ids, whole numbers (got {value!r})")
    return source_id


class Command(BaseCommand):
    help = (
        "Fetch each source's URL and store a snapshot of its text; refusals and failures are "
        "recorded on the source and reported, never fatal. Quotes citing it are re-checked."
    )

    # The values are read in handle(), not by argparse's type=: a CommandError raised while
    # argparse parses the command line is a traceback, not the one line handle()'s is.
    def add_arguments(self, parser):
        parser.add_argument(
            "--stale",
            metavar="DAYS",
            help="Only sources with no copy taken in the last DAYS days (0: every source).",
        )
        parser.add_argument(
            "--source",
            nargs="+",
            dest="source_ids",
            metavar="ID",
            help="Only these sources (by id).",
        )

    def handle(self, *args, stale=None, source_ids=None, **options):
        stale = _days(stale)
        source_ids = [_source_id(value) for value in source_ids or ()]
        queryset = Source.objects.all()
        if source_ids:
            known = set(queryset.filter(pk__in=source_ids).values_list("pk", flat=True))
            unknown = [str(pk) for pk in source_ids if pk not in known]
            if unknown:
                raise CommandError(f"No source with id {', '.join(unknown)}")
            without_url = list(
                queryset.filter(pk__in=source_ids, url=None).values_list("pk", flat=True)
            )
            if without_url:
                ids = ", ".join(str(pk) for pk in without_url)
                raise CommandError(f"Source {ids} has no URL to archive")
            queryset = queryset.filter(pk__in=source_ids)
        sources = list(queryset.to_archive(stale_days=stale).order_by("pk"))
        total = len(sources)
        archived = changed = problems = 0
        self.stdout.write(f"Archiving {total} source{'s' if total != 1 else ''}.")
        for number, source in enumerate(sources, start=1):
            outcome = archive_source(source=source)
            prefix = f"[{number}/{total}] #{source.pk} {source.url}:"
            if outcome.problem:
                problems += 1
                self.stdout.write(self.style.WARNING(f"{prefix} not archived: {outcome.problem}"))
                continue
            archived += 1
            changed += outcome.changed
            note = " (text changed since the last copy)" if outcome.changed else ""
            self.stdout.write(
                f"{prefix} archived, {outcome.snapshot.size:,} bytes, "
                f"{len(outcome.snapshot.text):,} characters of text{note}"
            )
        if total and not archived:
            # Every fetch failing is the network or the archiver, not pages gone: a
            # scheduled run must alert. Each source's reason is printed above and recorded.
            raise CommandError(
                f"None of the {total} source{'s' if total != 1 else ''} could be archived "
                "(reasons above, and in each source's Archive column)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {archived} archived ({changed} changed), {problems} not archived."
            )
        )
