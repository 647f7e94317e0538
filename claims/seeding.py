"""Seed files: the records an article supports, checked first, then loaded idempotently.

A seed file (YAML, or JSON, which YAML reads too) sits beside the article text it rests on.
`read_seed_file` checks one file without touching the database. `load_seeds` checks every
file, then writes them all in one transaction. It finds records again by slug (people,
organizations, topics, positions) or by the seed file's `key` (everything else, kept in
SeedKey), and saves only what differs, so a second load changes nothing and writes no history.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from claims.models import (
    Citation,
    EditorialRecord,
    Endorsement,
    Position,
    SeedKey,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from people.models import Organization, Person, Role
from people.partial_dates import PartialDate, as_partial_date
from sources.models import Snapshot, Source

SEED_SUFFIXES = (".yaml", ".yml", ".json")

# Loading order: every record comes after the records it refers to.
MODELS = {
    "organization": Organization,
    "person": Person,
    "role": Role,
    "topic": Topic,
    "position": Position,
    "source": Source,
    "snapshot": Snapshot,
    "statement": Statement,
    "endorsement": Endorsement,
    "citation": Citation,
    "stance shift": StanceShift,
}
FOUND_BY_SLUG = {"organization", "person", "topic"}

TOP_LEVEL_FIELDS = {
    "article",
    "sources",
    "organizations",
    "people",
    "topics",
    "statements",
    "endorsements",
    "stance_shifts",
}


class SeedError(Exception):
    """A seed file that cannot be loaded; the message is one line naming file, record and reason."""


@dataclass
class SeedRecord:
    """One record to load: how it is found again, its field values, and what it refers to."""

    kind: str
    key: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    # Foreign keys as {attname: (kind, key)}, resolved to ids at load time.
    references: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class SeedFile:
    """A checked seed file: its article's raw bytes and text, and its records in loading order."""

    path: Path
    article_key: str
    article_bytes: bytes
    article_text: str
    records: list[SeedRecord]

    @property
    def counts(self) -> Counter:
        return Counter(record.kind for record in self.records)


@dataclass
class LoadSummary:
    """How many records of each kind were created, updated or left unchanged."""

    outcomes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def count(self, kind: str, outcome: str) -> int:
        return self.outcomes[kind][outcome]

    def describe_kind(self, kind: str) -> str:
        counts = self.outcomes[kind]
        return (
            f"created {_counted(counts['created'], kind)}, updated {counts['updated']}, "
            f"unchanged {counts['unchanged']}"
        )

    def __str__(self) -> str:
        return "; ".join(self.describe_kind(kind) for kind in MODELS if kind in self.outcomes)

    @property
    def changed_anything(self) -> bool:
        return any(counts["created"] or counts["updated"] for counts in self.outcomes.values())


def _counted(count: int, kind: str) -> str:
    meta = MODELS[kind]._meta
    return f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


def default_seed_paths() -> list[Path]:
    """Every seed file in the project's seeds/ folder, in name order."""
    return _seed_files_in(Path(settings.BASE_DIR) / "seeds")


