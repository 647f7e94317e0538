"""`manage.py extract_quotes SOURCE_ID|PATH [--json]`: a table or JSON, one line on bad input."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import PersonFactory, SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Ana Flores chairs the budget committee.\n"
    "“We need more money for the parks, not less,” Flores told WNYC.\n"
    "A sign outside read “Parks are for everyone, every day of the year.”\n"
)


def _run(*arguments):
    out, err = StringIO(), StringIO()
    call_command("extract_quotes", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_source_snapshots_proposals_as_a_table_with_a_summary():
    flores = PersonFactory(name="Ana Flores", aliases="Flores")
    source = SnapshotFactory(text=TEXT).source

    out, err = _run(str(source.pk))

    lines = out.splitlines()
    assert lines[0].split()[:5] == ["#", "span", "conf", "check", "speaker"]
    assert flores.name in lines[1] and "WNYC" in lines[1] and "We need more money" in lines[1]
    assert lines[1].split()[3] != "yes"  # Named right after the quote: no check asked.
    assert "(not given)" in lines[2] and lines[2].split()[3] == "yes"
    assert f"source {source.pk}" in err
    assert "2 quote(s) found, 1 with a speaker, 1 without; 1 to check the speaker of." in err


def test_it_prints_a_files_proposals_as_json(tmp_path):
    flores = PersonFactory(name="Ana Flores", aliases="Flores")
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")

    out, _ = _run(str(article), "--json")

    proposals = json.loads(out)
    assert [(p["speaker_id"], p["venue"]) for p in proposals] == [(flores.pk, "WNYC"), (None, "")]
    assert [p["check_the_speaker"] for p in proposals] == [False, True]
    first = proposals[0]
    assert TEXT[first["start"] : first["end"]] == first["quote"]
    assert first["sentence"].startswith("“We need more money")


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("999999", "No source with id 999999."),
        ("/no/such/article.txt", "No source id or file named '/no/such/article.txt'."),
        # Digits to str.isdigit(), not to int(): no id, and no file of that name.
        ("\u00b2", "No source id or file named '\u00b2'."),
    ],
)
def test_bad_input_is_one_readable_line(argument, message):
    with pytest.raises(CommandError) as raised:
        _run(argument)
    assert str(raised.value) == message


def test_a_source_without_an_archived_copy_is_one_readable_line():
    source = SourceFactory(title="Unarchived story")
    with pytest.raises(CommandError, match=f"Source {source.pk} .* has no archived text yet."):
        _run(str(source.pk))


def test_a_file_that_is_not_text_is_one_readable_line(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\xfa")
    with pytest.raises(CommandError, match="Cannot read .* as UTF-8 text: UnicodeDecodeError."):
        _run(str(binary))
