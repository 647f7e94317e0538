"""Reads that span several models (a person's stance summary; the stance history has its own
module, claims.stance_history), and the statement search, which runs queries to decide how
to read.

Every function here runs a fixed number of queries, whatever the number of
statements, and shows anonymous readers only what is public.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery

from claims.comparison import recently_placed
from claims.models import (
    PUBLIC_STATUSES,
    Citation,
    Correction,
    EditorialRecord,
    Endorsement,
    FactCheck,
    Position,
    StanceShift,
    Statement,
    StatementQuerySet,
    StatementSearchDocument,
    Status,
    Topic,
)
from claims.source_corrections import attach_source_corrections
from core.full_text import bounded_search, fts5_matches, uses_postgresql
from core.partial_dates import PartialDate  # noqa: F401 - used in annotations
from core.visibility import is_staff
from people.models import Person, Role
from sources.models import Passage, Snapshot, Source

# A search names at most this many people: their statements join the text's matches.
MOST_PEOPLE_NAMED = 100


@dataclass
class TopicStance:
    """One line of a person's stance summary."""

    topic: Topic
    latest_position: Position | None
    statement_count: int
    first_said: PartialDate | None
    last_said: PartialDate | None


def stance_summary(*, person: Person, user=None) -> list[TopicStance]:
    """Per topic: the latest position, the number of statements and their date range.

    Queries: topics with aggregates (one), their latest positions (one).
    """
    visible = Q() if is_staff(user) else Q(statements__status__in=PUBLIC_STATUSES)
    mine = Q(statements__subject=person) & visible
    latest_position = (
        Statement.objects.placing(user)
        .filter(subject=person, topic=OuterRef("pk"))
        .order_by("-said_on", "-pk")
        .values("position_id")[:1]
    )
    topics = list(
        Topic.objects.filter(mine)
        .annotate(
            statement_count=Count("statements", filter=mine, distinct=True),
            first_said=Min("statements__said_on", filter=mine),
            last_said=Max("statements__said_on", filter=mine),
            latest_position_id=Subquery(latest_position),
        )
        .order_by("-last_said", "name")
        .distinct()
    )
    positions = Position.objects.in_bulk({t.latest_position_id for t in topics} - {None})
    return [
        TopicStance(
            topic=topic,
            latest_position=positions.get(topic.latest_position_id),
            statement_count=topic.statement_count,
            first_said=topic.first_said,
            last_said=topic.last_said,
        )
        for topic in topics
    ]


# Reader pages. Each selector below reads only what is public (published or retracted),
# whoever asks: the reader pages show everyone exactly what the public sees.


def _public_statements():
    return Statement.objects.published()


@dataclass
class RecentActivity:
    """The newest public statements, fact-checks and stance shifts."""

    statements: list[Statement]
    fact_checks: list[FactCheck]
    shifts: list[StanceShift]


def recent_activity(*, limit: int = 10) -> RecentActivity:
    """What was published most recently, newest first, for the home page and the feed.

    Queries: statements (with people, topic, position), fact-checks (with statement, its
    speaker, organization and subject, and rating), shifts (with subject, topic and both statements): three.
    """
    newest_first = (F("published_at").desc(nulls_last=True), "-pk")
    statements = _public_statements().for_listing().order_by(*newest_first)[:limit]
    fact_checks = (
        FactCheck.objects.public()
        .select_related(
            "statement__speaker",
            "statement__speaker_organization",
            "statement__subject",
            "rating",
        )
        .order_by(*newest_first)[:limit]
    )
    shifts = (
        _public_shifts()
        .select_related("subject", "topic", "earlier", "later")
        .order_by(*newest_first)[:limit]
    )
    return RecentActivity(
        statements=list(statements), fact_checks=list(fact_checks), shifts=list(shifts)
    )


def _public_shifts():
    """Public shifts whose two statements are public too (a shift never reveals a draft)."""
    return StanceShift.objects.public()


@dataclass
class PersonProfile:
    """What the person page shows besides promises and the scorecard (claims.scorecard, which
    lists the newest fact-checks it counts)."""

    person: Person
    roles: list[Role]
    stances: list[TopicStance]
    endorsements_given: list[Endorsement]
    endorsements_received: list[Endorsement]


def person_profile(*, person: Person) -> PersonProfile:
    """A person's roles, latest stance per topic and endorsements.

    Queries: roles with organizations (one), stance summary (two), endorsements given
    (one), endorsements received (one): five, whatever the size.
    """
    roles = person.roles.select_related("organization").order_by("-start", "title")
    given = (
        Endorsement.objects.published()
        .filter(endorser_person=person)
        .select_related("endorsed")
        .order_by(F("endorsed_on").desc(nulls_last=True), "-pk")
    )
    received = (
        Endorsement.objects.published()
        .filter(endorsed=person)
        .select_related("endorser_person", "endorser_organization")
        .order_by(F("endorsed_on").desc(nulls_last=True), "-pk")
    )
    return PersonProfile(
        person=person,
        roles=list(roles),
        stances=stance_summary(person=person),
        endorsements_given=list(given),
        endorsements_received=list(received),
    )


