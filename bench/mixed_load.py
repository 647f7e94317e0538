"""The mixed load test's clients: anonymous readers and editors writing, every request accounted.

No Django here: this runs in the measuring process (bench.measure), apart from the server.
Each client is a thread with at most one request in flight (a closed loop, no think time),
on a fresh connection per request (`Connection: close`, as gunicorn's sync workers answer
anyway), so 100 clients are 100 requests waiting or being served at any moment.

Readers pick an operation by weight (READ_MIX) and a path for it from the plan that
`manage.py bench_mixed prepare` printed. Editors each own the drafts they create and
nobody else touches them, so no update of theirs can meet a newer version: a 412 is an
error here, like every status other than the one expected. An editor's story:

    POST a draft statement (a unique marker in its text)     201
    POST a citation of a source for it (the marker too)       201
    GET the draft, for its ETag                               200
    PATCH its text three times, each with If-Match set to     200, 200, 200
      the ETag the previous answer gave

Every write attempt goes into the ledger with the status it got (None when no answer
came: a socket error or a timeout), which `manage.py bench_mixed verify` checks against
the database. Nothing is retried: a retry could write twice, and that is what is checked.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

# What every client asks for; the plan's ETags are fetched with it too (bench/mixed.py).
ACCEPT = "application/json, text/html"

MARKER_PREFIX = "loadtest:"
# (operation, weight): what anonymous readers do, in proportion.
READ_MIX = (
    ("statements-list", 20),
    ("statement-detail", 25),
    ("person-page", 15),
    ("stance-history", 10),
    ("search", 15),
    ("conditional-304", 15),
)
CREATE_STATEMENT = "create-statement"
EDIT_STATEMENT = "edit-statement"
CREATE_CITATION = "create-citation"
EDITS = 3
SENTENCES = (
    "The city will fund more buses next year.",
    "We must protect tenants from rent increases.",
    "The budget cuts police overtime by ten percent.",
    "Every child deserves free childcare.",
)


def marker(run: str, editor: int, story: int) -> str:
    """The unique marker of one draft: the run, the editor, the editor's story number."""
    return f"{MARKER_PREFIX}{run}:e{editor:03d}:s{story:05d}"


def citation_marker(statement_marker: str) -> str:
    return f"{statement_marker}:c1"


@dataclass
class Sample:
    """One request: what it was, what it got and how long it took."""

    op: str
    kind: str  # "read" or "write"
    status: int | None  # None: no answer (socket error or timeout)
    expected: int
    started: float  # seconds since the start of the run
    seconds: float
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status != self.expected


@dataclass
class Write:
    """One write attempt, as the ledger keeps it."""

    op: str  # CREATE_STATEMENT, EDIT_STATEMENT or CREATE_CITATION
    marker: str  # the statement's marker (a citation's for CREATE_CITATION)
    status: int | None  # None: no answer came
    record: int | None  # the statement's id (the citation's for CREATE_CITATION), when known
    statement: int | None = None  # for citations: the statement cited for
    text: str = ""  # the statement text sent, or the citation's excerpt


@dataclass
class Outcome:
    """What the clients did: every request, every write attempt, and the run's length."""

    samples: list[Sample]
    ledger: list[Write]
    seconds: float  # from the start until the last client finished
    warmup: float
    client_cpu_seconds: float
    unexpected: Counter = field(default_factory=Counter)  # (operation, status) -> how many
    examples: dict[tuple[str, int], str] = field(default_factory=dict)  # one answer of each

    def ledger_json(self, plan: dict) -> str:
        return json.dumps(
            {
                "run": plan["run"],
                "before": plan["before"],
                "writes": [asdict(write) for write in self.ledger],
            }
        )


@dataclass
class Figures:
    """Requests per second and latency of a set of samples, after the warm-up."""

    requests: int
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    errors: int
    statuses: dict[str, int] = field(default_factory=dict)


