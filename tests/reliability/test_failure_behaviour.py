"""When the database or the cache goes away, and when a body is too large."""

import json

import pytest
from django.core.cache import caches
from django.db import connection

from tests.config.test_settings import ROOT, manage

LOGIN = "/admin/login/?next=/admin/"

# Runs in a real process: asks, cuts the database off, asks, restores it, asks again.
OUTAGE_SCRIPT = """
import json
from django.conf import settings
from django.db import connection
from django.test import Client

# The process shares the test database: leave no failed-login rows behind in it.
settings.AXES_ENABLED = False

client = Client(raise_request_exception=False)
def ask(**headers):
    response = client.post({url!r}, {{"username": "nobody", "password": "x"}}, **headers)
    return [response.status_code, response["Content-Type"], response.content.decode()]

answers = {{"before": ask()}}
original = dict(connection.settings_dict)
connection.close()
connection.settings_dict.update({unreachable!r})
answers["during"] = ask()
answers["during_json"] = ask(HTTP_ACCEPT="application/json")
connection.close()
connection.settings_dict.update(original)
answers["after"] = ask()
print(json.dumps(answers))
"""


@pytest.fixture
def database_url(db, tmp_path):
    """A migrated database a separate process can open: this test database, or a SQLite file."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        # The test database is migrated; a subprocess sees its tables (not this test's rows).
        return (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        ), {"PORT": "1"}
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = manage("migrate", "--noinput", DJANGO_DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return url, {"NAME": str(tmp_path / "gone" / "db.sqlite3")}


def test_a_lost_database_is_a_503_and_service_resumes_when_it_returns(database_url):
    url, unreachable = database_url
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        OUTAGE_SCRIPT.format(url=LOGIN, unreachable=unreachable),
        # DEBUG on only for plain static storage (no collectstatic here); the 503 is the same.
        DJANGO_DEBUG="1",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=url,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["before"][0] == 200
    status, content_type, body = answers["during"]
    assert status == 503
    assert content_type.startswith("text/plain")
    assert "unavailable" in body
    assert "Traceback" not in body
    assert "File " not in body
    status, content_type, body = answers["during_json"]
    assert status == 503
    assert json.loads(body)["detail"].startswith("The service is temporarily unavailable")
    assert answers["after"][0] == 200
    assert "Database unavailable" in result.stderr


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/8",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield caches["default"]


def test_an_unreachable_cache_answers_misses_and_ignores_writes(unreachable_redis, caplog):
    cache = unreachable_redis
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["key"]) == {}
    assert cache.add("key", "value") is False
    assert cache.delete("key") is False
    assert "Cache unavailable" in caplog.text or cache._last_logged > 0


def test_the_site_still_answers_200_when_redis_is_unreachable(
    client, db, publisher, unreachable_redis
):
    client.force_login(publisher)
    assert client.get("/admin/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_real_process_with_an_unreachable_redis_still_serves():
    """The setting path: REDIS_URL at a closed port selects the forgiving cache and pages work."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.cache import cache; from django.test import Client; "
        "cache.set('a', 1); from django.core.cache import caches; print(type(caches['default']).__name__, cache.get('a'), "
        "Client().get('/admin/login/').status_code)",
        DJANGO_DEBUG="1",
        ALLOWED_HOSTS="testserver",
        REDIS_URL="redis://127.0.0.1:1/8",
        DATABASE_URL=f"sqlite:///{ROOT / 'nonexistent-unused.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ForgivingRedisCache None 200"


def test_a_reachable_redis_caches(settings):
    """The same backend caches normally when Redis is up (db 8 is this project's test db)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/8",
        }
    }
    cache = caches["default"]
    try:
        cache.set("reliability-probe", "here", 30)
        if cache.get("reliability-probe") is None:
            pytest.skip("no Redis on 127.0.0.1:6379")
        assert cache.get("reliability-probe") == "here"
    finally:
        cache.delete("reliability-probe")


def test_a_body_over_the_limit_is_a_413_for_the_admin(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(LOGIN, {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_a_body_over_the_limit_is_a_413_in_json_for_the_api(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/v1/statements/", {"text": "x" * 2000}, content_type="application/json"
    )
    assert response.status_code == 413
    assert "at most 1000 bytes" in response.json()["detail"]


def test_a_body_under_the_limit_is_handled_as_usual(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    assert client.post(LOGIN, {"username": "x", "password": "y"}).status_code == 200
