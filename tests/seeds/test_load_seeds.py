"""Loading the seed article into an empty database gives the records it supports, once."""

import hashlib
import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from claims.models import (
    Citation,
    Endorsement,
    Position,
    Promise,
    PromiseRating,
    PromiseStatusChange,
    SeedKey,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from claims.seeding import default_seed_paths, load_seeds
from claims.stance_history import stance_history
from core.partial_dates import DatePrecision
from people.models import Organization, Person, Role
from sources.models import Snapshot, Source
from tests.seeds.conftest import ARTICLE_NAME, SEEDS, database_fingerprint

pytestmark = pytest.mark.django_db

ARTICLE_TITLE_START = "Zohran Mamdani attempts to make inroads with New York City police"


def article() -> Source:
    return Source.objects.get(title__startswith=ARTICLE_TITLE_START)


def test_it_loads_every_record_the_article_supports(seeded):
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Person,
            Organization,
            Role,
            Topic,
            Position,
            Source,
            Snapshot,
            Statement,
            Citation,
            Endorsement,
            StanceShift,
        )
    }
    assert counts == {
        "Person": 4,
        "Organization": 6,
        "Role": 4,
        "Topic": 2,
        "Position": 8,
        "Source": 3,
        "Snapshot": 1,
        "Statement": 8,
        "Citation": 12,
        "Endorsement": 2,
        "StanceShift": 1,
    }
    assert seeded.count("person", "created") == 4


def test_the_people_carry_the_aliases_and_roles_the_article_gives(seeded):
    mamdani = Person.objects.get(slug="zohran-mamdani")
    assert "Mamdani" in mamdani.alias_list
    assert Person.objects.search("Mamdani").get() == mamdani
    (nominee,) = mamdani.roles.all()
    assert nominee.title == "Democratic nominee for Mayor of New York City"
    (chief,) = Role.objects.filter(person__slug="rodney-harrison")
    assert (chief.title, chief.organization.slug, str(chief.end)) == (
        "Chief of Department",
        "nypd",
        "2021",
    )
    (president,) = Role.objects.filter(person__slug="karam-chowdhury")
    assert president.organization.name == "Jamaica Integrated Bangladeshi Officers Network"


def test_the_organizations_have_their_kinds(seeded):
    kinds = dict(Organization.objects.values_list("slug", "kind"))
    assert kinds == {
        "nypd": "police",
        "jamaica-integrated-bangladeshi-officers-network": "other",
        "the-new-york-times": "news",
        "cnn": "news",
        "siena": "pollster",
        "columbia-university": "university",
    }


def test_chowdhurys_statement_is_his_characterization_of_mamdani(seeded):
    statement = Statement.objects.get(text__contains="reforming, not defunding")
    assert statement.speaker.slug == "karam-chowdhury"
    assert statement.subject.slug == "zohran-mamdani"
    assert statement.kind == Statement.Kind.CHARACTERIZATION
    assert statement.speaker_organization.slug == "jamaica-integrated-bangladeshi-officers-network"
    assert statement.position.slug == "reform-without-cutting-funding"


def test_the_2020_defund_call_is_dated_to_the_year_and_no_more(seeded):
    statement = Statement.objects.get(position__slug="defund-the-police")
    assert statement.said_on.precision == DatePrecision.YEAR
    assert str(statement.said_on) == "2020"
    assert statement.kind == Statement.Kind.PARAPHRASE
    assert statement.speaker == statement.subject


def test_no_statement_claims_more_precision_than_the_year(seeded):
    assert {statement.said_on.precision for statement in Statement.objects.all()} == {
        DatePrecision.YEAR
    }
    assert {str(s.said_on) for s in Statement.objects.all()} == {"2020", "2025"}


def test_the_unnamed_officers_are_a_label_not_a_person(seeded):
    statement = Statement.objects.get(venue="Zoom call with officers")
    assert statement.speaker is None
    assert statement.speaker_label == "Officers on a Zoom call with Mamdani"
    assert statement.speaker_display == "Officers on a Zoom call with Mamdani"
    assert statement.subject.slug == "zohran-mamdani"


