"""Measure the read path: generate data, serve it with gunicorn, load it with wrk, report.

    .venv/bin/python -m bench.measure --statements 10000 100000 \
        --database-url postgres://postgres@127.0.0.1:5432/claimtracker_bench

For each scale: generate the dataset (kept when the database already holds that
many statements), probe the endpoints in-process (URLs, SQL queries per request,
an ETag), start gunicorn in production settings (bench.settings) on 127.0.0.1,
and load each endpoint from a separate process with wrk over loopback: a short
warm-up, then a timed run recording requests per second, p50/p95/p99 latency and
errors (socket errors and any status other than the expected one). Every figure
is also given as a ratio to the baseline's requests per second in the same run.

Results: a table on stdout, JSON records in bench/results/latest.json, a PNG
chart of latency against dataset size next to it.

Scenarios: `--scenario read` (the default) is the read path above. `--scenario
mixed` is the load test: `--clients` concurrent clients for `--duration` seconds,
most reading, `--editors` of them writing drafts, citations and edits, every write
then checked against the database (bench/mixed_load.py, bench/mixed.py); the run
fails on any error or any lost, duplicated or unacknowledged write. Another
scenario is a function taking a `Run` (server address, wrk runner, probe) and
returning records; register it in SCENARIOS.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bench import mixed_load, provenance

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable

# wrk reports through this Lua script: JSON from done(), and statuses other than the
# expected one counted per thread as errors (304 is success only where 304 is expected).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end
function response(status, headers, body)
  if status ~= EXPECTED_STATUS then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do wrong = wrong + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "wrong_status": %d, "socket_errors": %d,' ..
    ' "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, wrong, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


class BenchError(Exception):
    """A failure of the harness, reported in one line."""


@dataclass
class Record:
    """One endpoint measured at one scale."""

    endpoint: str
    statements: int
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    errors: int
    queries: int | None
    ratio_to_baseline: float | None
    path: str = ""
    requests: int = 0
    scenario: str = "read"
    clients: int | None = None
    writes_acknowledged: int | None = None
    writes_verified: int | None = None
    verdict: str = ""  # "pass" or "fail: why" for scenarios that check something, else empty
    # Where the figure comes from (bench.provenance): the commit measured ("-dirty" with
    # uncommitted changes), when (UTC), on what host, with which dataset seed. Empty in
    # records made before the harness recorded it.
    commit: str = ""
    measured_at: str = ""
    host: str = ""
    seed: int | None = None


@dataclass
class Settings:
    """The knobs of one benchmark run."""

    database_url: str
    seed: int
    duration: float
    warmup: float
    connections: int
    threads: int
    workers: int
    port: int
    clients: int = 100
    editors: int = 10
    worker_threads: int = 1
    replica_urls: str = ""  # DATABASE_REPLICA_URLS for the server: anonymous reads from these


# PostgreSQL cancels a query of the server under load after this long (config.settings).
STATEMENT_TIMEOUT_MS = 12_000


class Server:
    """gunicorn serving the app in bench settings on 127.0.0.1, for the duration of a with block."""

    def __init__(self, *, env: dict[str, str], port: int, workers: int, threads: int = 1):
        # The probe and the load test's plan ask as the load will: Host is host:port. No query
        # outlives wrk's 10 s timeout by much: an endpoint too slow to measure must not leave
        # queries running on the database while the next endpoints are measured.
        env = {
            **env,
            "BENCH_HOST": f"127.0.0.1:{port}",
            "DATABASE_STATEMENT_TIMEOUT_MS": str(STATEMENT_TIMEOUT_MS),
        }
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        command = [
            PYTHON, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--log-level", "warning",
            "--timeout", "60",
            "--graceful-timeout", "5",
        ]  # fmt: skip
        if self.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.threads)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.__exit__()
        raise BenchError(f"gunicorn did not answer on {self.base_url}/healthz within 30 s")

    def wait_until_idle(self, timeout: float = 180) -> None:
        """Wait until the requests a load left queued are served, so the next one starts clean.

        Sync workers go on serving connections wrk has already dropped; the accept queue
        is first in, first out, so once a fresh request is answered the old ones are done.
        """
        try:
            with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=timeout) as response:
                response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            raise BenchError(f"the server did not recover after a load ({error})") from None

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Load:
    """What wrk measured for one URL."""

    requests: int
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    errors: int


def run_wrk(
    url: str,
    *,
    duration: float,
    connections: int,
    threads: int,
    headers: dict[str, str] | None = None,
    expected_status: int = 200,
) -> Load:
    """Load one URL with wrk for `duration` seconds and return what it measured."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.replace("EXPECTED_STATUS", str(expected_status)))
    command = [
        "wrk", "--latency", "--timeout", "10s",
        "-t", str(threads), "-c", str(max(connections, threads)),
        "-d", f"{max(1, round(duration))}s", "-s", script.name,
    ]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        output = subprocess.run(
            [*command, url], capture_output=True, text=True, check=True, timeout=duration + 60
        ).stdout
    except subprocess.CalledProcessError as error:
        raise BenchError(f"wrk failed on {url}: {error.stderr.strip() or error}") from None
    finally:
        os.unlink(script.name)
    line = next((line for line in output.splitlines() if line.startswith("WRK_JSON ")), None)
    if line is None:
        raise BenchError(f"wrk printed no result for {url}")
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    done = raw["requests"] > 0  # none done: every request outlasted the run (no latency to show)
    return Load(
        requests=raw["requests"],
        rps=raw["requests"] / seconds if seconds else 0.0,
        p50_ms=raw["p50_us"] / 1000 if done else None,
        p95_ms=raw["p95_us"] / 1000 if done else None,
        p99_ms=raw["p99_us"] / 1000 if done else None,
        errors=raw["wrong_status"] + raw["socket_errors"],
    )