@dataclass
class StatementRecord:
    """A public statement with everything its page shows."""

    statement: Statement
    fact_checks: list[FactCheck]
    shifts: list[StanceShift]
    corrections: list[Correction]


def statement_record(*, pk: int, include_drafts: bool = False) -> StatementRecord:
    """A public statement with its citations, fact-checks, shifts and corrections.

    Raises Statement.DoesNotExist for unknown and non-public statements. `include_drafts`
    is for the staff preview only (claims.views.statement_preview): the statement may be
    a draft; what surrounds it is still only what is public.
    Each cited source gets its `corrections` (claims.source_corrections).
    Queries: statement, citations, fact-checks, shifts, corrections, the cited sources'
    corrections (+1 when there are any; +1 the first time the content type is looked up).
    """
    statements = Statement.objects.all() if include_drafts else _public_statements()
    statement = statements.for_listing().with_citations().get(pk=pk)
    attach_source_corrections(citation.source for citation in statement.citations.all())
    fact_checks = (
        FactCheck.objects.published()
        .filter(statement=statement)
        .select_related("rating")
        .order_by("-reviewed_on", "-pk")
    )
    shifts = (
        _public_shifts()
        .filter(Q(earlier=statement) | Q(later=statement))
        .select_related("subject", "topic", "earlier", "later")
        .order_by("-pk")
    )
    return StatementRecord(
        statement=statement,
        fact_checks=list(fact_checks),
        shifts=list(shifts),
        corrections=public_corrections(statement),
    )


def public_corrections(record) -> list[Correction]:
    """The public corrections of one record, newest first."""
    return list(
        Correction.objects.published()
        .filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )


def public_fact_check(*, pk: int, include_drafts: bool = False) -> FactCheck:
    """A public fact-check of a public statement; raises FactCheck.DoesNotExist otherwise.
    `include_drafts` is for the staff preview only (claims.views.factcheck_preview)."""
    checks = FactCheck.objects.all() if include_drafts else FactCheck.objects.public()
    return (
        checks.select_related(
            "statement__speaker",
            "statement__speaker_organization",
            "statement__subject",
            "rating__scale",
            "reviewer",
        )
        .prefetch_related(
            Prefetch(
                "statement__citations",
                queryset=Citation.objects.select_related("source__publisher").order_by("pk"),
            )
        )
        .get(pk=pk)
    )


@dataclass
class SourceRecord:
    """A source with its snapshots and the public statements that cite it."""

    source: Source
    snapshots: list[Snapshot]
    citations: list[Citation]

    @property
    def cited_snapshot_ids(self) -> set[int]:
        """The copies public citations were checked against: readers may open those."""
        return {citation.snapshot_id for citation in self.citations if citation.snapshot_id}


def source_record(*, pk: int) -> SourceRecord:
    """A source, its archived copies and its citations by public statements.

    Raises Source.DoesNotExist for unknown sources and those known only from drafts.
    Queries: source (with publisher and via), authors, snapshots, citations with their
    statements, the statements' positions and organizations, the source's corrections
    (claims.source_corrections): seven, whatever the number (+1 when it was corrected).
    """
    source = (
        Source.objects.public()
        .select_related("publisher", "via__publisher")
        .prefetch_related("authors")
        .get(pk=pk)
    )
    citations = (
        Citation.objects.filter(source=source, statement__status__in=PUBLIC_STATUSES)
        .select_related("statement__speaker", "statement__subject", "statement__topic")
        # Read by each listed statement (its position; its speaker when an organization).
        .prefetch_related("statement__position", "statement__speaker_organization")
        .order_by(F("statement__said_on").desc(), "pk")
    )
    attach_source_corrections([source])
    return SourceRecord(
        source=source, snapshots=list(source.snapshots.described()), citations=list(citations)
    )


# The topic page lists at most this many people under its positions, the most recently placed.
MOST_HOLDERS = 60


@dataclass
class PositionHolders:
    """One position on a topic and the people whose latest public statement takes it."""

    position: Position
    holders: list[Person]


@dataclass
class TopicOverview:
    """A topic's positions, who holds which now, and its latest public statements."""

    topic: Topic
    positions: list[PositionHolders]
    statements: list[Statement]


def topic_overview(*, topic: Topic, limit: int = 20) -> TopicOverview:
    """Per position (highest axis value first), the people holding it, most recently said first:
    the MOST_HOLDERS people most recently placed on the topic (claims.comparison
    .recently_placed), so the page costs the same however many people have spoken on it.

    Queries: positions, people with their latest position, latest statements: three.
    """
    latest_position = (
        Statement.objects.placing()
        .filter(subject=OuterRef("pk"), topic=topic)
        .order_by("-said_on", "-pk")
        .values("position_id")[:1]
    )
    people = recently_placed(topic=topic).annotate(latest_position_id=Subquery(latest_position))[
        :MOST_HOLDERS
    ]
    holders: dict[int, list[Person]] = {}
    for person in people:
        holders.setdefault(person.latest_position_id, []).append(person)
    positions = topic.positions.order_by("-axis_value")
    statements = (
        _public_statements().filter(topic=topic).for_listing().order_by("-said_on", "-pk")[:limit]
    )
    return TopicOverview(
        topic=topic,
        positions=[
            PositionHolders(position=position, holders=holders.get(position.pk, []))
            for position in positions
        ],
        statements=list(statements),
    )


