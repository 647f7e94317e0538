"""export_archive and import_archive: a complete, versioned round trip, all or nothing."""

import gzip
import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.archive import FORMAT_VERSION, _user_records, archived_models
from claims.models import AuditEntry, Correction, Statement, Status
from claims.services import publish, retract, submit_for_review
from people.models import Person
from people.partial_dates import PartialDate
from tests import factories

# Real commits where a test empties the database with flush, as a restore onto a new server
# starts (PostgreSQL refuses TRUNCATE inside the test's transaction).
empties_the_database = pytest.mark.django_db(transaction=True)


def build_story(editor, publisher):
    """The seed article's records, generated records of every kind, then edits, transitions
    and a retraction."""
    from claims.seeding import default_seed_paths, load_seeds

    load_seeds(paths=default_seed_paths())
    position = factories.PositionFactory(axis_value=-2)
    speaker = factories.PersonFactory(aliases="Alias One\nAlias Two", wikidata_id="Q42")
    factories.RoleFactory(person=speaker)
    source = factories.SourceFactory(via=factories.SourceFactory())
    source.authors.add(factories.PersonFactory(), factories.PersonFactory())
    factories.SnapshotFactory(source=source)
    earlier = factories.StatementFactory(
        speaker=speaker, position=position, said_on=PartialDate(2020)
    )
    later = factories.StatementFactory(
        speaker=speaker,
        position=factories.PositionFactory(topic=position.topic, axis_value=1),
        said_on=PartialDate(2025, 6, 24),
    )
    for statement in (earlier, later):
        factories.CitationFactory(statement=statement, source=source, locator="paragraph 6")
        statement = submit_for_review(record=statement, by=editor)
        publish(record=statement, by=publisher)
    shift = factories.StanceShiftFactory(earlier=earlier, later=later)
    publish(record=shift, by=publisher)
    check = factories.FactCheckFactory(
        statement=Statement.objects.get(pk=later.pk), reviewer=publisher
    )
    publish(record=check, by=publisher)
    endorsement = factories.EndorsementFactory(endorsed=speaker)
    factories.CitationFactory(statement=None, endorsement=endorsement, source=source)
    Correction.objects.create(
        record=check, what_changed="The date.", reason="It was wrong.", status=Status.PUBLISHED
    )
    edited = Person.objects.get(pk=speaker.pk)
    edited.description = "Edited after the first save <b>with markup</b>"
    edited.save()
    retract(record=Statement.objects.get(pk=earlier.pk), by=publisher, reason="Misquoted.")
    factories.StatementFactory(text="A draft \u2014 never public, still archived.")


def model_dump() -> dict:
    """Every archived row, as Django serializes it (content types and users by natural key)."""
    dump = {"auth.user": list(_user_records())}
    for model in archived_models():
        dump[model._meta.label_lower] = serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
    return dump