def test_the_quotes_name_the_outlet_or_venue(seeded):
    venues = dict(
        Statement.objects.filter(kind=Statement.Kind.QUOTE).values_list("speaker__slug", "venue")
    )
    assert venues == {
        "shamsul-haque": "Interview with CNN",
        "rodney-harrison": "Interview with The New York Times",
        "zohran-mamdani": "Event at Columbia University",
    }


def test_the_article_reports_through_the_outlets_it_names(seeded):
    assert article().via.publisher.slug == "the-new-york-times"
    haque = Statement.objects.get(speaker__slug="shamsul-haque", kind=Statement.Kind.QUOTE)
    assert {
        c.source.publisher.slug if c.source.publisher else None for c in haque.citations.all()
    } == {
        None,
        "cnn",
    }


def test_every_citation_excerpt_is_found_in_the_snapshot_text(seeded):
    snapshot = article().latest_snapshot
    for citation in Citation.objects.all():
        assert citation.excerpt in snapshot.text, citation
        if citation.source == snapshot.source:
            assert citation.verification == Citation.Verification.FOUND
            assert citation.snapshot == snapshot
            assert snapshot.text[citation.found_at :].startswith(citation.excerpt)
        else:
            assert citation.verification == Citation.Verification.NO_SNAPSHOT


def test_the_snapshot_keeps_the_article_text_and_the_sha256_of_its_bytes(seeded):
    raw = (SEEDS / ARTICLE_NAME).read_bytes()
    snapshot = article().latest_snapshot
    assert snapshot.sha256 == hashlib.sha256(raw).hexdigest()
    assert snapshot.text == raw.decode("utf-8")
    assert snapshot.size == len(raw)


def test_the_endorsements_back_mamdani_with_citations(seeded):
    endorsers = {
        str(endorsement.endorser): endorsement.citations.count()
        for endorsement in Endorsement.objects.filter(endorsed__slug="zohran-mamdani")
    }
    assert endorsers == {"Jamaica Integrated Bangladeshi Officers Network": 1, "Rodney Harrison": 1}


def test_every_editorial_record_is_published(seeded):
    for model in (Statement, Endorsement, StanceShift, Promise, PromiseStatusChange):
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
        assert not model.objects.filter(published_at__isnull=True).exists()


def test_mamdanis_police_funding_history_runs_from_2020_to_2025_with_the_shift(seeded):
    """The selector anonymous readers get: the 2020 point, then the 2025 one, the shift between."""
    mamdani = Person.objects.get(slug="zohran-mamdani")
    history = stance_history(person=mamdani, topic=Topic.objects.get(slug="police-funding"))
    assert [(str(p.said_on), p.position.slug) for p in history.points] == [
        ("2020", "defund-the-police"),
        ("2025", "reform-without-cutting-funding"),
    ]
    (shift,) = history.shifts
    assert (shift.earlier, shift.later) == tuple(history.points)
    assert shift.rating == StanceShift.Rating.HALF_FLIP
    assert "reforming, not defunding" in shift.analysis
    assert [run.summary for run in history.runs] == [
        "2020: Defund the police, 1 paraphrase",
        "2025: Reform the police without cutting funding, 1 characterization by Karam Chowdhury",
    ]
    assert [step.shift for step in history.runs[1].shifts] == [shift]


def test_the_community_safety_promise_is_not_yet_rated_as_of_the_article(seeded):
    """The article's one pledge: Mamdani's Department of Community Safety, cited to its
    paragraph and to the statement that reports it, published, Not yet rated in 2025."""
    (promise,) = Promise.objects.with_current_status()
    assert promise.person.slug == "zohran-mamdani"
    assert "Department of Community Safety" in promise.wording
    assert (str(promise.promised_on), promise.deadline) == ("2025", None)
    assert promise.topic.slug == "mental-health-crisis-response"
    assert promise.status == Status.PUBLISHED
    (citation,) = promise.citations.all()
    assert citation.locator == "paragraph 3"
    assert citation.source == article()
    assert citation.excerpt in article().snapshots.get().text
    assert citation.statement.text.startswith("Plans to create a Department of Community Safety")
    (change,) = promise.changes.all()
    assert (change.rating.name, str(change.changed_on), change.status) == (
        "Not yet rated",
        "2025",
        Status.PUBLISHED,
    )
    assert change.citations.get().locator == "paragraph 3"
    assert promise.current_rating_id == change.rating_id
    assert list(PromiseRating.objects.values_list("name", flat=True)) == [
        "Not yet rated",
        "In the works",
        "Stalled",
        "Compromise",
        "Kept",
        "Broken",
    ]


