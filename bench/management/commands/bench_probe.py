"""`manage.py bench_probe`: the endpoints to load and their query counts, as JSON."""

from django.core.management.base import BaseCommand, CommandError

from bench.probe import probe


class Command(BaseCommand):
    help = "Print, as JSON, the endpoints the benchmark loads at the current dataset and their SQL query counts."

    def handle(self, *args, **options):
        try:
            result = probe()
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.to_json())
