"""Reading seed files: every field checked, every excerpt found, before the database is touched.

Each record becomes a SeedRecord: its kind, the slug or key it is found again by, its field
values, and its references to other records by kind and key. Errors are SeedError, one line
naming the file, the record and the reason.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from django.db import models

from claims.models import (
    Citation,
    Endorsement,
    Position,
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
    StanceShift,
    Statement,
    Topic,
)
from core.partial_dates import PartialDate, as_partial_date
from people.models import Organization, Person, Role
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
    "promise scale": PromiseScale,
    "promise status": PromiseRating,
    "promise": Promise,
    "promise status change": PromiseStatusChange,
    "promise citation": PromiseCitation,
}
TOP_LEVEL_FIELDS = {
    "article",
    "sources",
    "organizations",
    "people",
    "topics",
    "statements",
    "endorsements",
    "stance_shifts",
    "promise_scales",
    "promises",
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
    """A checked seed file: the article it rests on, and its records."""

    path: Path
    article: Article
    records: list[SeedRecord]

    @property
    def counts(self) -> Counter:
        return Counter(record.kind for record in self.records)


def in_loading_order(seed_files: Sequence[SeedFile]) -> Iterator[tuple[SeedFile, SeedRecord]]:
    """Kind by kind (as in MODELS), then file by file: each record after those it refers to."""
    for kind in MODELS:
        for seed_file in seed_files:
            for record in seed_file.records:
                if record.kind == kind:
                    yield seed_file, record


def seed_files_in(folder: Path) -> list[Path]:
    """The seed files in a folder, in name order."""
    return sorted(path for path in folder.iterdir() if path.suffix in SEED_SUFFIXES)


def shown_path(path: Path) -> str:
    """The path as the user knows it: relative to the working folder when under it."""
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
    display = shown_path(path)
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
        language = "JSON" if path.suffix == ".json" else "YAML"
        raise SeedError(f"{display}: invalid {language}{at}: {problem}") from None
    if not isinstance(content, dict):
        raise SeedError(
            f"{display}: a seed file must be a mapping with an 'article' and its records"
        )
    return content


def read_seed_file(path: Path) -> SeedFile:
    """Read and check one seed file and its article text; raise SeedError on the first problem.

    Touches no database: references between records are checked by `check_references`.
    """
    display = shown_path(path)
    document = _Fields(_load_yaml(path), where=display, allowed=TOP_LEVEL_FIELDS)

    def each(section: str, label: str, key_name: str, read, **context) -> list[SeedRecord]:
        records = []
        for mapping in document.mappings(section):
            key = _record_key(mapping, key_name, where=display, label=label)
            records += read(mapping, key=key, where=f"{display}: {label} '{key}'", **context)
        return records

    if "article" not in document.mapping:
        document.fail("the field 'article' is required (the article the records rest on)")
    article, article_records = _article_records(document.mapping["article"], path=path)
    records = [
        *each("organizations", "organization", "slug", _organization_records),
        *each("people", "person", "slug", _person_records),
        *each("topics", "topic", "slug", _topic_records),
        # The sources the article reports through come first, so its `via` finds them.
        *each("sources", "source", "key", _source_records),
        *article_records,
        *each("statements", "statement", "key", _statement_records, article=article),
        *each("endorsements", "endorsement", "key", _endorsement_records, article=article),
        *each("stance_shifts", "stance shift", "key", _stance_shift_records),
        *each("promise_scales", "promise scale", "slug", _promise_scale_records),
        *each("promises", "promise", "key", _promise_records, article=article),
    ]
    return SeedFile(path=path, article=article, records=records)


def _organization_records(mapping: dict, *, key: str, where: str) -> list[SeedRecord]:
    fields = _Fields(mapping, where=where, allowed={"slug", "name", "aliases", "kind"})
    values = {
        "name": fields.text("name", required=True),
        "aliases": "\n".join(fields.strings("aliases")),
        "kind": fields.choice("kind", Organization.Kind, default="other"),
    }
    return [SeedRecord("organization", key, where, values)]


def _person_records(mapping: dict, *, key: str, where: str) -> list[SeedRecord]:
    """The person and their roles."""
    fields = _Fields(
        mapping, where=where, allowed={"slug", "name", "aliases", "description", "roles"}
    )
    values = {
        "name": fields.text("name", required=True),
        "aliases": "\n".join(fields.strings("aliases")),
        "description": fields.text("description"),
    }
    records = [SeedRecord("person", key, where, values)]
    for role_mapping in fields.mappings("roles"):
        role_key = _record_key(role_mapping, "key", where=where, label="role")
        role_where = f"{where}: role '{role_key}'"
        role = _Fields(
            role_mapping, where=role_where, allowed={"key", "title", "organization", "start", "end"}
        )
        references = {"person_id": ("person", key)}
        if organization := role.text("organization"):
            references["organization_id"] = ("organization", organization)
        values = {
            "title": role.text("title", required=True),
            "start": role.date("start"),
            "end": role.date("end"),
        }
        records.append(SeedRecord("role", role_key, role_where, values, references))
    return records


def _topic_records(mapping: dict, *, key: str, where: str) -> list[SeedRecord]:
    """The topic and its positions (found again by topic and slug)."""
    fields = _Fields(mapping, where=where, allowed={"slug", "name", "description", "positions"})
    values = {
        "name": fields.text("name", required=True),
        "description": fields.text("description"),
    }
    records = [SeedRecord("topic", key, where, values)]
    for position_mapping in fields.mappings("positions"):
        slug = _record_key(position_mapping, "slug", where=where, label="position")
        position_where = f"{where}: position '{slug}'"
        position = _Fields(
            position_mapping,
            where=position_where,
            allowed={"slug", "name", "axis_value", "description"},
        )
        values = {
            "slug": slug,
            "name": position.text("name", required=True),
            "axis_value": position.integer("axis_value"),
            "description": position.text("description"),
        }
        records.append(
            SeedRecord(
                "position", f"{key}/{slug}", position_where, values, {"topic_id": ("topic", key)}
            )
        )
    return records


SOURCE_FIELDS = {"key", "title", "kind", "publisher", "published_on", "via"}


def _source_records(
    mapping: dict, *, key: str, where: str, allowed: set[str] = SOURCE_FIELDS
) -> list[SeedRecord]:
    fields = _Fields(mapping, where=where, allowed=allowed)
    references = {}
    if publisher := fields.text("publisher"):
        references["publisher_id"] = ("organization", publisher)
    if via := fields.text("via"):
        references["via_id"] = ("source", via)
    values = {
        "title": fields.text("title", required=True),
        "kind": fields.choice("kind", Source.Kind, default="article"),
        "published_on": fields.date("published_on"),
    }
    return [SeedRecord("source", key, where, values, references)]


@dataclass
class Article:
    """The article a seed file rests on: its source's key, raw bytes and text."""

    key: str
    raw: bytes
    text: str

    @property
    def sha256(self) -> str:
        return Snapshot.digest(self.raw)