def percentile(sorted_values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def figures(outcome: Outcome, *, kind: str | None = None, op: str | None = None) -> Figures:
    """The figures of one kind (or operation, or all), counting requests started after warm-up.

    Errors count every failed request, warm-up included: a run with an error fails.
    """
    chosen = [
        sample
        for sample in outcome.samples
        if (kind is None or sample.kind == kind) and (op is None or sample.op == op)
    ]
    measured = [sample for sample in chosen if sample.started >= outcome.warmup]
    window = max(outcome.seconds - outcome.warmup, 1e-9)
    latencies = sorted(sample.seconds * 1000 for sample in measured)
    statuses = Counter(str(sample.status or sample.error) for sample in chosen)
    return Figures(
        requests=len(measured),
        rps=len(measured) / window,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        errors=sum(1 for sample in chosen if sample.failed),
        statuses=dict(sorted(statuses.items())),
    )


class Client(threading.Thread):
    """One simulated user: a thread with at most one request in flight."""

    def __init__(self, load: Load, index: int):
        super().__init__(name=f"client-{index}", daemon=True)
        self.load = load
        self.index = index
        self.rng = random.Random(f"{load.seed}-{index}")
        self.samples: list[Sample] = []
        self.headers = {"Accept": ACCEPT, "Connection": "close"}

    def request(
        self, op: str, method: str, path: str, *, expected: int, body=None, headers=None
    ) -> tuple[int | None, dict, bytes]:
        """Send one request on a fresh connection; record it; return its status, headers, body."""
        sent = {**self.headers, **(headers or {})}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(
            self.load.host, self.load.port, timeout=self.load.timeout
        )
        started = time.perf_counter()
        status, answer_headers, content, error = None, {}, b"", ""
        try:
            connection.request(method, path, body=payload, headers=sent)
            response = connection.getresponse()
            content = response.read()
            status, answer_headers = response.status, dict(response.getheaders())
        except (OSError, http.client.HTTPException) as problem:
            error = "timeout" if isinstance(problem, socket.timeout) else type(problem).__name__
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        self.samples.append(
            Sample(
                op=op,
                kind="read" if method == "GET" else "write",
                status=status,
                expected=expected,
                started=started - self.load.started,
                seconds=seconds,
                error=error,
            )
        )
        if status is not None and status != expected:
            self.load.note_unexpected(op, method, path, status, content)
        return status, answer_headers, content

    def running(self) -> bool:
        return time.perf_counter() < self.load.deadline


class Reader(Client):
    """An anonymous reader: one read after another, picked by READ_MIX."""

    def run(self) -> None:
        operations = [op for op, _ in READ_MIX if self.load.plan["reads"].get(op)]
        weights = [weight for op, weight in READ_MIX if self.load.plan["reads"].get(op)]
        while self.running():
            op = self.rng.choices(operations, weights)[0]
            read = self.rng.choice(self.load.plan["reads"][op])
            self.request(op, "GET", read["path"], expected=read["status"], headers=read["headers"])


class Editor(Client):
    """An editor with a token, drafting statements and changing only their own drafts."""

    def __init__(self, load: Load, index: int, number: int):
        super().__init__(load, index)
        self.number = number
        self.headers["Authorization"] = f"Token {load.plan['tokens'][number]}"
        self.ledger: list[Write] = []
        self.stories = 0

    def run(self) -> None:
        while self.running():
            self.stories += 1
            self.story(marker(self.load.plan["run"], self.number, self.stories))

    def story(self, mark: str) -> None:
        """Draft, cite, read, edit three times: stop at the deadline or at the first failure."""
        plan = self.load.plan
        text = f"Load test draft {mark} {self.rng.choice(SENTENCES)}"
        body = {
            "speaker": self.rng.choice(plan["speakers"]),
            "text": text,
            "said_on": f"2025-{self.rng.randint(1, 12):02d}",
        }
        status, _, content = self.request(
            CREATE_STATEMENT, "POST", "/api/v1/statements/", expected=201, body=body
        )
        statement = _id_in(content) if status == 201 else None
        self.ledger.append(Write(CREATE_STATEMENT, mark, status, statement, text=text))
        if statement is None:
            return
        cited = citation_marker(mark)
        excerpt = f"Cited for {cited}"
        body = {
            "statement": statement,
            "source": self.rng.choice(plan["sources"]),
            "excerpt": excerpt,
            "locator": f"paragraph {self.rng.randint(1, 20)}",
        }
        if not self.running():
            return
        status, _, content = self.request(
            CREATE_CITATION, "POST", "/api/v1/citations/", expected=201, body=body
        )
        citation = _id_in(content) if status == 201 else None
        self.ledger.append(
            Write(CREATE_CITATION, cited, status, citation, statement=statement, text=excerpt)
        )
        if citation is None:
            return
        path = f"/api/v1/statements/{statement}/"
        etag = self.fresh_etag(path)
        for edit in range(1, EDITS + 1):
            etag = self.edit(mark, statement, path, etag, edit)

    def fresh_etag(self, path: str) -> str | None:
        if not self.running():
            return None
        status, headers, _ = self.request("draft-detail", "GET", path, expected=200)
        return headers.get("ETag") if status == 200 else None

    def edit(self, mark: str, statement: int, path: str, etag: str | None, edit: int) -> str | None:
        """PATCH the draft's text with If-Match; the new ETag, or None to stop the story."""
        if etag is None or not self.running():
            return None
        text = f"Load test draft {mark} edit {edit}: {self.rng.choice(SENTENCES)}"
        status, headers, _ = self.request(
            EDIT_STATEMENT,
            "PATCH",
            path,
            expected=200,
            body={"text": text},
            headers={"If-Match": etag},
        )
        self.ledger.append(Write(EDIT_STATEMENT, mark, status, statement, text=text))
        return headers.get("ETag") if status == 200 else None


def _id_in(content: bytes) -> int | None:
    try:
        value = json.loads(content).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


class Load:
    """A run of readers and editors against one server, until the deadline."""

    def __init__(
        self,
        base_url: str,
        plan: dict,
        *,
        clients: int,
        editors: int,
        duration: float,
        warmup: float = 0,
        timeout: float = 60,
        seed: int = 1,
    ):
        if not 0 < editors <= min(clients, len(plan["tokens"])):
            raise ValueError("need at least one editor, and no more than clients and tokens")
        address = urlsplit(base_url)
        self.host, self.port = address.hostname, address.port or 80
        self.plan, self.seed, self.timeout = plan, seed, timeout
        self.clients, self.editors = clients, editors
        self.duration, self.warmup = duration, warmup
        self.unexpected: Counter = Counter()
        self.examples: dict[tuple[str, int], str] = {}
        self.lock = threading.Lock()
        self.started = self.deadline = 0.0

    def note_unexpected(self, op: str, method: str, path: str, status: int, content: bytes) -> None:
        with self.lock:
            self.unexpected[(op, status)] += 1
            self.examples.setdefault(
                (op, status), f"{method} {path}: {content[:300].decode(errors='replace')}"
            )

    def run(self) -> Outcome:
        """Start every client, wait for all of them (in-flight requests finish), return the outcome."""
        # Editors are spread among the readers, so each start wave mixes both.
        every = self.clients / self.editors
        editor_slots = {int(number * every) for number in range(self.editors)}
        clients: list[Client] = []
        editors = 0
        for index in range(self.clients):
            if index in editor_slots:
                clients.append(Editor(self, index, editors))
                editors += 1
            else:
                clients.append(Reader(self, index))
        cpu = time.process_time()
        self.started = time.perf_counter()
        self.deadline = self.started + self.warmup + self.duration
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        seconds = time.perf_counter() - self.started
        return Outcome(
            samples=[sample for client in clients for sample in client.samples],
            ledger=[
                write for client in clients if isinstance(client, Editor) for write in client.ledger
            ],
            seconds=seconds,
            warmup=self.warmup,
            client_cpu_seconds=time.process_time() - cpu,
            unexpected=self.unexpected,
            examples=self.examples,
        )
