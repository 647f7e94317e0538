"""Settings come from the environment, safe by default, with one-line errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "$%^&*(-_=+)" + "y" * 40,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/claimtracker",
}


# What the suite itself sets (pyproject.toml) must not leak into the process under test.
SUITE_VARIABLES = {
    "DJANGO_DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in SUITE_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_is_off_unless_asked_for():
    """Without DJANGO_DEBUG the settings are production ones."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY="k" * 50,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_turns_on_with_django_debug_1():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_DEBUG="1",
    )
    assert result.stdout.strip() == "True"


def test_it_refuses_to_start_without_secret_key_in_production():
    """A missing SECRET_KEY is one readable line naming the variable, and a non-zero exit."""
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_it_reports_a_malformed_database_url_in_one_line():
    result = manage("check", DJANGO_DEBUG="1", DATABASE_URL="nonsense://what")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0]


def test_it_rejects_a_debug_value_that_is_neither_yes_nor_no():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr.strip().splitlines()[0]


def test_secret_key_with_dollar_signs_is_read_verbatim():
    """Generated keys contain `$`; they must not be read as references."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        **PRODUCTION,
    )
    assert result.stdout.strip() == PRODUCTION["SECRET_KEY"]


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_a_statement_timeout_is_passed_to_postgresql_when_asked_for():
    """DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL cancels longer queries (off by default)."""
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    asked = manage(
        "shell", "--no-imports", "-c", show, **PRODUCTION, DATABASE_STATEMENT_TIMEOUT_MS="15000"
    )
    assert asked.returncode == 0, asked.stderr
    assert "-c statement_timeout=15000" in asked.stdout
    default = manage("shell", "--no-imports", "-c", show, **PRODUCTION)
    assert "statement_timeout" not in default.stdout
    wrong = manage("check", **PRODUCTION, DATABASE_STATEMENT_TIMEOUT_MS="-5")
    assert wrong.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT_MS must be 0 (none) or more" in wrong.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CONTENT_REVISION_TTL", "soon"),
        ("TIME_ZONE", "Mars/Olympus_Mons"),
        ("LOG_LEVEL", "LOUD"),
        ("REDIS_URL", "cache:6379"),
        ("CELERY_BROKER_URL", "queue:6379"),
        ("DATABASE_REPLICA_URLS", "standby:5433"),
        ("API_ANON_RATE", "lots"),
        ("QUEUE_DIR", "/proc/no-queue-here"),
        ("ARCHIVE_RECHECK_SCAN_MINUTES", "0"),
        ("ARCHIVE_MAX_RETRIES", "-1"),
        ("TASK_TIME_LIMIT", "0"),
        ("DATABASE_CONN_MAX_AGE", "forever"),
        ("CACHE_TIMEOUT", "-1"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("MAX_REQUEST_BODY_BYTES", "-1"),
        ("API_CACHE_MAX_AGE", "-1"),
        ("PUBLIC_RESPONSE_CACHE_SECONDS", "-3"),
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("LOGIN_LOCKOUT_HOURS", "-1"),
        ("DATABASE_REPLICA_RETRY_SECONDS", "-1"),
        ("READ_YOUR_WRITES_SECONDS", "-1"),
    ],
)
def test_a_malformed_value_stops_startup_with_one_line_naming_the_variable(variable, value):
    """Every variable read from the environment is checked when the settings load."""
    result = manage("check", DJANGO_DEBUG="1", **{variable: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {variable} "), lines[0]


# Nothing listens on port 1: connecting is refused at once.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/claimtracker"


@pytest.mark.parametrize(
    "command",
    [
        ["archive_sources"],
        ["extract_quotes", "1"],
        ["load_seeds"],
        ["export_archive", "{tmp}/backup.jsonl"],
        ["propose_repeats"],
        ["create_editor", "alice", "--no-input"],
        ["migrate"],
    ],
)
def test_a_command_with_the_database_unreachable_says_so_in_one_line(command, tmp_path):
    """No traceback, a non-zero exit, and the real reason (not 'run migrate')."""
    args = [arg.format(tmp=tmp_path) for arg in command]
    result = manage(*args, DJANGO_DEBUG="1", DATABASE_URL=UNREACHABLE_DATABASE)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Database unavailable: "), lines[0]
    assert "Connection refused" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_a_command_on_a_database_never_migrated_says_to_migrate(tmp_path):
    result = manage(
        "archive_sources", DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}"
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Database not set up: "), lines[0]
    assert lines[0].endswith("run manage.py migrate first.")


@pytest.mark.parametrize("program", [["worker"], ["beat"]])
def test_a_worker_or_scheduler_with_a_malformed_value_stops_with_one_line(program):
    """Celery's processes read the same settings and report a bad one as manage.py does."""
    clean = {key: value for key, value in os.environ.items() if key not in SUITE_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", *program, "--loglevel", "INFO"],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", "ARCHIVE_RECHECK_SCAN_MINUTES": "often"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: ARCHIVE_RECHECK_SCAN_MINUTES must be a whole number (got 'often')"
    ]


def test_gunicorn_with_a_malformed_value_stops_with_one_line_and_no_traceback():
    """The web server reports a bad setting as manage.py does, and stops instead of
    starting workers again and again."""
    clean = {key: value for key, value in os.environ.items() if key not in SUITE_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", "127.0.0.1:0"],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", "CACHE_TIMEOUT": "soon"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "Configuration error: CACHE_TIMEOUT must be a whole number (got 'soon')" in (
        result.stderr.splitlines()
    )