def _article_records(mapping: object, *, path: Path) -> tuple[Article, list[SeedRecord]]:
    """The article as a source, and a snapshot of its text file (found again by its SHA-256)."""
    display = shown_path(path)
    key = _record_key(mapping, "key", where=display, label="article")
    where = f"{display}: article '{key}'"
    fields = _Fields(mapping, where=where, allowed={*SOURCE_FIELDS, "file"})
    text_path = path.parent / fields.text("file", required=True)
    try:
        raw = text_path.read_bytes()
    except OSError as error:
        fields.fail(f"the article file {shown_path(text_path)} cannot be read ({error.strerror})")
    try:
        article = Article(key=key, raw=raw, text=raw.decode("utf-8"))
    except UnicodeDecodeError:
        fields.fail(f"the article file {shown_path(text_path)} is not UTF-8 text")
    snapshot = SeedRecord(
        "snapshot",
        article.sha256,
        where,
        values={
            "sha256": article.sha256,
            "text": article.text,
            "size": len(raw),
            "content_type": "text/plain; charset=utf-8",
        },
        references={"source_id": ("source", key)},
    )
    source = _source_records(mapping, key=key, where=where, allowed={*SOURCE_FIELDS, "file"})
    return article, [*source, snapshot]


def _citation_records(
    fields: _Fields, *, supports: tuple[str, str, str], article: Article
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
            citation.fail(
                "excerpt not found verbatim in the article text "
                f"(the article has it only as far as “{_longest_prefix_in(excerpt, article.text)}”)"
            )
        source = citation.text("source") or article.key
        paragraph = article.text.count("\n", 0, found_at) + 1
        references = {attname: (kind, key), "source_id": ("source", source)}
        values = {
            "excerpt": excerpt,
            # Another outlet's words are known only through the article: say where it has them.
            "locator": citation.text("locator")
            or f"quoted in paragraph {paragraph} of the article reporting it",
            "verification": Citation.Verification.NO_SNAPSHOT,
            "found_at": None,
        }
        if source == article.key:
            # Checked here against the very text the snapshot will hold.
            references["snapshot_id"] = ("snapshot", article.sha256)
            values.update(
                locator=citation.text("locator") or f"paragraph {paragraph}",
                verification=Citation.Verification.FOUND,
                found_at=found_at,
            )
        records.append(SeedRecord("citation", citation_key, where, values, references))
    return records


def _longest_prefix_in(excerpt: str, text: str) -> str:
    """The longest start of the excerpt that the text contains (its last 40 characters)."""
    low, high = 0, len(excerpt)
    while low < high:
        middle = (low + high + 1) // 2
        if excerpt[:middle] in text:
            low = middle
        else:
            high = middle - 1
    prefix = excerpt[:low]
    return prefix if len(prefix) <= 40 else "..." + prefix[-40:]


def _statement_records(
    mapping: dict, *, key: str, where: str, article: Article
) -> list[SeedRecord]:
    """The statement and its citations."""
    fields = _Fields(
        mapping,
        where=where,
        allowed={"key", *Statement.EDITABLE_FIELDS, "citations"},
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
    return [
        record,
        *_citation_records(fields, supports=("statement_id", "statement", key), article=article),
    ]


def _endorsement_records(
    mapping: dict, *, key: str, where: str, article: Article
) -> list[SeedRecord]:
    """The endorsement and its citations."""
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
    return [
        record,
        *_citation_records(
            fields, supports=("endorsement_id", "endorsement", key), article=article
        ),
    ]


def _stance_shift_records(mapping: dict, *, key: str, where: str) -> list[SeedRecord]:
    fields = _Fields(
        mapping,
        where=where,
        allowed={"key", "subject", "topic", "earlier", "later", "rating", "analysis"},
    )
    record = SeedRecord(
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
    return [record]


def _promise_scale_records(mapping: dict, *, key: str, where: str) -> list[SeedRecord]:
    """The scale and its statuses (found again by scale and slug)."""
    fields = _Fields(mapping, where=where, allowed={"slug", "name", "description", "statuses"})
    values = {"name": fields.text("name", required=True), "description": fields.text("description")}
    records = [SeedRecord("promise scale", key, where, values)]
    for order, status_mapping in enumerate(fields.mappings("statuses")):
        slug = _record_key(status_mapping, "slug", where=where, label="status")
        status_where = f"{where}: status '{slug}'"
        status = _Fields(
            status_mapping, where=status_where, allowed={"slug", "name", "outcome", "description"}
        )
        values = {
            "slug": slug,
            "name": status.text("name", required=True),
            "order": order,
            "outcome": status.choice("outcome", PromiseRating.Outcome),
            "description": status.text("description"),
        }
        references = {"scale_id": ("promise scale", key)}
        records.append(
            SeedRecord("promise status", f"{key}/{slug}", status_where, values, references)
        )
    return records


def _promise_records(mapping: dict, *, key: str, where: str, article: Article) -> list[SeedRecord]:
    """The promise, its citations, and its status changes with theirs."""
    fields = _Fields(
        mapping,
        where=where,
        allowed={
            "key",
            "person",
            "wording",
            "promised_on",
            "topic",
            "deadline",
            "scale",
            "citations",
            "changes",
        },
    )
    scale = fields.text("scale", required=True)
    record = SeedRecord(
        "promise",
        key,
        where,
        values={
            "wording": fields.text("wording", required=True),
            "promised_on": fields.date("promised_on", required=True),
            "deadline": fields.date("deadline"),
        },
        references={
            "person_id": ("person", fields.text("person", required=True)),
            "topic_id": ("topic", fields.text("topic", required=True)),
            "scale_id": ("promise scale", scale),
        },
    )
    records = [record, *_promise_citation_records(fields, ("promise_id", "promise", key), article)]
    for change_mapping in fields.mappings("changes"):
        change_key = _record_key(change_mapping, "key", where=where, label="status change")
        change_where = f"{where}: status change '{change_key}'"
        change = _Fields(
            change_mapping,
            where=change_where,
            allowed={"key", "changed_on", "status", "analysis", "citations"},
        )
        change_record = SeedRecord(
            "promise status change",
            change_key,
            change_where,
            values={
                "changed_on": change.date("changed_on", required=True),
                "analysis": change.text("analysis", required=True),
            },
            references={
                "promise_id": ("promise", key),
                "rating_id": ("promise status", f"{scale}/{change.text('status', required=True)}"),
            },
        )
        supports = ("status_change_id", "promise status change", change_key)
        records += [change_record, *_promise_citation_records(change, supports, article)]
    return records


def _promise_citation_records(
    fields: _Fields, supports: tuple[str, str, str], article: Article
) -> list[SeedRecord]:
    """The citations of a promise or a status change; each excerpt must be in the article."""
    attname, kind, key = supports
    mappings = fields.mappings("citations")
    if not mappings:
        fields.fail("needs at least one citation")
    records = []
    for mapping in mappings:
        citation_key = _record_key(mapping, "key", where=fields.where, label="citation")
        where = f"{fields.where}: citation '{citation_key}'"
        citation = _Fields(mapping, where=where, allowed={"key", "excerpt", "locator", "statement"})
        excerpt = citation.text("excerpt", required=True)
        found_at = article.text.find(excerpt)
        if found_at < 0:
            citation.fail(
                "excerpt not found verbatim in the article text "
                f"(the article has it only as far as “{_longest_prefix_in(excerpt, article.text)}”)"
            )
        paragraph = article.text.count("\n", 0, found_at) + 1
        references = {attname: (kind, key), "source_id": ("source", article.key)}
        if statement := citation.text("statement"):
            references["statement_id"] = ("statement", statement)
        values = {
            "excerpt": excerpt,
            "locator": citation.text("locator") or f"paragraph {paragraph}",
        }
        records.append(SeedRecord("promise citation", citation_key, where, values, references))
    return records


def check_references(seed_files: Sequence[SeedFile]) -> None:
    """Each record is defined once across the files, and refers only to records loaded before it."""
    defined: dict[tuple[str, str], SeedRecord] = {}
    for _, record in in_loading_order(seed_files):
        for attname, (kind, key) in record.references.items():
            if (kind, key) in defined:
                continue
            name = attname.removesuffix("_id")
            if kind == "promise status":
                scale, slug = key.split("/", 1)
                raise SeedError(
                    f"{record.where}: status '{slug}' is not a status defined under the promise "
                    f"scale '{scale}'"
                )
            if kind == "position":
                topic, slug = key.split("/", 1)
                raise SeedError(
                    f"{record.where}: {name} '{slug}' is not a position defined under the topic "
                    f"'{topic}'"
                )
            raise SeedError(
                f"{record.where}: {name} '{key}' is not {_article(kind)} {kind} defined in the "
                "seed files"
            )
        earlier = defined.get((record.kind, record.key))
        # Two seed files may rest on the same article text: one snapshot serves both.
        if earlier is not None and record.kind != "snapshot":
            raise SeedError(f"{record.where}: defined twice (also at {earlier.where})")
        defined[(record.kind, record.key)] = record


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"
