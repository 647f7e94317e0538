"""Print the quotes proposed from a source's latest snapshot, or from a text file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.record_ids import parse_record_id
from people.models import Person
from sources.models import Source
from sources.quotes import extract_quotes


class Command(BaseCommand):
    help = (
        "Propose quotes with speaker, subject, venue and span from a source's latest snapshot "
        "(give its id) or from a UTF-8 text file (give its path), as a table or as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A source id, or the path of a text file.")
        parser.add_argument(
            "--json", action="store_true", help="Print the proposals as a JSON list."
        )

    def handle(self, *args, source, **options):
        text, origin = self._text(source)
        self.stderr.write(f"Reading {len(text)} characters from {origin}...")
        proposals = extract_quotes(text, Person.objects.names_for_matching())
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [proposal.as_dict() for proposal in proposals], ensure_ascii=False, indent=2
                )
            )
        else:
            self._table(proposals)
        attributed = sum(1 for proposal in proposals if proposal.speaker_name)
        to_check = sum(1 for proposal in proposals if proposal.check_the_speaker)
        self.stderr.write(
            f"{len(proposals)} quote(s) found, {attributed} with a speaker, "
            f"{len(proposals) - attributed} without; {to_check} to check the speaker of."
        )

    def _text(self, argument: str) -> tuple[str, str]:
        path = Path(argument)
        source_id = parse_record_id(argument)
        if source_id is not None and not path.is_file():
            source = Source.objects.filter(pk=source_id).first()
            if source is None:
                raise CommandError(f"No source with id {argument}.")
            snapshot = source.latest_snapshot
            if snapshot is None or not snapshot.text.strip():
                raise CommandError(f"Source {argument} (“{source}”) has no archived text yet.")
            return (
                snapshot.text,
                f"source {argument}, snapshot of {snapshot.fetched_at:%Y-%m-%d %H:%M}",
            )
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except FileNotFoundError:
            raise CommandError(f"No source id or file named {argument!r}.") from None
        except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
            raise CommandError(
                f"Cannot read {argument!r} as UTF-8 text: {error.__class__.__name__}."
            ) from None

    def _table(self, proposals) -> None:
        header = (
            f"{'#':>3}  {'span':>11}  {'conf':>4}  {'check':5}  {'speaker':24}  {'subject':20}  "
            f"{'venue':24}  quote"
        )
        self.stdout.write(header)
        for number, proposal in enumerate(proposals, start=1):
            quote = proposal.quote if len(proposal.quote) <= 70 else proposal.quote[:67] + "..."
            self.stdout.write(
                f"{number:>3}  {f'{proposal.start}-{proposal.end}':>11}  {proposal.confidence:4.2f}  "
                f"{'yes' if proposal.check_the_speaker else '':5}  "
                f"{_cell(proposal.speaker_name or '(not given)', 24)}  "
                f"{_cell(proposal.subject_name or '', 20)}  {_cell(proposal.venue, 24)}  “{quote}”"
            )


def _cell(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)