@dataclass
class Run:
    """One scale, ready to load: the server, the settings and the probe's findings."""

    statements: int
    server: Server
    settings: Settings

    @functools.cached_property
    def probe(self) -> dict:
        """What `manage.py bench_probe` found (endpoints, query counts), asked on first use."""
        found = json.loads(manage(self.server.env, "bench_probe", capture=True))
        for skipped in found["skipped"]:
            print(f"  skipped {skipped['name']}: {skipped['reason']}", flush=True)
        return found

    def load(self, path: str, **options) -> Load:
        """Warm up, then measure one path on the running server."""
        url = f"{self.server.base_url}{path}"
        common = {"connections": self.settings.connections, "threads": self.settings.threads}
        if self.settings.warmup > 0:
            run_wrk(url, duration=self.settings.warmup, **common, **options)
            self.server.wait_until_idle()
        load = run_wrk(url, duration=self.settings.duration, **common, **options)
        self.server.wait_until_idle()
        return load


def read_scenario(run: Run) -> list[Record]:
    """The read path: every endpoint the probe found, the baseline first."""
    records: list[Record] = []
    baseline_rps = None
    for endpoint in run.probe["endpoints"]:
        load = run.load(
            endpoint["path"], headers=endpoint["headers"], expected_status=endpoint["status"]
        )
        if endpoint["name"] == "baseline":
            baseline_rps = load.rps
        records.append(_endpoint_record(run, endpoint, load, baseline_rps))
        print(f"  {_row(records[-1])}", flush=True)
    return records


def _endpoint_record(
    run: Run, endpoint: dict, load: Load, baseline_rps: float | None, /, **overrides
) -> Record:
    """One endpoint's load as a record (the probe's name and query count unless overridden).

    The positional parameters are positional-only, so a record's own `endpoint` field can be
    overridden by keyword (the cached scenario renames every endpoint).
    """
    fields = {
        "endpoint": endpoint["name"],
        "statements": run.statements,
        "rps": round(load.rps, 1),
        "p50_ms": _rounded(load.p50_ms),
        "p95_ms": _rounded(load.p95_ms),
        "p99_ms": _rounded(load.p99_ms),
        "errors": load.errors,
        "queries": endpoint["queries"],
        "ratio_to_baseline": round(load.rps / baseline_rps, 2) if baseline_rps else None,
        "path": endpoint["path"],
        "requests": load.requests,
    }
    return Record(**{**fields, **overrides})