def _seed_files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix in SEED_SUFFIXES)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Fields:
    """One mapping of a seed file, read with errors that name the file, the record and the field."""

    def __init__(self, mapping: object, *, where: str, allowed: set[str]):
        self.where = where
        if not isinstance(mapping, dict):
            self.fail("expected a mapping of field names to values")
        unknown = sorted(str(name) for name in mapping if name not in allowed)
        if unknown:
            self.fail(f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")
        self.mapping = mapping

    def fail(self, reason: str) -> NoReturn:
        raise SeedError(f"{self.where}: {reason}")

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.mapping.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"the field '{name}' is required")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(f"'{name}' must be text")
        return str(value).strip()

    def integer(self, name: str) -> int:
        value = self.mapping.get(name)
        if value is None:
            self.fail(f"the field '{name}' is required")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"'{name}' must be a whole number (got {value!r})")
        return value

    def choice(self, name: str, choices: type[models.TextChoices], *, default: str = "") -> str:
        value = self.text(name, required=not default) or default
        if value not in choices.values:
            self.fail(f"'{name}' must be one of {', '.join(choices.values)} (got '{value}')")
        return value

    def date(self, name: str, *, required: bool = False) -> PartialDate | None:
        value = self.mapping.get(name)
        if value is None or value == "":
            if required:
                self.fail(f"the field '{name}' is required")
            return None
        if isinstance(value, datetime.datetime):
            self.fail(f"'{name}' must be a date, not a time (got {value})")
        try:
            return as_partial_date(value if isinstance(value, datetime.date) else str(value))
        except ValueError as error:
            self.fail(f"'{name}' is not a valid date: {error} (got '{value}')")

    def strings(self, name: str) -> list[str]:
        value = self.mapping.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(f"'{name}' must be a list of texts")
        return [item.strip() for item in value if item.strip()]

    def mappings(self, name: str) -> list[object]:
        value = self.mapping.get(name) or []
        if not isinstance(value, list):
            self.fail(f"'{name}' must be a list")
        return value


def _record_key(mapping: object, name: str, *, where: str, label: str) -> str:
    """The slug or key of a listed record, read before anything else so errors can name it."""
    key = mapping.get(name) if isinstance(mapping, dict) else None
    if not isinstance(key, str) or not key.strip():
        raise SeedError(f"{where}: {_article(label)} {label} without a '{name}'")
    return key.strip()


