"""A seeded synthetic dataset at any scale, written in bulk, for the benchmark.

People have skewed activity: they come in cohorts of 200, and within a cohort the
k-th most active person says about 1/k**0.8 as much as the most active one, so
the busiest person has about the same number of statements (some 1,000, of
which about 150 on their favourite topic) at every scale, as in real newsrooms,
where more statements means more people rather than one person talking more.
Every statement has one or two citations of synthetic sources (most with an
archived snapshot of article length, 4-7 KB of text; most citations of such a source
were checked against its latest copy and point at it, as quote checking leaves them);
some are fact-checked on a six-step rating scale; stance
shifts join two statements of the same subject on the same topic in date order,
as the database triggers require. About nine in ten statements are published.
Every person has PROMISES_PER_PERSON promises, each cited, with a status timeline of
up to three dated, cited changes on the six-status promise scale; some have a
deadline, so some are overdue.

Rows go straight into the tables (PostgreSQL COPY, or executemany on SQLite)
without model save() or signals, so django-simple-history writes no history
rows for them; that is fine for synthetic data, which has no past.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import itertools
import json
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models.functions import Coalesce

from claims.matching.candidates import fingerprint
from claims.models import (
    Citation,
    FactCheck,
    Position,
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
    Rating,
    RatingScale,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from core import revisions
from people.models import Organization, Person, Role
from sources.models import Snapshot, Source

PEOPLE_PER_COHORT = 200
STATEMENTS_PER_PERSON = 50
ACTIVITY_SKEW = 0.8  # Zipf exponent of people's activity and of their favourite topics
CHUNK = 20_000  # statements written per transaction
# Bumped whenever the generator writes different data for the same seed and scale:
# `generate_dataset --keep-if-same` keeps a database only if it holds this shape.
SHAPE = 3
PROMISES_PER_PERSON = 20
# The promise scale's statuses: (name, outcome), in scale order.
PROMISE_STATUSES = (
    ("Not yet rated", "open"),
    ("In the works", "open"),
    ("Stalled", "open"),
    ("Compromise", "compromise"),
    ("Kept", "kept"),
    ("Broken", "broken"),
)
ARTICLE_PARAGRAPHS = (8, 14)  # an archived copy's length, in paragraphs of ~80 words

FIRST_NAMES = (  # noqa: SIM905 - a paragraph of names reads better than a list
    "Zohran Shamsul Karam Rodney Maria James Aisha Wei Olga Diego Fatima Liam Grace Tomas "
    "Priya Kwame Elena Hiro Noor Samuel Leila Marcus Ingrid Rafael Chloe Omar Yuki Ana "
    "Patrick Sofia Daniel Amara Viktor Hannah Luis Mei Jonah Zara Andre Nadia"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Mamdani Haque Chowdhury Harrison Lopez Smith Okafor Chen Petrova Garcia Rahman Murphy "
    "Kim Novak Sharma Mensah Rossi Tanaka Aziz Cohen Haddad Brown Larsen Silva Dubois Farah "
    "Sato Costa Byrne Moreau Levy Diallo Volkov Weber Ortiz Wong Adler Khan Santos Ivanova"
).split()
TOPICS = {
    "Public safety": ("Police funding", "Bail reform", "Gun control", "Subway safety"),
    "Housing": ("Rent freeze", "Public housing", "Zoning", "Homelessness"),
    "Transport": ("Free buses", "Congestion pricing", "Bike lanes"),
    "Economy": ("Minimum wage", "Taxes on the wealthy", "Small business"),
    "Education": ("School funding", "Charter schools", "Free childcare"),
    "Health": ("Public hospitals", "Mental health", "Drug policy"),
    "Environment": ("Climate plan", "Clean energy", "Flood defence"),
    "Immigration": ("Sanctuary city", "Migrant shelters", "Asylum seekers"),
    "Foreign policy": ("Israel and Gaza", "Ukraine", "Trade"),
    "Government": ("Ethics", "Campaign finance", "City budget"),
    "Labour": ("Unions", "Gig workers", "Public sector pay"),
    "Civil rights": ("Voting rights", "Policing of protests", "Free speech"),
}
POSITIONS = (
    (-2, "Abolish or cut sharply"),
    (-1, "Cut and shift to alternatives"),
    (0, "Reform without changing the size"),
    (1, "Keep at current levels"),
    (2, "Expand"),
)
RATINGS = (
    (6, "True"),
    (5, "Mostly True"),
    (4, "Half True"),
    (3, "Mostly False"),
    (2, "False"),
    (1, "Pants on Fire"),
)
WORDS = (  # noqa: SIM905
    "the city people police housing rent budget plan we will must never always support "
    "oppose fund cut expand safety community officers workers families children schools "
    "streets subway buses tax wealthy fair free public private union jobs wages prices "
    "crisis future change reform protect invest billion million year years new york mayor "
    "council state federal government department program policy vote election campaign "
    "promise record truth said believe know think want need every working class neighbors "
    "landlords tenants homes shelter hospital health care climate energy flood transit "
    "fare congestion bike lane immigrants asylum sanctuary justice court bail jail crime "
    "violence guns safe strong fight stand together against for with without more less "
    "than before after today tomorrow first last right wrong better worse cost afford "
    "affordable small business owners students teachers nurses doctors drivers riders"
).split()
VENUES = (
    "Zoom call with officers",
    "event at Columbia University",
    "campaign rally in Queens",
    "interview on NY1",
    "press conference at City Hall",
    "debate on WNBC",
    "post on X",
    "town hall in the Bronx",
    "op-ed in the Daily News",
    "podcast interview",
)
OUTLET_DOMAINS = ("nytimes.com", "cnn.com", "ny1.com", "thecity.nyc", "nypost.com", "apnews.com")


@dataclass
class Totals:
    """How many rows of each kind were written."""

    organizations: int = 0
    people: int = 0
    roles: int = 0
    topics: int = 0
    positions: int = 0
    sources: int = 0
    snapshots: int = 0
    statements: int = 0
    citations: int = 0
    fact_checks: int = 0
    stance_shifts: int = 0
    promises: int = 0
    promise_status_changes: int = 0
    promise_citations: int = 0

    def __str__(self) -> str:
        return ", ".join(
            f"{value:,} {name.replace('_', ' ')}" for name, value in vars(self).items()
        )


class TableWriter:
    """Bulk-writes rows of raw column values into one model's table.

    Columns not named are filled with the field's default (so columns other
    helpers add later keep working). PostgreSQL gets COPY in CSV form; other
    databases get executemany.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.table = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields if not f.generated}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{self.table} has no column {', '.join(sorted(unknown))}")
        self.rest = [column for column in fields if column not in columns]
        self.columns = [*columns, *self.rest]
        self.tail = tuple(
            fields[column].get_db_prep_save(fields[column].get_default(), connection)
            for column in self.rest
        )
        self.nullable = [column for column in self.columns if fields[column].null]
        self.count = 0

    def write(self, rows: Iterable[tuple]) -> int:
        """Write the rows now; return how many there were."""
        tail = self.tail
        rows = [row + tail for row in rows] if tail else list(rows)
        if not rows:
            return 0
        quoted = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                buffer = io.StringIO()
                csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(
                    rows
                )
                buffer.seek(0)
                # Unquoted empty fields would be NULL in CSV, but QUOTE_NONNUMERIC quotes None
                # as "", so nullable columns read "" as NULL (none of them holds empty text).
                force_null = ", ".join(connection.ops.quote_name(c) for c in self.nullable)
                options = f"FORMAT csv, FORCE_NULL ({force_null})" if force_null else "FORMAT csv"
                cursor.cursor.copy_expert(
                    f"COPY {self.table} ({quoted}) FROM STDIN WITH ({options})", buffer
                )
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})", rows)
        self.count += len(rows)
        return len(rows)


