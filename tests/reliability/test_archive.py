"""export_archive and import_archive: a complete, versioned round trip, all or nothing."""

import gzip
import json
import os
import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import Client
from rest_framework.authtoken.models import Token

from bench.dataset import generate
from claims.archive import FORMAT_VERSION, _user_records, archived_models
from claims.matching.candidates import fingerprint
from claims.matching.services import confirm_same_claim
from claims.models import AuditEntry, Correction, FactCheck, Statement, Status
from claims.services import publish, retract, submit_for_review
from core.history import restore_version
from core.partial_dates import PartialDate
from people.models import Person
from tests import factories

# Real commits where a test empties the database with flush, as a restore onto a new server
# starts (PostgreSQL refuses TRUNCATE inside the test's transaction).
empties_the_database = pytest.mark.django_db(transaction=True)


def build_story(editor, publisher):
    """The seed article's records, generated records of every kind, then edits, transitions,
    a restore of an earlier version and a retraction."""
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
    published_later = Statement.objects.get(pk=later.pk)
    as_published = published_later.history.latest().history_id
    published_later.venue = "A venue corrected, then put back"
    published_later.save()
    restore_version(record=published_later, history_id=as_published, by=publisher)
    retract(record=Statement.objects.get(pk=earlier.pk), by=publisher, reason="Misquoted.")
    factories.StatementFactory(text="A draft \u2014 never public, still archived.")
    # Promises beside the seed's: a change published, then retracted; a draft change.
    promise = factories.PublishedPromiseFactory(person=speaker, deadline=PartialDate(2027))
    change = factories.PromiseStatusChangeFactory(promise=promise)
    publish(record=change, by=publisher)
    retract(record=change, by=publisher, reason="The budget line was misread.")
    factories.PromiseStatusChangeFactory(promise=promise, analysis="Draft \u2014 archived.")


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


API = "http://testserver/api/v1/"


def api_links(value) -> Iterator[str]:
    """Every API address a JSON body names, at any depth."""
    if isinstance(value, dict):
        for item in value.values():
            yield from api_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from api_links(item)
    elif isinstance(value, str) and value.startswith(API):
        yield value.removeprefix("http://testserver")


def address_pattern(template: str) -> str:
    """A schema path ("/api/v1/people/{slug}/") as a pattern of the addresses it stands for."""
    return "[^/]+".join(map(re.escape, re.split(r"\{\w+\}", template))) + r"(\?.*)?"


def api_answers(client, **headers) -> dict[str, tuple]:
    """Every GET answer of the API, by address: status, every header, body.

    Starts from the GET paths of the OpenAPI schema that take no parameter (the lists, the
    ClaimReview feed) and follows every API address the answers name (next and previous
    pages, details, stance summaries and histories, each fact-check's ClaimReview, the Link
    header), so an endpoint added later is covered. Fails if a GET path of the schema was
    never reached. No header is left out: none carries the time of the request.
    """
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    templates = [path for path, operations in schema["paths"].items() if "get" in operations]
    waiting = [path for path in templates if "{" not in path]
    answers: dict[str, tuple] = {}
    while waiting:
        url = waiting.pop()
        if url in answers:
            continue
        response = client.get(url, **headers)
        body = response.content.decode()
        answers[url] = (response.status_code, dict(response.items()), body)
        if response.status_code == 200:
            links = set(api_links(json.loads(body)))
            links.update(
                re.findall(r"<http://testserver(/api/v1/[^>]*)>", response.get("Link", ""))
            )
            waiting.extend(links - answers.keys())
    unreached = [
        template
        for template in templates
        if not any(re.fullmatch(address_pattern(template), url) for url in answers)
    ]
    assert unreached == [], "no answer links to these GET paths of the schema"
    return answers


# ETag and Last-Modified name the content revision (core/revisions.py), which an import
# moves on purpose: a cache must ask again after the database was rewritten. They must be
# there on both sides; their values differ.
VALIDATORS = {"ETag", "Last-Modified"}


