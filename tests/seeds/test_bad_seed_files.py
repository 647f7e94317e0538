"""A bad seed file fails with one line naming the file, the record and the reason; nothing loads."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from people.models import Person
from tests.seeds.conftest import database_fingerprint

pytestmark = pytest.mark.django_db

DEFUND_EXCERPT = (
    "Following the police murder of George Floyd in Minneapolis in 2020, Mamdani called"
)


def edited(seed_file, old: str, new: str):
    """Replace one passage of the seed file (which must be there) and return its path."""
    content = seed_file.read_text(encoding="utf-8")
    assert content.count(old) >= 1, old
    seed_file.write_text(content.replace(old, new, 1), encoding="utf-8")
    return seed_file


BAD_EDITS = {
    "an excerpt not in the article": (
        DEFUND_EXCERPT,
        "Following the police murder of George Floyd in 2020, Mamdani called",
        "statement 'mamdani-2020-call-to-defund-the-police': citation "
        "'mamdani-2020-call-to-defund-the-police-article': excerpt not found verbatim in the "
        "article text (the article has it only as far as “...ng the police murder of George "
        "Floyd in ”)",
    ),
    "an unknown person": (
        "speaker: rodney-harrison\n",
        "speaker: rodney-harison\n",
        "statement 'harrison-actions-speak-louder-than-words': speaker 'rodney-harison' is not "
        "a person defined in the seed files",
    ),
    "an unknown organization": (
        "publisher: cnn\n",
        "publisher: cnnn\n",
        "source 'cnn-interview-shamsul-haque': publisher 'cnnn' is not an organization defined "
        "in the seed files",
    ),
    "an unknown topic": (
        "topic: mental-health-crisis-response\n",
        "topic: mental-health\n",
        "statement 'mamdani-department-of-community-safety': topic 'mental-health' is not a "
        "topic defined in the seed files",
    ),
    "an unknown position": (
        "position: defund-the-police",
        "position: abolish-the-police",
        "position 'abolish-the-police' is not a position defined under the topic 'police-funding'",
    ),
    "a malformed date": (
        'said_on: "2020"',
        'said_on: "2020-13"',
        "statement 'mamdani-2020-call-to-defund-the-police': 'said_on' is not a valid date: "
        "the month must be between 01 and 12",
    ),
    "a key used twice": (
        "- key: mamdani-department-of-community-safety\n",
        "- key: mamdani-2020-call-to-defund-the-police\n",
        "statement 'mamdani-2020-call-to-defund-the-police': defined twice (also at ",
    ),
    "a misspelt field": (
        "venue: Zoom call with officers",
        "venu: Zoom call with officers",
        "statement 'officers-advise-mamdani-on-zoom-call': unknown field 'venu'",
    ),
    "a choice not on the list": (
        "rating: half_flip",
        "rating: half flip",
        "stance shift 'mamdani-police-funding-2020-to-2025': 'rating' must be one of no_flip, "
        "half_flip, full_flop (got 'half flip')",
    ),
    "a control character in a name": (
        "    name: Shamsul Haque\n",
        '    name: "Shamsul\\x01Haque"\n',
        "person 'shamsul-haque': name: Remove the control character U+0001 at character 8",
    ),
    "a line break in a one-line field": (
        "venue: Zoom call with officers",
        'venue: "Zoom call\\nwith officers"',
        "statement 'officers-advise-mamdani-on-zoom-call': venue: Remove the tab or line break",
    ),
    "invalid YAML": ("people:\n", "people: [\n", "invalid YAML at line"),
    "a missing required field": (
        "        title: Chief of Department\n",
        "",
        "person 'rodney-harrison': role 'rodney-harrison-nypd-chief-of-department': the field "
        "'title' is required",
    ),
    "a quote not in the article": (
        "I was not a fan of Mamdani at all, but as I got to know him more, I began to respect\n"
        "      him",
        "I was never a fan of Mamdani, but as I got to know him more, I began to respect\n"
        "      him",
        "statement 'haque-came-to-respect-mamdani': a quote's text must be found verbatim",
    ),
}


@pytest.mark.parametrize("problem", BAD_EDITS)
def test_a_bad_seed_file_fails_with_one_line_and_changes_nothing(problem, seeded, seeds_copy):
    old, new, reason = BAD_EDITS[problem]
    # A harmless edit earlier in the file, which must not be applied either.
    edited(seeds_copy, "description: Democratic nominee", "description: The Democratic nominee")
    edited(seeds_copy, old, new)
    before = database_fingerprint()
    with pytest.raises(CommandError) as failure:
        call_command("load_seeds", str(seeds_copy))
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith(f"{seeds_copy}: ")
    assert reason in message
    assert message.endswith("; nothing was loaded")
    assert database_fingerprint() == before


def test_a_failure_while_writing_rolls_back_what_was_written(seeded, seeds_copy):
    """The stance shift is refused only when written, after people were updated: all undone."""
    edited(seeds_copy, "description: Democratic nominee", "description: The Democratic nominee")
    edited(
        seeds_copy,
        "    earlier: mamdani-2020-call-to-defund-the-police\n"
        "    later: chowdhury-mamdani-supports-reforming-not-defunding\n",
        "    earlier: chowdhury-mamdani-supports-reforming-not-defunding\n"
        "    later: mamdani-2020-call-to-defund-the-police\n",
    )
    before = database_fingerprint()
    with pytest.raises(
        CommandError, match="stance shift 'mamdani-police-funding-2020-to-2025'.*later"
    ):
        call_command("load_seeds", str(seeds_copy))
    assert database_fingerprint() == before
    assert Person.objects.get(slug="zohran-mamdani").description.startswith("Democratic")


def test_an_unknown_person_in_an_empty_database_loads_nothing(db, seeds_copy):
    edited(seeds_copy, "endorsed: zohran-mamdani", "endorsed: zohran-mamdany")
    with pytest.raises(CommandError, match="endorsed 'zohran-mamdany' is not a person defined"):
        call_command("load_seeds", str(seeds_copy))
    assert all(rows == [] for rows in database_fingerprint().values())


def test_invalid_json_is_named_as_such(db, seeds_copy):
    json_file = seeds_copy.with_suffix(".json")
    json_file.write_text('{"article": {"key": "a",}')
    with pytest.raises(CommandError, match=r"\.json: invalid JSON at line 1, column \d+: "):
        call_command("load_seeds", str(json_file))
    assert all(rows == [] for rows in database_fingerprint().values())


def test_a_missing_seed_file_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="nowhere.yaml: no such file or folder"):
        call_command("load_seeds", str(tmp_path / "nowhere.yaml"))


def test_manage_py_exits_non_zero_with_a_single_line_on_stderr(seeds_copy, tmp_path):
    """A real process: exit status 1 and one line on stderr, on a database of its own."""
    edited(seeds_copy, "people:\n", "people: [\n")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_seeds", str(seeds_copy)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"CommandError: {seeds_copy}: invalid YAML at line")