def timestamp(moment: datetime.datetime) -> str:
    """A UTC moment as the column text each database stores."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}+00" if connection.vendor == "postgresql" else text


def zipf_cumulative_weights(size: int, exponent: float = ACTIVITY_SKEW) -> list[float]:
    """Cumulative weights 1, 1/2**s, 1/3**s, ... for random.choices."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, size + 1)))


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of a table."""
    return (model.objects.aggregate(top=Coalesce(models.Max("pk"), 0))["top"] or 0) + 1


# Which dataset the database holds: (shape, seed, statements) of the last complete load.
# Outside the models, so `flush` leaves it and generate() rewrites it.
_STAMP_TABLE = "bench_dataset"


def _stamp_table(cursor) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {_STAMP_TABLE} (shape integer, seed bigint, statements bigint)"
    )


def dataset_stamp() -> tuple[int, int, int] | None:
    """(SHAPE, seed, statements) of the dataset the last complete generate() wrote, if any."""
    with connection.cursor() as cursor:
        _stamp_table(cursor)
        cursor.execute(f"SELECT shape, seed, statements FROM {_STAMP_TABLE}")
        row = cursor.fetchone()
    return tuple(row) if row else None


def _stamp(row: tuple[int, int, int] | None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        _stamp_table(cursor)
        cursor.execute(f"DELETE FROM {_STAMP_TABLE}")
        if row:
            cursor.execute(f"INSERT INTO {_STAMP_TABLE} VALUES (%s, %s, %s)", list(row))


# Index definitions dropped for a load and not yet built again (a run that was killed):
# the next run builds them first, so an interrupted load never leaves a table unindexed.
_DROPPED_INDEXES_TABLE = "bench_dropped_index"


@contextmanager
def plain_indexes_dropped(
    models_to_fill: Iterable[type[models.Model]], report: Callable[[str], None] = print
) -> Iterator[None]:
    """On PostgreSQL, drop the non-unique indexes of the tables being filled and build them
    again afterwards: one sort per index instead of millions of insertions into each
    (above all the GIN full-text indexes). Unique and primary-key indexes stay.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models_to_fill]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {_DROPPED_INDEXES_TABLE} (definition text PRIMARY KEY)"
        )
        _rebuild_dropped_indexes(cursor)
        cursor.execute(
            """
            SELECT index_class.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class table_class ON table_class.oid = i.indrelid
            JOIN pg_class index_class ON index_class.oid = i.indexrelid
            WHERE table_class.relname = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        _check_pending_constraints(cursor)
        report(f"dropped {len(indexes)} indexes for the load")
        with transaction.atomic():
            for name, definition in indexes:
                cursor.execute(
                    f"INSERT INTO {_DROPPED_INDEXES_TABLE} (definition) VALUES (%s)", [definition]
                )
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        report(f"building {len(indexes)} indexes again")
        with connection.cursor() as cursor:
            _rebuild_dropped_indexes(cursor)
        report("indexes built")


def _check_pending_constraints(cursor) -> None:
    """Inside an outer transaction (tests), run the deferred foreign-key checks now: PostgreSQL
    refuses to drop or build an index on a table with checks still pending."""
    if connection.in_atomic_block:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _rebuild_dropped_indexes(cursor) -> None:
    _check_pending_constraints(cursor)
    cursor.execute(f"SELECT definition FROM {_DROPPED_INDEXES_TABLE}")
    for (definition,) in cursor.fetchall():
        with transaction.atomic():
            # More sort memory than the 64 MB default: a GIN index over a million rows builds
            # several times faster.
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
            cursor.execute(
                f"DELETE FROM {_DROPPED_INDEXES_TABLE} WHERE definition = %s", [definition]
            )


def generate(
    *,
    statements: int,
    seed: int,
    report: Callable[[str], None] = print,
    chunk: int = CHUNK,
) -> Totals:
    """Write a synthetic dataset of `statements` statements and everything they need."""
    _stamp(None)  # until the load completes, the database holds no known dataset
    rng = random.Random(seed)
    totals = Totals()
    started = time.monotonic()
    now = timestamp(datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.UTC))

    # Organizations: news outlets first (they publish the sources), then the rest.
    org_writer = TableWriter(
        Organization, ("id", "created_at", "updated_at", "name", "slug", "aliases", "kind", "url")
    )
    first_org = next_id(Organization)
    org_count = 30 + statements // 2000
    kinds = [kind for kind, _ in Organization.Kind.choices]
    news = [first_org + n for n in range(min(len(OUTLET_DOMAINS) * 2, org_count))]
    org_rows = []
    for n in range(org_count):
        pk = first_org + n
        kind = Organization.Kind.NEWS if pk in news else rng.choice(kinds)
        name = f"{rng.choice(LAST_NAMES)} {kind.title()} {pk}"
        url = f"https://{OUTLET_DOMAINS[n % len(OUTLET_DOMAINS)]}/" if kind == "news" else ""
        org_rows.append((pk, now, now, name, f"org-{pk}", "", kind, url))
    with transaction.atomic():
        totals.organizations = org_writer.write(org_rows)
    organizations = [row[0] for row in org_rows]

    # People, in cohorts, each with one role.
    person_count = max(20, statements // STATEMENTS_PER_PERSON)
    first_person = next_id(Person)
    person_writer = TableWriter(
        Person,
        ("id", "version", "created_at", "updated_at", "name", "slug", "aliases", "description"),
    )
    role_writer = TableWriter(
        Role, ("id", "created_at", "updated_at", "person_id", "organization_id", "title", "start")
    )
    first_role = next_id(Role)
    person_rows, role_rows = [], []
    for n in range(person_count):
        pk = first_person + n
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        organization = rng.choice(organizations)
        person_rows.append(
            (pk, 1, now, now, f"{first} {last}", f"{first}-{last}-{pk}".lower(), last, "")
        )
        role_rows.append(
            (
                first_role + n,
                now,
                now,
                pk,
                organization,
                "Spokesperson",
                str(rng.randint(2000, 2025)),
            )
        )
    with transaction.atomic():
        totals.people = person_writer.write(person_rows)
        totals.roles = role_writer.write(role_rows)
    people = [row[0] for row in person_rows]
    del person_rows, role_rows

    # Topics (parents and children), each with five positions; one rating scale.
    topic_writer = TableWriter(
        Topic, ("id", "created_at", "updated_at", "name", "slug", "description", "parent_id")
    )
    position_writer = TableWriter(
        Position,
        ("id", "created_at", "updated_at", "name", "slug", "axis_value", "description", "topic_id"),
    )
    pk = next_id(Topic)
    first_position = next_id(Position)
    topic_rows, position_rows, leaf_topics = [], [], []
    for parent, children in TOPICS.items():
        parent_pk = pk
        topic_rows.append((parent_pk, now, now, parent, f"t{parent_pk}-{_slug(parent)}", "", None))
        pk += 1
        for child in children:
            topic_rows.append((pk, now, now, child, f"t{pk}-{_slug(child)}", "", parent_pk))
            leaf_topics.append(pk)
            pk += 1
    positions_of: dict[int, list[int]] = {}
    for topic_pk in leaf_topics:
        positions_of[topic_pk] = []
        for axis, name in POSITIONS:
            position_pk = first_position + len(position_rows)
            positions_of[topic_pk].append(position_pk)
            position_rows.append((position_pk, now, now, name, f"p{axis + 2}", axis, "", topic_pk))
    with transaction.atomic():
        totals.topics = topic_writer.write(topic_rows)
        totals.positions = position_writer.write(position_rows)
        scale = RatingScale.objects.create(
            name=f"Truth scale {seed}-{first_position}",
            slug=f"truth-{first_position}",
            best=6,
            worst=1,
        )
        ratings = [
            Rating.objects.create(scale=scale, name=name, slug=_slug(name), value=value).pk
            for value, name in RATINGS
        ]

    filled = [Source, Snapshot, Statement, Citation, FactCheck, StanceShift]
    with plain_indexes_dropped(
        filled, report=lambda line: report(f"{line} ({time.monotonic() - started:.0f} s)")
    ):
        # Sources, most with one archived snapshot, some with two (the page changed).
        source_count = max(10, statements // 4)
        first_source, first_snapshot = next_id(Source), next_id(Snapshot)
        source_writer = TableWriter(
            Source,
            (
                "id", "version", "created_at", "updated_at", "url", "title", "kind",
                "published_on", "notes", "publisher_id", "via_id",
            ),
        )  # fmt: skip
        snapshot_writer = TableWriter(
            Snapshot,
            (
                "id", "fetched_at", "final_url", "http_status", "content_type", "size",
                "sha256", "text", "source_id",
            ),
        )  # fmt: skip
        source_kinds = [kind for kind, _ in Source.Kind.choices]
        snapshot_pk = first_snapshot
        # Copies are drawn from a pool of paragraphs: article-sized text at little cost.
        paragraphs = [" ".join(_sentence(rng, 16) for _ in range(5)) for _ in range(400)]
        latest_snapshot = [0] * source_count  # by source index; 0: never archived
        for start in range(0, source_count, chunk):
            source_rows, snapshot_rows = [], []
            for n in range(start, min(start + chunk, source_count)):
                pk = first_source + n
                publisher = rng.choice(news)
                date = _said_on(rng)
                url = f"https://www.{OUTLET_DOMAINS[publisher % len(OUTLET_DOMAINS)]}/{date[:4]}/story-{pk}"
                via = first_source + rng.randrange(n) if n and rng.random() < 0.05 else None
                title = _sentence(rng, 8)
                source_rows.append(
                    (
                        pk,
                        1,
                        now,
                        now,
                        url,
                        title,
                        rng.choice(source_kinds),
                        date,
                        "",
                        publisher,
                        via,
                    )
                )
                for _ in range(0 if rng.random() < 0.3 else (2 if rng.random() < 0.1 else 1)):
                    text = "\n\n".join(rng.choices(paragraphs, k=rng.randint(*ARTICLE_PARAGRAPHS)))
                    raw = text.encode()
                    snapshot_rows.append(
                        (
                            snapshot_pk, now, url, 200, "text/html", len(raw),
                            hashlib.sha256(raw).hexdigest(), text, pk,
                        )
                    )  # fmt: skip
                    latest_snapshot[pk - first_source] = snapshot_pk
                    snapshot_pk += 1
            with transaction.atomic():
                totals.sources += source_writer.write(source_rows)
                totals.snapshots += snapshot_writer.write(snapshot_rows)
            report(
                f"sources {totals.sources:,}/{source_count:,} ({time.monotonic() - started:.0f} s)"
            )

        # Statements with their citations, fact-checks and stance shifts, chunk by chunk.
        statement_writer = TableWriter(
            Statement,
            (
                "id", "version", "created_at", "updated_at", "status", "published_at", "retracted_at",
                "retraction_reason", "speaker_label", "kind", "text", "said_on", "venue",
                "position_id", "speaker_id", "speaker_organization_id", "subject_id", "topic_id",
                "fingerprint",
            ),
        )  # fmt: skip
        citation_writer = TableWriter(
            Citation,
            (
                "id", "created_at", "updated_at", "excerpt", "locator", "verification",
                "verified_at", "snapshot_id", "found_at", "source_id", "statement_id",
            ),
        )  # fmt: skip
        factcheck_writer = TableWriter(
            FactCheck,
            (
                "id", "version", "created_at", "updated_at", "status", "published_at",
                "claim_reviewed", "analysis", "reviewed_on", "rating_id", "statement_id",
            ),
        )  # fmt: skip
        shift_writer = TableWriter(
            StanceShift,
            (
                "id", "created_at", "updated_at", "status", "published_at", "rating", "analysis",
                "subject_id", "earlier_id", "later_id", "topic_id",
            ),
        )  # fmt: skip
        first_statement = next_id(Statement)
        citation_pk, factcheck_pk, shift_pk = (
            next_id(Citation),
            next_id(FactCheck),
            next_id(StanceShift),
        )
        cohorts = math.ceil(len(people) / PEOPLE_PER_COHORT)
        people_weights = zipf_cumulative_weights(min(PEOPLE_PER_COHORT, len(people)))
        topic_weights = zipf_cumulative_weights(len(leaf_topics))
        statuses = [Status.PUBLISHED, Status.RETRACTED, Status.IN_REVIEW, Status.DRAFT]
        status_weights = [90, 91, 94, 100]
        kinds = ["quote", "paraphrase", "characterization", "action", "endorsement"]
        kind_weights = [55, 75, 85, 95, 100]
        shift_ratings = [rating for rating, _ in StanceShift.Rating.choices]
        last_on_topic: dict[tuple[int, int], tuple[int, str, str]] = {}
        for start in range(0, statements, chunk):
            statement_rows, citation_rows, factcheck_rows, shift_rows = [], [], [], []
            for n in range(start, min(start + chunk, statements)):
                pk = first_statement + n
                cohort = rng.randrange(cohorts)
                rank = rng.choices(range(len(people_weights)), cum_weights=people_weights)[0]
                subject = people[min(cohort * PEOPLE_PER_COHORT + rank, len(people) - 1)]
                kind = rng.choices(kinds, cum_weights=kind_weights)[0]
                speaker, organization, label = subject, None, ""
                if kind == "characterization":
                    speaker = rng.choice(people)
                elif rng.random() < 0.03:
                    speaker = None
                    if rng.random() < 0.5:
                        label = "officers on a Zoom call"
                    else:
                        organization = rng.choice(organizations)
                topic = position = None
                if rng.random() < 0.9:
                    favourite = rng.choices(range(len(leaf_topics)), cum_weights=topic_weights)[0]
                    topic = leaf_topics[(favourite + subject) % len(leaf_topics)]
                    if rng.random() < 0.7:
                        leaning = (subject * 7 + topic) % 5
                        position = positions_of[topic][
                            leaning if rng.random() < 0.8 else rng.randrange(5)
                        ]
                status = rng.choices(statuses, cum_weights=status_weights)[0]
                public = status in (Status.PUBLISHED, Status.RETRACTED)
                said_on = _said_on(rng)
                # Published some hours to days after it was said, to the second (no ties).
                published_at = timestamp(
                    datetime.datetime.fromisoformat(_earliest_day(said_on)).replace(
                        tzinfo=datetime.UTC
                    )
                    + datetime.timedelta(seconds=rng.randrange(86_400, 30 * 86_400))
                )
                text = _sentence(rng, rng.randint(12, 40))
                statement_rows.append(
                    (
                        pk, 1, published_at, published_at, status, published_at if public else None,
                        published_at if status == Status.RETRACTED else None,
                        "Misattributed." if status == Status.RETRACTED else "",
                        label, kind, text, said_on, rng.choice(VENUES) if rng.random() < 0.4 else "",
                        position, speaker, organization, subject, topic,
                        json.dumps(fingerprint(text)),
                    )
                )  # fmt: skip
                for number in range(2 if rng.random() < 0.3 else 1):
                    source_index = rng.randrange(source_count)
                    check = _citation_check(rng, latest_snapshot[source_index], now)
                    citation_rows.append(
                        (
                            citation_pk, now, now, text if number == 0 else _sentence(rng, 20),
                            f"paragraph {rng.randint(1, 30)}", *check,
                            first_source + source_index, pk,
                        )
                    )  # fmt: skip
                    citation_pk += 1
                if public and rng.random() < 0.03:
                    check_status = Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT
                    factcheck_rows.append(
                        (
                            factcheck_pk, 1, now, now, check_status,
                            now if check_status == Status.PUBLISHED else None,
                            " ".join(text.split()[:12]), _sentence(rng, 60),
                            f"{said_on[:4]}-12-31", rng.choice(ratings), pk,
                        )
                    )  # fmt: skip
                    factcheck_pk += 1
                if position is not None:
                    key = (subject, topic)
                    previous = last_on_topic.get(key)
                    if previous is not None and rng.random() < 0.05:
                        earlier, later = sorted(
                            [previous, (pk, said_on, status)], key=lambda p: p[1]
                        )
                        both_public = {earlier[2], later[2]} <= {Status.PUBLISHED}
                        shift_rows.append(
                            (
                                shift_pk, now, now,
                                Status.PUBLISHED if both_public else Status.DRAFT,
                                now if both_public else None,
                                rng.choice(shift_ratings), _sentence(rng, 30),
                                subject, earlier[0], later[0], topic,
                            )
                        )  # fmt: skip
                        shift_pk += 1
                    last_on_topic[key] = (pk, said_on, status)
            with transaction.atomic():
                totals.statements += statement_writer.write(statement_rows)
                totals.citations += citation_writer.write(citation_rows)
                totals.fact_checks += factcheck_writer.write(factcheck_rows)
                totals.stance_shifts += shift_writer.write(shift_rows)
            elapsed = time.monotonic() - started
            report(
                f"statements {totals.statements:,}/{statements:,} "
                f"({100 * totals.statements // statements}%, {elapsed:.0f} s)"
            )

    _write_promises(
        totals,
        people=people,
        topics=leaf_topics,
        sources=(first_source, source_count),
        now=now,
        rng=random.Random(seed + 1),  # its own stream: the statements stay as they were
        chunk=chunk,
        report=lambda line: report(f"{line} ({time.monotonic() - started:.0f} s)"),
    )
    _reset_sequences()
    revisions.note_change()  # rows written without save() send no signal
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _stamp((SHAPE, seed, Statement.objects.count()))
    return totals


def _write_promises(
    totals: Totals,
    *,
    people: list[int],
    topics: list[int],
    sources: tuple[int, int],
    now: str,
    rng: random.Random,
    chunk: int,
    report: Callable[[str], None],
) -> None:
    """PROMISES_PER_PERSON promises per person, each with a citation and a status timeline:
    up to three changes in date order after the promise, each with a citation. Nine in ten
    promises are published, with their changes; the rest are drafts, and so are theirs."""
    first_source, source_count = sources
    with transaction.atomic():
        scale = PromiseScale.objects.create(
            name=f"Promise statuses {next_id(PromiseScale)}",
            slug=f"promises-{next_id(PromiseScale)}",
        )
        ratings = [
            PromiseRating.objects.create(
                scale=scale, name=name, slug=_slug(name), order=order, outcome=outcome
            ).pk
            for order, (name, outcome) in enumerate(PROMISE_STATUSES)
        ]
    promise_writer = TableWriter(
        Promise,
        (
            "id", "version", "created_at", "updated_at", "status", "published_at", "wording",
            "promised_on", "deadline", "person_id", "topic_id", "scale_id",
        ),
    )  # fmt: skip
    change_writer = TableWriter(
        PromiseStatusChange,
        (
            "id", "created_at", "updated_at", "status", "published_at", "changed_on",
            "analysis", "promise_id", "rating_id",
        ),
    )  # fmt: skip
    citation_writer = TableWriter(
        PromiseCitation,
        (
            "id", "created_at", "updated_at", "excerpt", "locator", "source_id", "promise_id",
            "status_change_id",
        ),
    )  # fmt: skip
    promise_pk, change_pk, citation_pk = (
        next_id(Promise),
        next_id(PromiseStatusChange),
        next_id(PromiseCitation),
    )
    per_chunk = max(1, chunk // PROMISES_PER_PERSON)
    for start in range(0, len(people), per_chunk):
        promise_rows, change_rows, citation_rows = [], [], []
        for person in people[start : start + per_chunk]:
            for _ in range(PROMISES_PER_PERSON):
                year = rng.randint(2012, 2024)
                promised_on = f"{year:04d}-{rng.randint(1, 12):02d}"
                deadline = str(year + rng.randint(1, 4)) if rng.random() < 0.5 else None
                status = Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT
                published = now if status == Status.PUBLISHED else None
                promise_rows.append(
                    (
                        promise_pk, 1, now, now, status, published, _sentence(rng, 14),
                        promised_on, deadline, person, rng.choice(topics), scale.pk,
                    )
                )  # fmt: skip
                citation_rows.append(
                    (
                        citation_pk, now, now, _sentence(rng, 20),
                        f"paragraph {rng.randint(1, 30)}",
                        first_source + rng.randrange(source_count), promise_pk, None,
                    )
                )  # fmt: skip
                citation_pk += 1
                changed = sorted(rng.randint(year, 2025) for _ in range(rng.randint(0, 3)))
                rating = 0
                for change_year in changed:
                    rating = min(len(ratings) - 1, rating + rng.randint(0, 3))
                    change_rows.append(
                        (
                            change_pk, now, now, status, published,
                            f"{change_year:04d}-{rng.randint(1, 12):02d}"
                            if change_year > year else promised_on,
                            _sentence(rng, 40), promise_pk, ratings[rating],
                        )
                    )  # fmt: skip
                    citation_rows.append(
                        (
                            citation_pk, now, now, _sentence(rng, 20), "paragraph 1",
                            first_source + rng.randrange(source_count), None, change_pk,
                        )
                    )  # fmt: skip
                    citation_pk += 1
                    change_pk += 1
                promise_pk += 1
        with transaction.atomic():
            totals.promises += promise_writer.write(promise_rows)
            totals.promise_status_changes += change_writer.write(change_rows)
            totals.promise_citations += citation_writer.write(citation_rows)
        report(f"promises {totals.promises:,}/{len(people) * PROMISES_PER_PERSON:,}")


def _citation_check(
    rng: random.Random, snapshot: int, now: str
) -> tuple[str, str | None, int | None, int | None]:
    """(verification, verified_at, snapshot_id, found_at) as claims.verification leaves a
    citation: most of an archived source's citations checked against its latest copy (and
    mostly found there), the rest not checked yet."""
    if not snapshot:
        return (
            ("no_snapshot", now, None, None) if rng.random() < 0.5 else ("unchecked",) + (None,) * 3
        )
    draw = rng.random()
    if draw < 0.75:
        return "found", now, snapshot, rng.randrange(4000)
    if draw < 0.8:
        return "not_found", now, snapshot, None
    return ("unchecked",) + (None,) * 3


def _reset_sequences() -> None:
    """Point the id sequences past the rows written with explicit ids (PostgreSQL)."""
    from django.core.management.color import no_style

    sql = connection.ops.sequence_reset_sql(
        no_style(),
        [Organization, Person, Role, Topic, Position, RatingScale, Rating, Source, Snapshot,
         Statement, Citation, FactCheck, StanceShift, PromiseScale, PromiseRating, Promise,
         PromiseStatusChange, PromiseCitation],
    )  # fmt: skip
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


def _earliest_day(said_on: str) -> str:
    """The first day of a partial date, as YYYY-MM-DD."""
    return (said_on + "-01-01")[:10] if len(said_on) == 4 else (said_on + "-01")[:10]


def _slug(text: str) -> str:
    return "-".join(text.lower().replace(",", "").split())


def _said_on(rng: random.Random) -> str:
    """A partial date between 2000 and 2025, recent years likelier; mostly to the day."""
    year = 2025 - min(25, int(rng.expovariate(0.2)))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.05:
        return f"{year:04d}"
    if roll < 0.2:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."
