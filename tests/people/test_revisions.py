"""The content revision (core/revisions.py): it moves once per committed change, only then,
and on every write path, including those that bypass model signals."""

import pytest
from django.db import transaction

from core import revisions
from people.models import Person
from tests import factories


def number() -> int:
    return revisions.current().number


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_moves_the_revision_once_however_many_rows_it_wrote():
    before = number()
    with transaction.atomic():
        for index in range(20):
            Person.objects.create(name=f"Person {index}", slug=f"person-{index}")
        assert number() == before  # not yet: readers elsewhere still see the old content
        # This connection sees its own writes (each save writes a history row too).
        assert revisions.current().pending >= 20
    assert number() == before + 1
    assert revisions.current().pending == 0


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_revision_alone():
    before = number()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.create(name="Gone", slug="gone")
        raise RuntimeError
    assert number() == before
    assert revisions.current().pending == 0


@pytest.mark.django_db(transaction=True)
def test_every_save_outside_a_transaction_moves_it():
    before = number()
    person = Person.objects.create(name="Someone", slug="someone")
    created = number()
    assert created > before
    person.name = "Someone Else"
    person.save()
    saved = number()
    assert saved > created
    person.delete()
    assert number() > saved


@pytest.mark.django_db(transaction=True)
def test_records_of_other_apps_do_not_move_it():
    before = number()
    factories.UserFactory(username="not-content")
    assert number() == before


@pytest.mark.django_db(transaction=True)
def test_many_to_many_changes_move_it():
    source = factories.SourceFactory()
    author = factories.PersonFactory()
    before = number()
    source.authors.add(author)
    assert number() > before


@pytest.mark.django_db(transaction=True)
def test_writes_that_bypass_signals_move_it(tmp_path):
    """queryset.update() sends no signal: the places that use it say so themselves."""
    from claims.verification import verify_citation
    from sources.archive import _record_state
    from sources.models import Source

    citation = factories.CitationFactory()
    before = number()
    Source.objects.mark_changes_reviewed()
    assert number() == before + 1
    _record_state(citation.source, archive_problem="unreachable")
    assert number() == before + 2
    verify_citation(citation)
    assert number() == before + 3


def test_the_etag_digest_depends_on_what_the_response_depends_on(rf, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    now = _now()
    revision = revisions.Revision(number=7, changed_at=now, public_number=3, public_changed_at=now)

    def digest(path="/api/v1/statements/", audience="public", **headers):
        return revisions.digest(rf.get(path, **headers), audience=audience, revision=revision)

    assert digest() == digest()
    assert digest() != digest(audience="staff")  # the staff count, 7, not the public 3
    assert digest() != digest("/api/v1/statements/?kind=quote")
    assert digest() != digest(HTTP_ACCEPT="text/html")
    assert digest() != digest(HTTP_HOST="other.example")
    later = revisions.Revision(number=7, changed_at=now, public_number=4, public_changed_at=now)
    assert digest() != revisions.digest(
        rf.get("/api/v1/statements/"), audience="public", revision=later
    )


def _now():
    from django.utils import timezone

    return timezone.now()


@pytest.mark.django_db(transaction=True)
def test_drafts_move_only_the_staff_revision_and_publishing_moves_the_public_one(publisher):
    from claims.services import publish, submit_for_review

    person, source = factories.PersonFactory(), factories.SourceFactory()  # public records
    before = revisions.current()
    draft = factories.StatementFactory(text="Only staff see this.", speaker=person, subject=person)
    factories.CitationFactory(statement=draft, source=source)
    draft.text = "Still only staff."
    draft.save()
    drafted = revisions.current()
    assert drafted.number > before.number
    assert drafted.public_number == before.public_number

    submit_for_review(record=draft, by=publisher)
    assert revisions.current().public_number == before.public_number
    publish(record=draft, by=publisher)
    published = revisions.current()
    assert published.public_number > before.public_number

    factories.CitationFactory(statement=draft, source=source)  # cites a public statement
    assert revisions.current().public_number > published.public_number


def test_a_recent_reading_keys_only_reads_of_the_database_it_was_read_from(settings, monkeypatch):
    """Behind a lagging replica, the primary's newer revision must not key what a replica
    read renders (old content cached and tagged as new, until the next change), nor the
    other way round: anonymous reads reuse a reading only where it was read."""
    from config import replicas

    settings.CONTENT_REVISION_TTL = 60
    settings.DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]
    now = _now()
    primary = revisions.Revision(number=8, changed_at=now, public_number=5, public_changed_at=now)
    lagging = revisions.Revision(number=7, changed_at=now, public_number=4, public_changed_at=now)
    stored = {"default": primary, "replica1": lagging}
    monkeypatch.setattr(revisions, "_last_read", {})
    monkeypatch.setattr(
        revisions, "current", lambda: stored[replicas.ReplicaRouter().db_for_read(None)]
    )

    # A reader with the read-your-writes cookie (or while the replica was down) read the primary.
    assert revisions.recent() == primary
    token = replicas._read_alias.set("replica1")
    try:
        assert revisions.recent() == lagging
    finally:
        replicas._read_alias.reset(token)
    assert revisions.recent() == primary