def _load_yaml(path: Path) -> dict:
    display = _display(path)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SeedError(f"{display}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise SeedError(f"{display}: is not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SeedError(f"{display}: invalid YAML{at}: {problem}") from None
    if not isinstance(content, dict):
        raise SeedError(
            f"{display}: a seed file must be a mapping with an 'article' and its records"
        )
    return content


def read_seed_file(path: Path) -> SeedFile:
    """Read and check one seed file and its article text; raise SeedError on the first problem.

    Touches no database: references between records are checked by `check_references`.
    """
    display = _display(path)
    document = _Fields(_load_yaml(path), where=display, allowed=TOP_LEVEL_FIELDS)
    records: list[SeedRecord] = []

    for mapping in document.mappings("organizations"):
        slug = _record_key(mapping, "slug", where=display, label="organization")
        where = f"{display}: organization '{slug}'"
        fields = _Fields(mapping, where=where, allowed={"slug", "name", "aliases", "kind"})
        records.append(
            SeedRecord(
                "organization",
                slug,
                where,
                values={
                    "name": fields.text("name", required=True),
                    "aliases": "\n".join(fields.strings("aliases")),
                    "kind": fields.choice("kind", Organization.Kind, default="other"),
                },
            )
        )

    for mapping in document.mappings("people"):
        slug = _record_key(mapping, "slug", where=display, label="person")
        where = f"{display}: person '{slug}'"
        fields = _Fields(
            mapping, where=where, allowed={"slug", "name", "aliases", "description", "roles"}
        )
        records.append(
            SeedRecord(
                "person",
                slug,
                where,
                values={
                    "name": fields.text("name", required=True),
                    "aliases": "\n".join(fields.strings("aliases")),
                    "description": fields.text("description"),
                },
            )
        )
        for role_mapping in fields.mappings("roles"):
            key = _record_key(role_mapping, "key", where=where, label="role")
            role_where = f"{where}: role '{key}'"
            role = _Fields(
                role_mapping,
                where=role_where,
                allowed={"key", "title", "organization", "start", "end"},
            )
            references = {"person_id": ("person", slug)}
            if organization := role.text("organization"):
                references["organization_id"] = ("organization", organization)
            records.append(
                SeedRecord(
                    "role",
                    key,
                    role_where,
                    values={
                        "title": role.text("title", required=True),
                        "start": role.date("start"),
                        "end": role.date("end"),
                    },
                    references=references,
                )
            )

    for mapping in document.mappings("topics"):
        slug = _record_key(mapping, "slug", where=display, label="topic")
        where = f"{display}: topic '{slug}'"
        fields = _Fields(mapping, where=where, allowed={"slug", "name", "description", "positions"})
        records.append(
            SeedRecord(
                "topic",
                slug,
                where,
                values={
                    "name": fields.text("name", required=True),
                    "description": fields.text("description"),
                },
            )
        )
        for position_mapping in fields.mappings("positions"):
            position_slug = _record_key(position_mapping, "slug", where=where, label="position")
            position_where = f"{where}: position '{position_slug}'"
            position = _Fields(
                position_mapping,
                where=position_where,
                allowed={"slug", "name", "axis_value", "description"},
            )
            records.append(
                SeedRecord(
                    "position",
                    f"{slug}/{position_slug}",
                    position_where,
                    values={
                        "slug": position_slug,
                        "name": position.text("name", required=True),
                        "axis_value": position.integer("axis_value"),
                        "description": position.text("description"),
                    },
                    references={"topic_id": ("topic", slug)},
                )
            )

    # Sources: those the article reports through first, then the article, so `via` resolves.
    source_fields = {"key", "title", "kind", "publisher", "published_on", "via"}
    for mapping in document.mappings("sources"):
        key = _record_key(mapping, "key", where=display, label="source")
        records.append(
            _source_record(
                mapping, key=key, where=f"{display}: source '{key}'", allowed=source_fields
            )
        )
    if "article" not in document.mapping:
        document.fail("the field 'article' is required (the article the records rest on)")
    article_key = _record_key(document.mapping["article"], "key", where=display, label="article")
    article_where = f"{display}: article '{article_key}'"
    article = _Fields(
        document.mapping["article"], where=article_where, allowed={*source_fields, "file"}
    )
    article_path = path.parent / article.text("file", required=True)
    try:
        article_bytes = article_path.read_bytes()
    except OSError as error:
        article.fail(f"the article file {_display(article_path)} cannot be read ({error.strerror})")
    try:
        article_text = article_bytes.decode("utf-8")
    except UnicodeDecodeError:
        article.fail(f"the article file {_display(article_path)} is not UTF-8 text")
    records.append(
        _source_record(
            document.mapping["article"],
            key=article_key,
            where=article_where,
            allowed={*source_fields, "file"},
        )
    )
    records.append(
        SeedRecord(
            "snapshot",
            Snapshot.digest(article_bytes),
            article_where,
            values={
                "sha256": Snapshot.digest(article_bytes),
                "text": article_text,
                "size": len(article_bytes),
                "content_type": "text/plain; charset=utf-8",
            },
            references={"source_id": ("source", article_key)},
        )
    )

    citations: list[SeedRecord] = []
    context = _ArticleContext(article_key, article_text, Snapshot.digest(article_bytes))
    for mapping in document.mappings("statements"):
        key = _record_key(mapping, "key", where=display, label="statement")
        statement, statement_citations = _statement_record(
            mapping, key=key, where=f"{display}: statement '{key}'", article=context
        )
        records.append(statement)
        citations += statement_citations
    for mapping in document.mappings("endorsements"):
        key = _record_key(mapping, "key", where=display, label="endorsement")
        endorsement, endorsement_citations = _endorsement_record(
            mapping, key=key, where=f"{display}: endorsement '{key}'", article=context
        )
        records.append(endorsement)
        citations += endorsement_citations
    records += citations
    for mapping in document.mappings("stance_shifts"):
        key = _record_key(mapping, "key", where=display, label="stance shift")
        records.append(
            _stance_shift_record(mapping, key=key, where=f"{display}: stance shift '{key}'")
        )

    return SeedFile(
        path=path,
        article_key=article_key,
        article_bytes=article_bytes,
        article_text=article_text,
        records=records,
    )


def _source_record(mapping: dict, *, key: str, where: str, allowed: set[str]) -> SeedRecord:
    fields = _Fields(mapping, where=where, allowed=allowed)
    references = {}
    if publisher := fields.text("publisher"):
        references["publisher_id"] = ("organization", publisher)
    if via := fields.text("via"):
        references["via_id"] = ("source", via)
    return SeedRecord(
        "source",
        key,
        where,
        values={
            "title": fields.text("title", required=True),
            "kind": fields.choice("kind", Source.Kind, default="article"),
            "published_on": fields.date("published_on"),
        },
        references=references,
    )


@dataclass
class _ArticleContext:
    key: str
    text: str
    sha256: str


def _citation_records(
    fields: _Fields, *, supports: tuple[str, str, str], article: _ArticleContext
) -> list[SeedRecord]:
    """The citations of one statement or endorsement; each excerpt must be in the article text."""
    attname, kind, key = supports
    mappings = fields.mappings("citations")
    if not mappings:
        fields.fail("needs at least one citation")
    records = []
    for mapping in mappings:
        citation_key = _record_key(mapping, "key", where=fields.where, label="citation")
        where = f"{fields.where}: citation '{citation_key}'"
        citation = _Fields(mapping, where=where, allowed={"key", "source", "excerpt", "locator"})
        excerpt = citation.text("excerpt", required=True)
        found_at = article.text.find(excerpt)
        if found_at < 0:
            shown = excerpt if len(excerpt) <= 60 else excerpt[:57] + "..."
            citation.fail(f"excerpt not found verbatim in the article text: “{shown}”")
        source = citation.text("source") or article.key
        paragraph = article.text.count("\n", 0, found_at) + 1
        references = {attname: (kind, key), "source_id": ("source", source)}
        values = {
            "excerpt": excerpt,
            "locator": citation.text("locator") or f"paragraph {paragraph}",
            "verification": Citation.Verification.NO_SNAPSHOT,
            "found_at": None,
        }
        if source == article.key:
            # Checked here against the very text the snapshot will hold.
            references["snapshot_id"] = ("snapshot", article.sha256)
            values.update(verification=Citation.Verification.FOUND, found_at=found_at)
        records.append(SeedRecord("citation", citation_key, where, values, references))
    return records


def _statement_record(
    mapping: dict, *, key: str, where: str, article: _ArticleContext
) -> tuple[SeedRecord, list[SeedRecord]]:
    fields = _Fields(
        mapping,
        where=where,
        allowed={
            "key",
            "speaker",
            "speaker_organization",
            "speaker_label",
            "subject",
            "kind",
            "text",
            "said_on",
            "venue",
            "topic",
            "position",
            "citations",
        },
    )
    speaker = fields.text("speaker")
    speaker_organization = fields.text("speaker_organization")
    speaker_label = fields.text("speaker_label")
    if not (speaker or speaker_organization or speaker_label):
        fields.fail(
            "name the 'speaker' (a person), the 'speaker_organization', or describe an unnamed "
            "speaker in 'speaker_label'"
        )
    subject = fields.text("subject") or speaker
    if not subject:
        fields.fail("the field 'subject' is required when no person is the speaker")
    kind = fields.choice("kind", Statement.Kind)
    text = fields.text("text", required=True)
    if kind == Statement.Kind.QUOTE and text not in article.text:
        fields.fail("a quote's text must be found verbatim in the article text")
    references = {}
    if speaker:
        references["speaker_id"] = ("person", speaker)
    if speaker_organization:
        references["speaker_organization_id"] = ("organization", speaker_organization)
    references["subject_id"] = ("person", subject)
    topic, position = fields.text("topic"), fields.text("position")
    if position and not topic:
        fields.fail("a 'position' needs its 'topic'")
    if topic:
        references["topic_id"] = ("topic", topic)
    if position:
        references["position_id"] = ("position", f"{topic}/{position}")
    record = SeedRecord(
        "statement",
        key,
        where,
        values={
            "speaker_label": speaker_label,
            "kind": kind,
            "text": text,
            "said_on": fields.date("said_on", required=True),
            "venue": fields.text("venue"),
        },
        references=references,
    )
    citations = _citation_records(
        fields, supports=("statement_id", "statement", key), article=article
    )
    return record, citations


def _endorsement_record(
    mapping: dict, *, key: str, where: str, article: _ArticleContext
) -> tuple[SeedRecord, list[SeedRecord]]:
    fields = _Fields(
        mapping,
        where=where,
        allowed={
            "key",
            "endorser_person",
            "endorser_organization",
            "endorsed",
            "kind",
            "endorsed_on",
            "note",
            "citations",
        },
    )
    person, organization = fields.text("endorser_person"), fields.text("endorser_organization")
    if bool(person) == bool(organization):
        fields.fail("give exactly one of 'endorser_person' and 'endorser_organization'")
    references = {"endorsed_id": ("person", fields.text("endorsed", required=True))}
    if person:
        references["endorser_person_id"] = ("person", person)
    else:
        references["endorser_organization_id"] = ("organization", organization)
    record = SeedRecord(
        "endorsement",
        key,
        where,
        values={
            "kind": fields.choice("kind", Endorsement.Kind),
            "endorsed_on": fields.date("endorsed_on"),
            "note": fields.text("note"),
        },
        references=references,
    )
    citations = _citation_records(
        fields, supports=("endorsement_id", "endorsement", key), article=article
    )
    return record, citations


def _stance_shift_record(mapping: dict, *, key: str, where: str) -> SeedRecord:
    fields = _Fields(
        mapping,
        where=where,
        allowed={"key", "subject", "topic", "earlier", "later", "rating", "analysis"},
    )
    return SeedRecord(
        "stance shift",
        key,
        where,
        values={
            "rating": fields.choice("rating", StanceShift.Rating),
            "analysis": fields.text("analysis", required=True),
        },
        references={
            "subject_id": ("person", fields.text("subject", required=True)),
            "topic_id": ("topic", fields.text("topic", required=True)),
            "earlier_id": ("statement", fields.text("earlier", required=True)),
            "later_id": ("statement", fields.text("later", required=True)),
        },
    )


def check_references(seed_files: Sequence[SeedFile]) -> None:
    """Every record is defined once across the files, and refers only to records defined before it."""
    defined: dict[tuple[str, str], SeedRecord] = {}
    for seed_file in seed_files:
        for record in seed_file.records:
            for attname, (kind, key) in record.references.items():
                if (kind, key) not in defined:
                    name = attname.removesuffix("_id")
                    if kind == "position":
                        topic, key = key.split("/", 1)
                        raise SeedError(
                            f"{record.where}: {name} '{key}' is not a position defined "
                            f"under the topic '{topic}'"
                        )
                    raise SeedError(
                        f"{record.where}: {name} '{key}' is not {_article(kind)} {kind} "
                        "defined in the seed files"
                    )
            earlier = defined.get((record.kind, record.key))
            # One article may back several seed files; its snapshot is the same record.
            if earlier is not None and record.kind != "snapshot":
                raise SeedError(f"{record.where}: defined twice (also at {earlier.where})")
            defined[(record.kind, record.key)] = record


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


class _Loader:
    """Writes checked records, finding each again by slug or key and saving only what differs."""

    def __init__(self, *, by, summary: LoadSummary, now: datetime.datetime):
        self.by = by
        self.summary = summary
        self.now = now
        self.loaded: dict[tuple[str, str], models.Model] = {}
        self.reason = ""

    def load(self, record: SeedRecord, *, reason: str) -> None:
        self.reason = reason
        model = MODELS[record.kind]
        values = dict(record.values)
        for attname, reference in record.references.items():
            values[attname] = self.loaded[reference].pk
        instance, seed_key = self._find(record, model, values)
        if instance is None:
            instance = self._create(record, model, values)
            outcome = "created"
        elif record.kind == "snapshot":
            outcome = "unchanged"  # a snapshot is a copy at one moment: never rewritten
        else:
            outcome = self._update(record, instance, values)
        if record.kind not in FOUND_BY_SLUG | {"position", "snapshot"}:
            self._remember_key(record, instance, seed_key)
        self.loaded[(record.kind, record.key)] = instance
        self.summary.outcomes[record.kind][outcome] += 1

    def _find(self, record, model, values) -> tuple[models.Model | None, SeedKey | None]:
        if record.kind in FOUND_BY_SLUG:
            return model.objects.filter(slug=record.key).first(), None
        if record.kind == "position":
            return model.objects.filter(
                topic_id=values["topic_id"], slug=values["slug"]
            ).first(), None
        if record.kind == "snapshot":
            found = model.objects.filter(source_id=values["source_id"], sha256=values["sha256"])
            return found.first(), None
        seed_key = SeedKey.objects.filter(
            content_type=ContentType.objects.get_for_model(model), key=record.key
        ).first()
        if seed_key is None:
            return None, None
        return model._default_manager.filter(pk=seed_key.object_id).first(), seed_key

    def _create(self, record, model, values) -> models.Model:
        instance = model(**values)
        if record.kind in FOUND_BY_SLUG:
            instance.slug = record.key
        if isinstance(instance, EditorialRecord):
            # The seeds are the project's published showcase data.
            instance.status = Status.PUBLISHED
            instance.published_at = self.now
        if record.kind == "snapshot":
            instance.fetched_at = self.now
        if record.kind == "citation":
            instance.verified_at = self.now
        self._save(record, instance)
        return instance

    def _update(self, record, instance, values) -> str:
        changed = {name for name, value in values.items() if getattr(instance, name) != value}
        if not changed:
            return "unchanged"
        for name in changed:
            setattr(instance, name, values[name])
        if changed & {"verification", "snapshot_id", "found_at"}:
            instance.verified_at = self.now
        self._save(record, instance)
        return "updated"

    def _save(self, record: SeedRecord, instance: models.Model) -> None:
        try:
            instance.full_clean()
        except ValidationError as error:
            raise SeedError(f"{record.where}: {_message(error)}") from None
        instance._history_user = self.by
        instance._change_reason = self.reason
        instance.save()

    def _remember_key(self, record, instance, seed_key: SeedKey | None) -> None:
        if seed_key is None:
            SeedKey.objects.create(
                content_type=ContentType.objects.get_for_model(instance),
                object_id=instance.pk,
                key=record.key,
            )
        elif seed_key.object_id != instance.pk:
            # The record it named was deleted (a draft) and has just been made again.
            seed_key.object_id = instance.pk
            seed_key.save(update_fields=["object_id"])


def load_seeds(
    *,
    paths: Iterable[Path],
    by=None,
    progress: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Check every seed file, then load them all in one transaction; raise SeedError on a problem.

    Files or folders (every seed file in them). New records are published; records already
    there are updated only where the seed file says otherwise, and their status is left alone.
    """
    report = progress or (lambda line: None)
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += _seed_files_in(path)
        elif path.exists():
            files.append(path)
        else:
            raise SeedError(f"{_display(path)}: no such file or folder")
    if not files:
        raise SeedError("no seed files to load (expected .yaml, .yml or .json files)")
    seed_files = []
    for path in files:
        seed_file = read_seed_file(path)
        counts = seed_file.counts
        report(
            f"Checked {_display(path)}: "
            + ", ".join(_counted(counts[kind], kind) for kind in MODELS if counts[kind])
        )
        seed_files.append(seed_file)
    check_references(seed_files)

    summary = LoadSummary()
    loader = _Loader(by=by, summary=summary, now=timezone.now())
    with transaction.atomic():
        for kind in MODELS:
            for seed_file in seed_files:
                reason = f"Loaded from seed file {seed_file.path.name}"
                for record in seed_file.records:
                    if record.kind == kind:
                        loader.load(record, reason=reason)
            if kind in summary.outcomes:
                report(f"Loaded: {summary.describe_kind(kind)}")
    return summary
