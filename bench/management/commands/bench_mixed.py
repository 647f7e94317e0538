"""`manage.py bench_mixed prepare|verify|cleanup`: the mixed load test's database side, as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bench.mixed import cleanup as remove_load_test_writes
from bench.mixed import prepare, verify


class Command(BaseCommand):
    help = (
        "The mixed load test's database side (bench settings only): `prepare` creates the "
        "editors with API tokens and prints the plan; `verify LEDGER` checks the ledger of "
        "write attempts against the database; `cleanup` removes what load tests wrote."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["prepare", "verify", "cleanup"])
        parser.add_argument("ledger", nargs="?", type=Path, help="The ledger (JSON), for verify.")
        parser.add_argument("--editors", type=int, default=10, help="Editors to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed of the reads.")
        parser.add_argument(
            "--cleanup",
            action="store_true",
            help="With verify: remove what load tests wrote if the check passed.",
        )

    def handle(self, *args, action, ledger, editors, seed, cleanup: bool, **options):
        if action == "prepare":
            if editors < 1:
                raise CommandError("--editors must be at least 1")
            try:
                result = prepare(editors=editors, seed=seed)
            except ValueError as error:
                raise CommandError(str(error)) from None
        elif action == "verify":
            if ledger is None:
                raise CommandError("verify needs the ledger's path")
            checked = verify(json.loads(ledger.read_text()))
            result = checked.to_dict()
            if checked.ok and cleanup:
                result["removed"] = remove_load_test_writes()
        else:
            result = remove_load_test_writes()
        self.stdout.write(json.dumps(result))