def test_a_second_load_changes_nothing(seeded):
    """Same rows, same values (updated_at and version included), no new history, no new keys."""
    before = database_fingerprint()
    summary = load_seeds(paths=default_seed_paths())
    assert database_fingerprint() == before
    assert not summary.changed_anything
    assert summary.count("statement", "unchanged") == 8
    # Roles, sources, statements, endorsements, citations, the shift; the promise, its
    # status change and their two citations (scales and statuses are found by slug).
    assert SeedKey.objects.count() == 4 + 3 + 8 + 2 + 12 + 1 + 1 + 1 + 2


def test_an_edited_seed_file_updates_the_record_it_names(seeded, seeds_copy):
    statement = Statement.objects.get(venue="Event at Columbia University")
    seeds_copy.write_text(
        seeds_copy.read_text(encoding="utf-8").replace(
            "venue: Event at Columbia University", "venue: An event at Columbia University"
        ),
        encoding="utf-8",
    )
    summary = load_seeds(paths=[seeds_copy])
    assert summary.count("statement", "updated") == 1
    assert summary.count("statement", "unchanged") == 7
    assert summary.count("citation", "updated") == 0
    statement.refresh_from_db()
    assert statement.venue == "An event at Columbia University"
    assert statement.status == Status.PUBLISHED
    assert statement.history.latest().history_change_reason.startswith("Loaded from seed file")
    assert Statement.objects.count() == 8


def test_a_changed_article_text_gets_a_new_snapshot_and_the_citations_follow(seeded, seeds_copy):
    """The earlier copy stays, showing the text changed; citations are checked against the new."""
    first = article().latest_snapshot
    text_file = seeds_copy.with_suffix(".txt")
    changed = b"A line added at the top.\n" + text_file.read_bytes()
    text_file.write_bytes(changed)
    summary = load_seeds(paths=[seeds_copy])
    assert summary.count("snapshot", "created") == 1
    # All twelve: each excerpt moved one paragraph down (the locator), ten also to a new copy.
    assert summary.count("citation", "updated") == 12
    latest = article().latest_snapshot
    assert latest != first
    assert latest.sha256 == hashlib.sha256(changed).hexdigest()
    assert article().snapshots.count() == 2
    for citation in Citation.objects.filter(source=article()):
        assert citation.snapshot == latest
        assert latest.text[citation.found_at :].startswith(citation.excerpt)
        assert citation.locator.startswith("paragraph ")
    cnn = Citation.objects.get(source__publisher__slug="cnn")
    assert cnn.locator == "quoted in paragraph 7 of the article reporting it"


def test_the_command_prints_progress_and_a_summary(db):
    out = StringIO()
    call_command("load_seeds", stdout=out)
    output = out.getvalue()
    assert "Checked seeds/000_fe52a92415617daa.yaml" in output
    assert "created 4 people, updated 0, unchanged 0" in output
    out = StringIO()
    call_command("load_seeds", str(SEEDS), stdout=out)
    assert "Seeds loaded (already up to date)" in out.getvalue()
    assert "created 0 people, updated 0, unchanged 4" in out.getvalue()


def test_a_json_seed_file_loads_the_same_records(db, seeds_copy):
    """JSON is read as YAML reads it: the same records from the same content."""
    json_file = seeds_copy.with_suffix(".json")
    json_file.write_text(json.dumps(yaml.safe_load(seeds_copy.read_text(encoding="utf-8"))))
    seeds_copy.unlink()
    summary = load_seeds(paths=[json_file.parent])
    assert summary.count("statement", "created") == 8
    assert summary.count("citation", "created") == 12


def test_the_history_names_the_user_who_loaded_the_seeds(db, publisher):
    load_seeds(paths=default_seed_paths(), by=publisher)
    entry = Statement.objects.get(position__slug="defund-the-police").history.get()
    assert entry.history_user == publisher
    assert entry.history_change_reason == "Loaded from seed file 000_fe52a92415617daa.yaml"