@empties_the_database
def test_an_export_restores_into_an_empty_database_identically(editor, publisher, tmp_path):
    build_story(editor, publisher)
    before = model_dump()
    assert before["claims.auditentry"] and before["claims.historicalstatement"]
    archive = tmp_path / "archive.jsonl.gz"
    call_command("export_archive", str(archive), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not Statement.objects.exists()
    output = StringIO()
    call_command("import_archive", str(archive), stdout=output)
    after = model_dump()
    # Accounts come back without passwords (date_joined and the rest as exported).
    assert after == before
    assert f"claims.statement: {len(before['claims.statement'])}" in output.getvalue()
    assert before["claims.seedkey"]
    assert "Imported" in output.getvalue()


@empties_the_database
def test_restored_ids_continue_from_the_highest(editor, publisher, tmp_path):
    """After an import new records get fresh ids (sequences are moved past the restored ones)."""
    build_story(editor, publisher)
    highest = Statement.objects.order_by("-pk").first().pk
    archive = tmp_path / "archive.jsonl"
    call_command("export_archive", str(archive), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_archive", str(archive), stdout=StringIO())
    assert factories.StatementFactory().pk > highest


@empties_the_database
def test_restored_accounts_have_no_usable_password(editor, publisher, tmp_path):
    archive = tmp_path / "archive.jsonl"
    call_command("export_archive", str(archive), stdout=StringIO())
    assert "pbkdf2" not in archive.read_text()
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_archive", str(archive), stdout=StringIO())
    from django.contrib.auth import get_user_model

    restored = get_user_model().objects.get(username="paula")
    assert not restored.has_usable_password()
    assert list(restored.groups.values_list("name", flat=True)) == ["Publisher"]


def one_line_error(*args) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_archive", *args)
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.fixture
def archive_of_story(editor, publisher, tmp_path):
    build_story(editor, publisher)
    archive = tmp_path / "archive.jsonl"
    call_command("export_archive", str(archive), stdout=StringIO())
    return archive


@pytest.mark.django_db
def test_a_database_with_records_is_refused_unchanged(archive_of_story):
    before = model_dump()
    assert "not empty" in one_line_error(str(archive_of_story))
    assert model_dump() == before


@pytest.mark.django_db
def test_force_replaces_what_is_there(archive_of_story, tmp_path):
    before = model_dump()
    factories.PersonFactory(name="Added after the export")
    Statement.objects.filter(status=Status.DRAFT).update(text="changed after the export")
    call_command("import_archive", str(archive_of_story), "--force", stdout=StringIO())
    assert model_dump() == before


def rewrite(archive, change):
    lines = [json.loads(line) for line in archive.read_text().splitlines()]
    archive.write_text("".join(json.dumps(line) + "\n" for line in change(lines)))


# The failures below run with --force over the story itself: the forced import first deletes
# every record, so a rollback that missed anything would show in the dump afterwards.


def test_a_newer_format_version_is_refused(archive_of_story):
    def bump(lines):
        lines[0]["format_version"] = FORMAT_VERSION + 1
        return lines

    before = model_dump()
    rewrite(archive_of_story, bump)
    message = one_line_error(str(archive_of_story), "--force")
    assert f"reads version {FORMAT_VERSION} only" in message
    assert model_dump() == before


def test_a_cut_off_archive_imports_nothing(archive_of_story):
    before = model_dump()
    rewrite(archive_of_story, lambda lines: lines[:-5])
    assert "cut off" in one_line_error(str(archive_of_story), "--force")
    assert model_dump() == before


def test_a_bad_record_late_in_the_archive_rolls_everything_back(archive_of_story):
    """The import is one transaction: a failure at the last record leaves nothing changed."""

    def break_last_audit_entry(lines):
        entries = [line for line in lines if line.get("model") == "claims.auditentry"]
        entries[-1]["fields"]["content_type"] = ["claims", "no-such-model"]
        return lines

    before = model_dump()
    rewrite(archive_of_story, break_last_audit_entry)
    assert "nothing was imported" in one_line_error(str(archive_of_story), "--force")
    assert model_dump() == before
    assert AuditEntry.objects.exists()


def test_a_stance_shift_breaking_the_database_rules_rolls_everything_back(archive_of_story):
    def swap_shift_statements(lines):
        shift = next(line for line in lines if line.get("model") == "claims.stanceshift")
        fields = shift["fields"]
        fields["earlier"], fields["later"] = fields["later"], fields["earlier"]
        return lines

    before = model_dump()
    rewrite(archive_of_story, swap_shift_statements)
    assert "refused" in one_line_error(str(archive_of_story), "--force")
    assert model_dump() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not a Claim Tracker archive"),
        (b"{not json\n", "not valid JSON"),
        (b'{"format": "something-else"}\n', "not a Claim Tracker archive"),
        (gzip.compress(b"x", mtime=0)[:5], "Cannot read"),
    ],
    # Fixed ids: pytest-xdist workers must collect the same names.
    ids=["empty", "not-json", "other-format", "cut-off-gzip"],
)
@pytest.mark.django_db
def test_unreadable_files_are_one_line_errors(tmp_path, content, expected):
    path = tmp_path / ("bad.jsonl.gz" if content.startswith(b"\x1f\x8b") else "bad.jsonl")
    path.write_bytes(content)
    assert expected in one_line_error(str(path))


@pytest.mark.django_db
def test_a_missing_file_is_a_one_line_error(tmp_path):
    assert "No such archive" in one_line_error(str(tmp_path / "missing.jsonl"))


def test_an_unwritable_export_path_is_a_one_line_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot write") as raised:
        call_command("export_archive", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert "\n" not in str(raised.value)