def differences(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    """What differs between two sets of answers, one short line each."""
    found = [f"{url}: gone" for url in sorted(before.keys() - after.keys())]
    found += [f"{url}: new" for url in sorted(after.keys() - before.keys())]
    for url in sorted(before.keys() & after.keys()):
        (status, headers, body), (new_status, new_headers, new_body) = before[url], after[url]
        if status != new_status:
            found.append(f"{url}: status {status} -> {new_status}")
        for name in sorted(headers.keys() | new_headers.keys()):
            if name in VALIDATORS:
                if (name in headers) != (name in new_headers):
                    found.append(f"{url}: {name} only on one side")
                continue
            if headers.get(name) != new_headers.get(name):
                found.append(f"{url}: {name} {headers.get(name)!r} -> {new_headers.get(name)!r}")
        if body != new_body:
            at = len(os.path.commonprefix([body, new_body]))
            found.append(
                f"{url}: body ...{body[at - 40 : at + 40]!r} -> ...{new_body[at - 40 : at + 40]!r}"
            )
    return found


def edit_generated_records(publisher) -> None:
    """Transitions and edits on bulk-written records, which start without history."""
    waiting = Statement.objects.filter(status=Status.IN_REVIEW).order_by("-pk")
    published = publish(record=waiting.first(), by=publisher)
    as_published = published.history.latest().history_id
    published.text = "An edit that a restore takes back."
    published.save()
    restore_version(record=published, history_id=as_published, by=publisher)
    public = Statement.objects.filter(status=Status.PUBLISHED).order_by("-pk")
    retract(record=public[1], by=publisher, reason="The source was withdrawn.")
    check = FactCheck.objects.filter(status=Status.PUBLISHED).order_by("pk").last()
    check.analysis = "Edited after publication."
    check.save()
    Correction.objects.create(
        record=check,
        what_changed="The analysis.",
        reason="A figure was wrong.",
        status=Status.PUBLISHED,
    )
    # Two public statements make one claim, published: its page and each statement's repeats.
    first, second = Statement.objects.filter(status=Status.PUBLISHED).order_by("pk")[:2]
    claim = confirm_same_claim(statement=second, other=first, by=publisher)
    publish(record=claim, by=publisher)


def token_header(username: str) -> dict[str, str]:
    user = get_user_model().objects.get(username=username)
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


@empties_the_database
def test_every_api_answer_is_the_same_after_a_round_trip(editor, publisher, tmp_path, settings):
    """Seeds, generated records and edits; every GET, anonymous and staff, before and after."""
    settings.API_ANON_RATE = ""  # some 400 reads from one address, faster than the throttle lets
    build_story(editor, publisher)
    # Enough statements for the lists of statements and citations to have two pages.
    generate(statements=50, seed=2, report=lambda line: None)
    edit_generated_records(publisher)
    before = {
        "public": api_answers(Client()),
        "staff": api_answers(Client(), **token_header(publisher.username)),
    }
    draft = f"/api/v1/statements/{Statement.objects.filter(status=Status.DRAFT).first().pk}/"
    assert draft in before["staff"]
    assert draft not in before["public"]
    for listed in ("statements", "citations"):
        assert f"/api/v1/{listed}/?cursor=" in "".join(before["public"])

    archive = tmp_path / "archive.jsonl.gz"
    call_command("export_archive", str(archive), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_archive", str(archive), stdout=StringIO())
    # Tokens are not archived: the restored account is given a new one.
    after = {
        "public": api_answers(Client()),
        "staff": api_answers(Client(), **token_header(publisher.username)),
    }

    for audience in ("public", "staff"):
        changed = differences(before[audience], after[audience])
        assert not changed, "\n".join([f"{len(changed)} {audience} differences:", *changed[:10]])


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


def test_an_archive_without_fingerprints_restores_them(archive_of_story):
    """An archive written before statements had fingerprints: each is computed from the text."""

    def drop_fingerprints(lines):
        for line in lines:
            line.get("fields", {}).pop("fingerprint", None)
        return lines

    rewrite(archive_of_story, drop_fingerprints)
    call_command("import_archive", str(archive_of_story), "--force", stdout=StringIO())
    statements = Statement.objects.all()
    assert statements
    assert all(statement.fingerprint == fingerprint(statement.text) for statement in statements)
    assert all(statement.fingerprint for statement in statements)


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


@pytest.mark.django_db
def test_an_export_cut_off_midway_leaves_the_last_good_archive_as_it_was(
    editor, publisher, tmp_path, monkeypatch
):
    """Nightly exports to one path: a run that fails (the database lost, the disk full,
    Ctrl-C) leaves yesterday's archive whole, not a truncated file in its place."""
    build_story(editor, publisher)
    nightly = tmp_path / "nightly.jsonl.gz"
    call_command("export_archive", str(nightly), stdout=StringIO())
    last_good = nightly.read_bytes()
    factories.PersonFactory(name="Added the next day")

    def database_lost_after_the_first_model():
        yield archived_models()[0]
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("claims.archive.archived_models", database_lost_after_the_first_model)
    with pytest.raises(OperationalError):
        call_command("export_archive", str(nightly), stdout=StringIO())

    assert nightly.read_bytes() == last_good
    assert [path.name for path in tmp_path.iterdir()] == ["nightly.jsonl.gz"]


def test_an_unwritable_export_path_is_a_one_line_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot write") as raised:
        call_command("export_archive", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert "\n" not in str(raised.value)