# Hot reader endpoints, loaded again with the public response cache on (cached_scenario).
CACHED_ENDPOINTS = (
    "statements-first",
    "statement-detail",
    "stance-history",
    "search-api",
    "search-api-name",
    "person-page",
    "stance-history-page",
)


def cached_scenario(run: Run) -> list[Record]:
    """The hot endpoints served from the public response cache (config.middleware), as
    anonymous readers get them in production: a second server with the cache on (the read
    scenario's is off, to measure the uncached path), its own baseline for the ratios.

    Without BENCH_REDIS_URL each gunicorn worker keeps its own cache (LocMemCache) and fills
    it on its first request; with it, the workers share Redis, as in production.
    """
    env = {**run.server.env, "PUBLIC_RESPONSE_CACHE_SECONDS": "300"}
    wanted = {"baseline", *CACHED_ENDPOINTS}
    endpoints = [endpoint for endpoint in run.probe["endpoints"] if endpoint["name"] in wanted]
    server = Server(
        env=env,
        port=run.server.port + 1,
        workers=run.server.workers,
        threads=run.server.threads,
    )
    records: list[Record] = []
    with server:
        cached_run = Run(statements=run.statements, server=server, settings=run.settings)
        baseline_rps = None
        for endpoint in endpoints:
            load = cached_run.load(
                endpoint["path"], headers=endpoint["headers"], expected_status=endpoint["status"]
            )
            if endpoint["name"] == "baseline":
                baseline_rps = load.rps
                continue
            records.append(
                _endpoint_record(
                    run,
                    endpoint,
                    load,
                    baseline_rps,
                    endpoint=f"{endpoint['name']}-cached",
                    queries=0,  # a hit reads nothing; the revision is reused for a second
                    scenario="cached",
                )
            )
            print(f"  {_row(records[-1])}", flush=True)
    return records


def _rounded(milliseconds: float | None) -> float | None:
    return None if milliseconds is None else round(milliseconds, 2)


def mixed_scenario(run: Run) -> list[Record]:
    """Readers and editors at once; then every write is checked against the database."""
    settings, env = run.settings, run.server.env
    arguments = ["--editors", str(settings.editors), "--seed", str(settings.seed)]
    plan = json.loads(manage(env, "bench_mixed", "prepare", *arguments, capture=True))
    print(
        f"  {settings.clients} clients ({settings.editors} editors) for {settings.duration:g} s"
        f" after {settings.warmup:g} s warm-up",
        flush=True,
    )
    outcome = mixed_load.Load(
        run.server.base_url,
        plan,
        clients=settings.clients,
        editors=settings.editors,
        duration=settings.duration,
        warmup=settings.warmup,
        seed=settings.seed,
    ).run()
    run.server.wait_until_idle()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as ledger:
        ledger.write(outcome.ledger_json(plan))
    try:
        checked = json.loads(
            manage(env, "bench_mixed", "verify", ledger.name, "--cleanup", capture=True)
        )
    finally:
        os.unlink(ledger.name)
    acknowledged = sum(checked["acknowledged"].values())
    verified = sum(checked["verified"].values())
    every = mixed_load.figures(outcome)
    problems = [f"{every.errors} error(s)"] if every.errors else []
    if checked["problems"]:
        problems.append(f"{len(checked['problems'])} write problem(s)")
    verdict = f"fail: {', '.join(problems)}" if problems else "pass"

    _report_load_test(outcome, checked, verdict)
    if "removed" not in checked:
        print("  (the run's writes are left in the database for a look; the next run removes them)")

    records = []
    for name, kind in (("mixed-all", None), ("mixed-read", "read"), ("mixed-write", "write")):
        part = mixed_load.figures(outcome, kind=kind)
        records.append(
            Record(
                endpoint=name,
                statements=run.statements,
                rps=round(part.rps, 1),
                p50_ms=_rounded(part.p50_ms),
                p95_ms=_rounded(part.p95_ms),
                p99_ms=_rounded(part.p99_ms),
                errors=part.errors,
                queries=None,
                ratio_to_baseline=None,
                requests=part.requests,
                scenario="mixed",
                clients=settings.clients,
                writes_acknowledged=None if kind == "read" else acknowledged,
                writes_verified=None if kind == "read" else verified,
                verdict=verdict,
            )
        )
        print(f"  {_row(records[-1])}", flush=True)
    return records


