"""The mixed load test's database side: editors before the run, every write checked after it.

`prepare` (through `manage.py bench_mixed prepare`, bench settings only) removes what an
earlier run left, creates the editors with their API tokens (staff in the Editor group,
no usable password, so no login and no django-axes lockout is involved), and picks what
readers will read. `verify` compares the ledger of write attempts the clients kept with
the database: every write answered 201/200 is there exactly once with what was sent, and
nothing else was written. `cleanup` removes the run's drafts, citations, their history
and the editors, so the dataset is again the generated one (`generate_dataset
--keep-if-same` counts statements).
"""

from __future__ import annotations

import random
import re
import secrets
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.test import Client
from rest_framework.authtoken.models import Token

from bench.mixed_load import (
    ACCEPT,
    CREATE_CITATION,
    CREATE_STATEMENT,
    EDIT_STATEMENT,
    MARKER_PREFIX,
    Write,
)
from bench.probe import served_host
from claims.models import Citation, Statement
from claims.services import EDITOR_GROUP, ensure_editorial_groups
from sources.models import Source

EDITOR_PREFIX = "loadtest-editor-"
MARKER = re.compile(re.escape(MARKER_PREFIX) + r"[0-9a-z:]+")
SEARCH_WORDS = ("housing", "police", "budget", "climate", "subway", "wages")
SAMPLES = {"statement-detail": 60, "person-page": 20, "stance-history": 20, "conditional-304": 5}


