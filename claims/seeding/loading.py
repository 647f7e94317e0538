"""Loading checked seed records: found again by slug or key, saved only where they differ."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from claims.models import EditorialRecord, SeedKey, Status
from claims.seeding.reading import (
    MODELS,
    SeedError,
    SeedRecord,
    check_references,
    in_loading_order,
    read_seed_file,
    seed_files_in,
    shown_path,
)

FOUND_BY_SLUG = {"organization", "person", "topic", "promise scale"}
# Found by their slug within the record they belong to (its id column).
FOUND_BY_SLUG_IN = {"position": "topic_id", "promise status": "scale_id"}
# Found by their own natural keys, not by a SeedKey.
FOUND_WITHOUT_SEED_KEY = FOUND_BY_SLUG | set(FOUND_BY_SLUG_IN) | {"snapshot"}


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
    return seed_files_in(Path(settings.BASE_DIR) / "seeds")


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
        if record.kind not in FOUND_WITHOUT_SEED_KEY:
            self._remember_key(record, instance, seed_key)
        self.loaded[(record.kind, record.key)] = instance
        self.summary.outcomes[record.kind][outcome] += 1

    def _find(self, record, model, values) -> tuple[models.Model | None, SeedKey | None]:
        if record.kind in FOUND_BY_SLUG:
            return model.objects.filter(slug=record.key).first(), None
        if record.kind in FOUND_BY_SLUG_IN:
            parent = FOUND_BY_SLUG_IN[record.kind]
            return model.objects.filter(
                **{parent: values[parent]}, slug=values["slug"]
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
        try:
            instance.save()
        except DatabaseError as error:
            # A rule only the database enforces (a trigger); the transaction is rolled back.
            reason = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise SeedError(f"{record.where}: the database refused it: {reason}") from None

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
            files += seed_files_in(path)
        elif path.exists():
            files.append(path)
        else:
            raise SeedError(f"{shown_path(path)}: no such file or folder")
    if not files:
        raise SeedError("no seed files to load (expected .yaml, .yml or .json files)")
    seed_files = []
    for path in files:
        seed_file = read_seed_file(path)
        counts = seed_file.counts
        report(
            f"Checked {shown_path(path)}: "
            + ", ".join(_counted(counts[kind], kind) for kind in MODELS if counts[kind])
        )
        seed_files.append(seed_file)
    check_references(seed_files)

    summary = LoadSummary()
    loader = _Loader(by=by, summary=summary, now=timezone.now())
    with transaction.atomic():
        for seed_file, record in in_loading_order(seed_files):
            loader.load(record, reason=f"Loaded from seed file {seed_file.path.name}")
    for kind in MODELS:
        if kind in summary.outcomes:
            report(f"Loaded: {summary.describe_kind(kind)}")
    return summary