def _report_load_test(outcome: mixed_load.Outcome, checked: dict, verdict: str) -> None:
    """Per operation: requests, rps, latency, errors, statuses; then the writes and the verdict."""
    print(f"  {'operation':<18} {'requests':>8} {'rps':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>6}  statuses (warm-up too)")  # fmt: skip
    for op in sorted({sample.op for sample in outcome.samples}):
        part = mixed_load.figures(outcome, op=op)
        print(f"  {op:<18} {part.requests:>8} {part.rps:>7.1f} {_shown(part.p50_ms):>8} "
              f"{_shown(part.p95_ms):>8} {_shown(part.p99_ms):>8} {part.errors:>6}  "
              f"{part.statuses}")  # fmt: skip
    for (op, status), count in sorted(outcome.unexpected.items()):
        print(f"  unexpected {status} x{count} on {op}, e.g. {outcome.examples[(op, status)]}")
    print(f"  writes acknowledged {checked['acknowledged']}, verified {checked['verified']}")
    for problem in checked["problems"][:20]:
        print(f"  WRITE PROBLEM: {problem}")
    print(
        f"  {outcome.seconds:.1f} s in all; the clients used {outcome.client_cpu_seconds:.1f} s "
        f"of CPU; verdict: {verdict}",
        flush=True,
    )


def _shown(milliseconds: float | None) -> str:
    return "-" if milliseconds is None else f"{milliseconds:.1f}"


SCENARIOS: dict[str, Callable[[Run], list[Record]]] = {
    "read": read_scenario,
    "cached": cached_scenario,
    "mixed": mixed_scenario,
}


def manage(env: dict[str, str], *arguments: str, capture: bool = False) -> str:
    """Run a manage.py command in bench settings; stop the run with its last line on failure."""
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )
    if result.returncode != 0:
        last = (result.stderr or "").strip().splitlines()[-1:] or [f"exit {result.returncode}"]
        raise BenchError(f"manage.py {arguments[0]} failed: {last[0]}")
    return result.stdout or ""