def prepare(*, editors: int, seed: int = 1) -> dict:
    """Editors with tokens and the paths readers read, as the plan the clients follow."""
    cleanup()
    ensure_editorial_groups()
    group = Group.objects.get(name=EDITOR_GROUP)
    tokens = []
    with transaction.atomic():
        for number in range(editors):
            user = get_user_model().objects.create_user(
                username=f"{EDITOR_PREFIX}{number:03d}", password=None, is_staff=True
            )
            user.groups.add(group)
            tokens.append(Token.objects.create(user=user).key)
    rng = random.Random(seed)
    published = Statement.objects.published()
    ids = sorted(published.values_list("pk", flat=True))
    if not ids:
        raise ValueError("the database holds no published statements; generate a dataset first")
    chosen = published.filter(pk__in=rng.sample(ids, min(len(ids), 200))).order_by("pk")
    rows = list(chosen.values_list("pk", "subject__slug", "topic__slug"))
    rng.shuffle(rows)
    speakers = sorted({subject for _, subject, _ in rows if subject})
    pairs = sorted({(subject, topic) for _, subject, topic in rows if subject and topic})
    lists = ["/api/v1/statements/", *(f"/api/v1/statements/?speaker={s}" for s in speakers[:4])]
    reads = {
        "statements-list": [_read(path) for path in lists],
        "statement-detail": [
            _read(f"/api/v1/statements/{pk}/") for pk, _, _ in rows[: SAMPLES["statement-detail"]]
        ],
        "person-page": [_read(f"/people/{slug}/") for slug in speakers[: SAMPLES["person-page"]]],
        "stance-history": [
            _read(f"/api/v1/people/{subject}/stances/{topic}/")
            for subject, topic in rng.sample(pairs, min(len(pairs), SAMPLES["stance-history"]))
        ],
        "search": [_read(f"/api/v1/statements/?q={word}") for word in SEARCH_WORDS],
        "conditional-304": _conditional_reads(
            [pk for pk, _, _ in rows[: SAMPLES["conditional-304"]]]
        ),
    }
    sources = list(Source.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    return {
        "run": secrets.token_hex(4),
        "tokens": tokens,
        "speakers": speakers,
        "sources": rng.sample(sources, min(len(sources), 50)),
        "reads": reads,
        "before": _latest_ids(),
    }


def _read(path: str, status: int = 200, headers: dict | None = None) -> dict:
    return {"path": path, "status": status, "headers": headers or {}}


def _conditional_reads(statement_ids: list[int]) -> list[dict]:
    """Statement details with If-None-Match set to their current ETag, answered 304."""
    client = Client(HTTP_HOST=served_host(), raise_request_exception=False)
    reads = []
    for pk in statement_ids:
        path = f"/api/v1/statements/{pk}/"
        etag = client.get(path, HTTP_ACCEPT=ACCEPT).headers.get("ETag")
        if etag:
            reads.append(_read(path, 304, {"If-None-Match": etag}))
    return reads


def _latest_ids() -> dict[str, int]:
    return {
        "statement": Statement.objects.aggregate(latest=Max("pk"))["latest"] or 0,
        "citation": Citation.objects.aggregate(latest=Max("pk"))["latest"] or 0,
    }


@dataclass
class Verification:
    """The ledger against the database: write attempts acknowledged, verified, and problems."""

    acknowledged: dict[str, int] = field(default_factory=dict)
    verified: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def verify(ledger: dict) -> Verification:
    """Check every write attempt of the ledger against the database.

    - a draft created with 201 is stored exactly once, under the id the answer gave;
    - its text is that of its last edit answered 200 (or as created), and its version
      is 1 + the edits answered 200 (each save bumps it once; citations do not);
    - a citation created with 201 is stored exactly once, for the statement it named;
    - nothing else was written: no stored draft or citation of the run without a 201,
      no applied edit without a 200, and no statement or citation newer than the run's
      start that is not one of the run's.
    """
    writes = [Write(**write) for write in ledger["writes"]]
    prefix = f"{MARKER_PREFIX}{ledger['run']}:"
    result = Verification()
    for op in (CREATE_STATEMENT, EDIT_STATEMENT, CREATE_CITATION):
        result.acknowledged[op] = sum(
            1 for w in writes if w.op == op and w.status == _acknowledged_status(op)
        )
        result.verified[op] = 0

    stored = _by_marker(
        Statement.objects.filter(text__contains=prefix).values_list("pk", "text", "version"),
        text_at=1,
    )
    created = {w.marker: w for w in writes if w.op == CREATE_STATEMENT and w.status == 201}
    attempts = {w.marker: w for w in writes if w.op == CREATE_STATEMENT}
    edits: dict[str, list[Write]] = defaultdict(list)
    for write in writes:
        if write.op == EDIT_STATEMENT:
            edits[write.marker].append(write)
    _check_once(result, "statement", stored, created, attempts)
    for mark, write in created.items():
        row = next((row for row in stored.get(mark, []) if row[0] == write.record), None)
        if row is None:
            continue
        _, text, version = row
        answered = [edit for edit in edits[mark] if edit.status == 200]
        expected_text = answered[-1].text if answered else write.text
        if version == 1 + len(answered) and text == expected_text:
            result.verified[CREATE_STATEMENT] += 1
            result.verified[EDIT_STATEMENT] += len(answered)
            continue
        if version < 1 + len(answered):
            problem = f"lost edit: statement {write.record} ({mark}) is at version {version}"
        else:
            problem = (
                f"unacknowledged edit: statement {write.record} ({mark}) is at version {version}"
            )
        statuses = [edit.status for edit in edits[mark]]
        problem += f" after edits answered {statuses}"
        if text != expected_text:
            problem += f"; its text is {text!r}, not {expected_text!r}"
        result.problems.append(problem)

    citations = _by_marker(
        Citation.objects.filter(excerpt__contains=prefix).values_list(
            "pk", "excerpt", "statement_id"
        ),
        text_at=1,
    )
    cited = {w.marker: w for w in writes if w.op == CREATE_CITATION and w.status == 201}
    tried = {w.marker: w for w in writes if w.op == CREATE_CITATION}
    _check_once(result, "citation", citations, cited, tried)
    for mark, write in cited.items():
        row = next((row for row in citations.get(mark, []) if row[0] == write.record), None)
        if row is None:
            continue
        if row[2] == write.statement and row[1] == write.text:
            result.verified[CREATE_CITATION] += 1
        else:
            result.problems.append(
                f"citation {write.record} ({mark}) cites statement {row[2]} with {row[1]!r}, "
                f"not statement {write.statement} with {write.text!r}"
            )

    before = ledger["before"]
    strangers = Statement.objects.filter(pk__gt=before["statement"]).exclude(text__contains=prefix)
    strangers_cited = Citation.objects.filter(pk__gt=before["citation"]).exclude(
        excerpt__contains=prefix
    )
    for model, rows in (("statement", strangers), ("citation", strangers_cited)):
        found = list(rows.values_list("pk", flat=True)[:10])
        if found:
            result.problems.append(
                f"written without the run's marker: {model}s {found} (created since the run began)"
            )
    return result


def _acknowledged_status(op: str) -> int:
    return 200 if op == EDIT_STATEMENT else 201


def _by_marker(rows, *, text_at: int) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        match = MARKER.search(row[text_at])
        if match:
            found[match.group()].append(row)
    return found


def _check_once(
    result: Verification,
    model: str,
    stored: dict[str, list[tuple]],
    acknowledged: dict[str, Write],
    attempts: dict[str, Write],
) -> None:
    """Each acknowledged write stored once under its id; nothing stored without acknowledgement."""
    for mark, rows in sorted(stored.items()):
        ids = [row[0] for row in rows]
        if len(rows) > 1:
            result.problems.append(f"duplicated {model}: {mark} is stored {len(rows)} times {ids}")
        if mark not in acknowledged:
            attempt = attempts.get(mark)
            answer = "never sent" if attempt is None else f"answered {attempt.status}"
            result.problems.append(
                f"unacknowledged {model}: {mark} is stored as {ids} but its write was {answer}"
            )
    for mark, write in sorted(acknowledged.items()):
        ids = [row[0] for row in stored.get(mark, [])]
        if not ids:
            result.problems.append(
                f"lost {model}: {mark} (id {write.record}) was acknowledged but is not stored"
            )
        elif write.record not in ids:
            result.problems.append(
                f"{model} {mark} was acknowledged as id {write.record} but is stored as {ids}"
            )


def cleanup() -> dict[str, int]:
    """Remove every load test's drafts, citations, their history and the editors."""
    statements = Statement.objects.filter(text__contains=MARKER_PREFIX)
    statement_ids = list(statements.values_list("pk", flat=True))
    citation_ids = list(
        Citation.objects.filter(statement_id__in=statement_ids).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Citation.objects.filter(pk__in=citation_ids).delete()
        statements.delete()
        # Last: deleting writes a history row of its own.
        Citation.history.filter(id__in=citation_ids).delete()
        Statement.history.filter(id__in=statement_ids).delete()
        editors = get_user_model().objects.filter(username__startswith=EDITOR_PREFIX)
        editor_count = editors.count()
        editors.delete()
    return {
        "statements": len(statement_ids),
        "citations": len(citation_ids),
        "editors": editor_count,
    }
