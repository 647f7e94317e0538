"""Export everything to one versioned archive file, and restore it into an empty database.

The archive is JSON Lines (gzip-compressed when the name ends in .gz): a header line naming
the format and its version, one line per record, and a trailer with the counts (so a cut-off
file is detected). It holds every row of people, sources and claims, their history tables,
snapshots and the audit log, plus the user accounts that history names (without passwords:
restored accounts must set a new one). Primary keys are kept, so URLs stay the same; users and
content types are referred to by natural keys, so they need not have the same ids.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from claims.matching.candidates import fingerprint
from claims.models import Statement
from core import revisions
from core.models import ContentRevision

FORMAT = "claimtracker-archive"
FORMAT_VERSION = 1
ARCHIVED_APPS = ("people", "sources", "claims")
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "is_superuser",
    "date_joined",
)
BATCH_SIZE = 500

Progress = Callable[[str], None]


class ArchiveError(Exception):
    """An archive that cannot be written or restored; the message says why, in one line."""


def archived_models() -> list[type[models.Model]]:
    """Every model of the archived apps, each after the models its foreign keys point to."""
    # Proxy models (QuoteNotFound) share their concrete model's table: archived once, through it.
    # The content revision is this database's own counter: an import moves it, never sets it.
    candidates = [
        model
        for app in ARCHIVED_APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.proxy and model is not ContentRevision
    ]
    ordered: list[type[models.Model]] = []
    visiting: set = set()

    def visit(model):
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in candidates and target is not model:
                visit(target)
        visiting.discard(model)
        ordered.append(model)

    for model in candidates:
        visit(model)
    return ordered


@contextmanager
def _open(path: Path, mode: str):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, mode + "t", encoding="utf-8") as stream:
        yield stream


class ArchiveJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but keeping microseconds (it cuts times to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _line(payload: dict) -> str:
    return json.dumps(payload, cls=ArchiveJSONEncoder, ensure_ascii=False) + "\n"


def _user_records() -> Iterator[dict]:
    for user in get_user_model()._default_manager.order_by("pk").prefetch_related("groups"):
        yield {
            "model": "auth.user",
            "fields": {name: getattr(user, name) for name in USER_FIELDS}
            | {"groups": sorted(group.name for group in user.groups.all())},
        }


def export_archive(*, path: Path, progress: Progress = lambda message: None) -> dict[str, int]:
    """Write every archived record to path; return the count per model.

    The archive is written beside path and moved onto it once complete, so an export that
    fails midway leaves whatever was at path (the last good archive) as it was.
    """
    path = Path(path)
    if path.is_dir():
        raise ArchiveError(f"Cannot write {path}: Is a directory")
    partial = path.with_name(f".{path.stem}.partial-{os.getpid()}{path.suffix}")
    try:
        counts = _write_archive(partial, progress)
        os.replace(partial, path)
    except OSError as error:
        raise ArchiveError(f"Cannot write {path}: {error.strerror or error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _write_archive(path: Path, progress: Progress) -> dict[str, int]:
    counts: dict[str, int] = {}
    # Only a transaction of our own can choose its isolation (a test's outer one cannot).
    own_snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(), _open(path, "w") as stream:
        if own_snapshot:
            # One snapshot for the whole export, so records and history agree.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        stream.write(
            _line(
                {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "exported_at": timezone.now(),
                }
            )
        )
        users = 0
        for record in _user_records():
            stream.write(_line(record))
            users += 1
        counts["auth.user"] = users
        progress(f"auth.user: {users}")
        for model in archived_models():
            label = model._meta.label_lower
            written = 0
            queryset = model._base_manager.order_by("pk")
            for record in serializers.serialize(
                "python",
                queryset.iterator(chunk_size=BATCH_SIZE),
                use_natural_foreign_keys=True,
            ):
                stream.write(_line(record))
                written += 1
            counts[label] = written
            progress(f"{label}: {written}")
        stream.write(_line({"end": True, "counts": counts}))
    return counts


def occupied_models() -> list[str]:
    """The archived models that already hold rows (an import refuses to mix into them)."""
    return [model._meta.label_lower for model in archived_models() if model._base_manager.exists()]


def _read_lines(path: Path) -> Iterator[dict]:
    try:
        with _open(path, "r") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ArchiveError(
                        f"{path}, line {number}: not valid JSON ({error.msg})"
                    ) from None
    except FileNotFoundError:
        raise ArchiveError(f"No such archive: {path}") from None
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ArchiveError(f"Cannot read {path}: {error}") from None


def _check_header(header: dict | None, path: Path) -> None:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a Claim Tracker archive (no {FORMAT} header).")
    version = header.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveError(
            f"{path} is archive format version {version}; this Claim Tracker reads version "
            f"{FORMAT_VERSION} only."
        )


def _wipe_archived_records() -> None:
    """Delete every archived row (for --force), bypassing the refusal to delete public records."""
    for model in reversed(archived_models()):
        for field in model._meta.local_many_to_many:
            field.remote_field.through._base_manager.all()._raw_delete(connection.alias)
        model._base_manager.all()._raw_delete(connection.alias)


def _restore_user(fields: dict) -> bool:
    """Create the account if no account has its username; never overwrite an existing one."""
    User = get_user_model()
    if User._default_manager.filter(username=fields["username"]).exists():
        return False
    groups = fields.pop("groups", [])
    user = User(**fields, password=make_password(None))
    user.save()
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return True


class _Batch:
    """Deserialized records of one model, written as they were stored."""

    def __init__(self):
        self.model = None
        self.objects = []
        self.m2m = []
        self.count = 0

    def add(self, deserialized) -> None:
        self.objects.append(deserialized.object)
        self.m2m.append(deserialized.m2m_data or {})
        self.count += 1
        if len(self.objects) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.objects:
            return
        for obj in self.objects:
            if isinstance(obj, Statement):
                # Derived from the text, and absent from an archive written before claims.0018.
                obj.fingerprint = fingerprint(obj.text)
            # As loaddata does: a raw insert keeps every stored value (bulk_create would stamp
            # auto_now fields with the time of the import) and writes no new history.
            obj.save_base(raw=True, force_insert=True)
        # Link rows straight into the through tables: related managers would fire m2m signals,
        # and django-simple-history would write new history rows for them.
        for field in self.model._meta.local_many_to_many:
            through = field.remote_field.through
            links = [
                through(**{field.m2m_column_name(): obj.pk, field.m2m_reverse_name(): target})
                for obj, m2m_data in zip(self.objects, self.m2m, strict=True)
                for target in m2m_data.get(field.name, [])
            ]
            through._base_manager.bulk_create(links, batch_size=BATCH_SIZE)
            revisions.note_change()  # bulk_create sends no signal
        self.objects, self.m2m = [], []


def import_archive(
    *, path: Path, force: bool = False, progress: Progress = lambda message: None
) -> dict[str, int]:
    """Restore an archive into an empty database (or, with force, replace what is there).

    All or nothing: any error rolls the whole import back.
    """
    path = Path(path)
    lines = _read_lines(path)
    _check_header(next(lines, None), path)
    known = {model._meta.label_lower: model for model in archived_models()}
    occupied = occupied_models()
    if occupied and not force:
        raise ArchiveError(
            f"The database is not empty ({', '.join(occupied[:3])}"
            f"{', ...' if len(occupied) > 3 else ''} hold records); use --force to replace them."
        )
    try:
        return _import_records(lines, path=path, known=known, force=force, progress=progress)
    except DatabaseError as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ArchiveError(
            f"The database refused the archive ({first_line}); nothing was imported."
        ) from None
    except (
        serializers.base.DeserializationError,
        FieldDoesNotExist,
        ObjectDoesNotExist,
        ValidationError,
        KeyError,
        TypeError,
        ValueError,
    ) as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ArchiveError(
            f"{path}: a record cannot be restored ({first_line}); nothing was imported."
        ) from None


def _import_records(
    lines, *, path: Path, known: dict, force: bool, progress: Progress
) -> dict[str, int]:
    counts: dict[str, int] = {}
    trailer = None
    with transaction.atomic():
        if force:
            _wipe_archived_records()
        batch = _Batch()
        users = 0
        for record in lines:
            if record.get("end"):
                trailer = record
                break
            label = record.get("model")
            if label == "auth.user":
                users += _restore_user(dict(record["fields"]))
                counts["auth.user"] = counts.get("auth.user", 0) + 1
                continue
            if label not in known:
                raise ArchiveError(f"{path}: unknown model {label!r} in the archive.")
            if known[label] is not batch.model:
                batch.flush()
                if batch.model is not None:
                    progress(f"{batch.model._meta.label_lower}: {batch.count}")
                batch.model, batch.count = known[label], 0
            (deserialized,) = serializers.deserialize("python", [record])
            batch.add(deserialized)
            counts[label] = counts.get(label, 0) + 1
        batch.flush()
        if batch.model is not None:
            progress(f"{batch.model._meta.label_lower}: {batch.count}")
        if trailer is None:
            raise ArchiveError(f"{path} is cut off (no end line); nothing was imported.")
        expected = {label: count for label, count in trailer.get("counts", {}).items() if count}
        if expected != counts:
            raise ArchiveError(
                f"{path} does not hold the records its end line counts; nothing was imported."
            )
        progress(f"auth.user: {counts.get('auth.user', 0)} ({users} accounts created)")
        _reset_sequences(list(known.values()))
    return counts


def _reset_sequences(models_list: list[type[models.Model]]) -> None:
    """After inserting explicit ids, point each id sequence past the highest (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