def measure(
    scales: list[int], settings: Settings, scenarios: list[str], *, regenerate: bool
) -> tuple[list[Record], dict[int, float]]:
    """Run the scenarios in turn at every scale; return the records and the generation times."""
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed (apt-get install wrk, or `make bench` as root)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": settings.database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "ERROR"),
        # Every figure but the cached scenario's is of the uncached path.
        "PUBLIC_RESPONSE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_REPLICA_URLS", None)
    if settings.replica_urls:
        env["DATABASE_REPLICA_URLS"] = settings.replica_urls
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    print(f"Migrating and collecting static files ({_redacted(settings.database_url)})", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    records: list[Record] = []
    generation: dict[int, float] = {}
    origin = provenance.describe(database_url=settings.database_url, seed=settings.seed)
    for statements in scales:
        print(f"\n== {statements:,} statements", flush=True)
        started = time.monotonic()
        arguments = ["generate_dataset", "--statements", str(statements)]
        arguments += ["--seed", str(settings.seed), "--replace"]
        if not regenerate:
            arguments.append("--keep-if-same")
        output = manage(env, *arguments, capture=True)
        if "kept" not in output:
            generation[statements] = round(time.monotonic() - started, 1)
        print(f"  dataset: {output.strip().splitlines()[-1]}", flush=True)
        server = Server(
            env=env, port=settings.port, workers=settings.workers, threads=settings.worker_threads
        )
        with server:
            run = Run(statements=statements, server=server, settings=settings)
            for scenario in scenarios:
                if len(scenarios) > 1:
                    print(f"  -- {scenario}", flush=True)
                records += [
                    replace(record, **origin, measured_at=provenance.now())
                    for record in SCENARIOS[scenario](run)
                ]
    return records, generation


def _redacted(url: str) -> str:
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


HEADER = (
    f"{'endpoint':<26} {'statements':>10} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'p99 ms':>8} {'errors':>6} {'queries':>7} {'x base':>6}"
)


def _row(record: Record) -> str:
    def shown(value, form: str = ".2f") -> str:
        return "-" if value is None else format(value, form)

    return (
        f"{record.endpoint:<26} {record.statements:>10,} {record.rps:>8.1f} "
        f"{shown(record.p50_ms):>8} {shown(record.p95_ms):>8} {shown(record.p99_ms):>8} "
        f"{record.errors:>6} {shown(record.queries, 'd'):>7} {shown(record.ratio_to_baseline):>6}"
    )


def markdown_table(records: list[Record]) -> str:
    """The records as a Markdown table, for docs/bench.md."""
    lines = [
        "| endpoint | statements | rps | p50 ms | p95 ms | p99 ms | errors | queries | x baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in records:
        cells = [r.endpoint, f"{r.statements:,}", f"{r.rps:,.1f}"]
        cells += ["-" if v is None else f"{v:.1f}" for v in (r.p50_ms, r.p95_ms, r.p99_ms)]
        cells += [str(r.errors), "-" if r.queries is None else str(r.queries)]
        cells.append("-" if r.ratio_to_baseline is None else f"{r.ratio_to_baseline:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_results(records: list[Record], output: Path, *, merge: bool) -> list[Record]:
    """Write the records as JSON (keeping other scenarios' and scales' records when merging)."""
    kept: list[Record] = []
    if merge and output.exists():
        replaced = {(record.scenario, record.statements) for record in records}
        kept = [
            Record(**raw)
            for raw in json.loads(output.read_text())
            if (raw.get("scenario", "read"), raw["statements"]) not in replaced
        ]
    order = list(SCENARIOS)
    combined = sorted(
        kept + records,
        key=lambda r: (
            order.index(r.scenario) if r.scenario in order else len(order),
            r.statements,
        ),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps([asdict(r) for r in combined], indent=2) + "\n")
    return combined


def write_chart(records: list[Record], path: Path) -> None:
    """p50 and p95 latency of every endpoint read on its own against dataset size, as a PNG."""
    records = [record for record in records if record.scenario == "read"]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(1, 2, figsize=(13, 5.5), sharey=True)
    endpoints = sorted({r.endpoint for r in records}, key=lambda name: (name != "baseline", name))
    colors = pyplot.get_cmap("tab20")  # more endpoints than the default ten colours
    for axis, attribute, title in ((axes[0], "p50_ms", "p50"), (axes[1], "p95_ms", "p95")):
        for index, endpoint in enumerate(endpoints):
            points = sorted(
                (r.statements, getattr(r, attribute)) for r in records if r.endpoint == endpoint
            )
            axis.plot(
                [x for x, _ in points],
                [y for _, y in points],
                marker="o",
                color="black" if endpoint == "baseline" else colors(index % 20),
                linestyle="--" if endpoint == "baseline" else "-",
                label=endpoint,
            )
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("statements in the database")
        axis.set_title(f"{title} latency (ms) against dataset size")
        axis.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("milliseconds")
    axes[1].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.measure", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--statements", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtracker_bench"
        ),
        help="The benchmark's own database: it is EMPTIED and refilled (default: $BENCH_DATABASE_URL).",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--duration",
        type=float,
        default=8,
        help="Seconds of load per endpoint (read), or of the whole load test (mixed).",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=2,
        help="Seconds of warm-up per endpoint (read), or before the load test's figures (mixed).",
    )
    parser.add_argument(
        "--connections", type=int, help="wrk connections (default: one per gunicorn worker)."
    )
    parser.add_argument("--threads", type=int, default=1, help="wrk threads.")
    parser.add_argument(
        "--clients", type=int, default=100, help="Concurrent clients of the load test (mixed)."
    )
    parser.add_argument(
        "--editors",
        type=int,
        help="Of the clients, how many are editors writing (mixed; default: one in ten).",
    )
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers."
    )
    parser.add_argument(
        "--worker-threads",
        type=int,
        default=1,
        help="Threads per gunicorn worker: above 1, gthread workers (default: 1, sync workers).",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8170)))
    parser.add_argument(
        "--scenario",
        nargs="+",
        choices=list(SCENARIOS),
        default=["read"],
        help="What to run at each scale, in turn on the same server (default: read).",
    )
    parser.add_argument(
        "--replica-urls",
        default="",
        help="Serve anonymous reads from these PostgreSQL replicas (DATABASE_REPLICA_URLS: "
        "comma-separated hot standbys of --database-url's server, same database name).",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--chart", type=Path, help="PNG path (default: next to --output).")
    parser.add_argument(
        "--merge", action="store_true", help="Keep the other scales' records already in --output."
    )
    parser.add_argument(
        "--markdown", action="store_true", help="Also print the results as a Markdown table."
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="Regenerate even when the scale is already there."
    )
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.statements):
        parser.error("--statements must be positive")
    editors = args.editors if args.editors is not None else max(1, args.clients // 10)
    if not 0 < editors <= args.clients:
        parser.error("--editors must be between 1 and --clients")
    settings = Settings(
        database_url=args.database_url,
        seed=args.seed,
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections or args.workers,
        threads=args.threads,
        workers=args.workers,
        port=args.port,
        clients=args.clients,
        editors=editors,
        worker_threads=args.worker_threads,
        replica_urls=args.replica_urls,
    )
    loads = []
    if "read" in args.scenario:
        loads.append(
            f"wrk {args.threads} thread(s) x {args.connections or args.workers} connections, "
            f"{args.duration:g} s per endpoint"
        )
    if "mixed" in args.scenario:
        loads.append(f"{args.clients} clients ({editors} editors) for {args.duration:g} s")
    workers = f"{args.workers} sync workers"
    if args.worker_threads > 1:
        workers = f"{args.workers} gthread workers x {args.worker_threads} threads"
    print(
        f"Benchmark: {' then '.join(args.scenario)} at {args.statements} statements, gunicorn "
        f"{workers}, {'; '.join(loads)}, after {args.warmup:g} s warm-up, {os.cpu_count()} cores"
        + (f", anonymous reads from {_redacted(args.replica_urls)}" if args.replica_urls else ""),
        flush=True,
    )
    try:
        records, generation = measure(
            args.statements, settings, args.scenario, regenerate=args.regenerate
        )
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    combined = write_results(records, args.output, merge=args.merge)
    chart = args.chart or args.output.with_suffix(".png")
    charted = any(record.scenario == "read" for record in combined)
    if charted:
        write_chart(combined, chart)
    print(f"\n{HEADER}")
    for record in combined:
        print(_row(record))
    if args.markdown:
        print(f"\n{markdown_table(combined)}")
    for statements, seconds in generation.items():
        print(f"generate_dataset --statements {statements}: {seconds} s")
    written = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"\nWrote {written}" + (f" and {chart.name}" if charted else ""))
    failed = sorted({r.verdict for r in records if r.verdict.startswith("fail")})
    for verdict in failed:
        print(f"bench: a load test failed ({verdict.removeprefix('fail: ')})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