def search_statements(text: str, queryset: StatementQuerySet | None = None) -> StatementQuerySet:
    """The statements of `queryset` (all by default) whose text or venue matches the words of
    the text, or whose speaker or subject the text names.

    Full-text search on both databases: on PostgreSQL the stored document and its GIN index
    (claims.0009), bounded (core.full_text.bounded_search, which runs its queries now, with
    the people a name matches in the same bounded step); on SQLite the FTS5 tables
    claims_statement_fts and people_person_fts.
    """
    queryset = Statement.objects.all() if queryset is None else queryset
    text = text.strip()
    if not text:
        return queryset.none()
    people = Person.objects.using(queryset.db).search(text)
    if uses_postgresql(queryset):
        # Resolved first, so the statement query stays a BitmapOr of index scans.
        people_ids = list(people.values_list("pk", flat=True)[:MOST_PEOPLE_NAMED])
        named = Q(speaker_id__in=people_ids) | Q(subject_id__in=people_ids) if people_ids else None
        document = StatementSearchDocument()
        matches = bounded_search(queryset, document, text, config="english", also=named)
        return queryset.alias(search_document=document).filter(matches)
    found = fts5_matches("claims_statement_fts", text)
    people_ids = people.values("pk")
    condition = Q(speaker_id__in=people_ids) | Q(subject_id__in=people_ids)
    if found is not None:
        condition |= Q(pk__in=found)
    return queryset.filter(condition)


@dataclass
class CitedPassage:
    """A citation of an archived copy, and the words it cites there with their context."""

    citation: Citation
    passage: Passage


@dataclass
class SnapshotRecord:
    """An archived copy, the passages public citations take from it, and (for staff) its text."""

    snapshot: Snapshot
    passages: list[CitedPassage]
    whole_text: str | None


def snapshot_record(*, pk: int, user=None) -> SnapshotRecord:
    """An archived copy that a citation was checked against, with the cited passages.

    Readers see a copy only when a public statement's or endorsement's citation was checked
    against it, and only the passages cited, with their context; staff see every citation's
    passage and the whole text. Raises Snapshot.DoesNotExist otherwise.
    Queries: the copy with its source; the citations with their records.
    """
    staff = is_staff(user)
    snapshot = Snapshot.objects.select_related("source__publisher").get(pk=pk)
    citations = (
        Citation.objects.visible_to(user)
        .filter(snapshot=snapshot)
        .select_related(
            "statement__speaker",
            "statement__speaker_organization",
            "statement__subject",
            "endorsement",
        )
    )
    citations = list(citations.order_by("found_at", "pk"))
    if not staff and not citations:
        raise Snapshot.DoesNotExist("No public citation was checked against this copy.")
    passages = []
    for citation in citations:
        words = list(citation.words_to_verify().values())
        if citation.found_at is not None and words:
            passage = snapshot.passage(start=citation.found_at, words=words[0])
            passages.append(CitedPassage(citation=citation, passage=passage))
    return SnapshotRecord(
        snapshot=snapshot, passages=passages, whole_text=snapshot.text if staff else None
    )


def editorial_models() -> list[type[EditorialRecord]]:
    """Every concrete model in the editorial workflow, so the review desk covers each new one."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, EditorialRecord) and not model._meta.proxy
    ]


def records_in_review(related: dict | None = None) -> list[EditorialRecord]:
    """Everything waiting for a publisher, of every editorial model, oldest submission first.

    One query per model; `related` maps a model to what its records' names need joined
    (the admin passes each list's list_select_related).
    """
    related = related or {}
    waiting = []
    for model in editorial_models():
        records = model._default_manager.filter(status=Status.IN_REVIEW)
        waiting += records.select_related("submitted_by", *related.get(model, ()))
    return sorted(waiting, key=_submitted_first)


def count_in_review() -> int:
    """How many records wait for review, all models together (one query per model)."""
    return sum(
        model._default_manager.filter(status=Status.IN_REVIEW).count()
        for model in editorial_models()
    )


def returned_to(user, related: dict | None = None) -> list[EditorialRecord]:
    """The drafts a publisher sent back to this editor (who submitted them), oldest first."""
    related = related or {}
    returned = []
    for model in editorial_models():
        records = model._default_manager.filter(
            status=Status.DRAFT, submitted_by=user, returned_at__isnull=False
        ).exclude(return_note="")
        returned += records.select_related("returned_by", *related.get(model, ()))
    return sorted(returned, key=lambda record: (record.returned_at, record._meta.label, record.pk))


def _submitted_first(record: EditorialRecord) -> tuple:
    # Records put in review before submissions were dated sort by their last change.
    return (record.submitted_at or record.updated_at, record._meta.label, record.pk)
