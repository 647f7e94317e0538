"""When the database or the cache goes away, and when a body is too large."""

import json
import logging

import pytest
from django.core.cache import caches
from django.db import connection

from config.middleware import DATABASE_UNAVAILABLE
from tests.config.test_settings import ROOT, manage

LOGIN = "/admin/login/?next=/admin/"

# Asked before, during and after the outage, by an anonymous visitor unless signed_in.
ROUTES = {
    "home": {"path": "/"},
    "person page": {"path": "/people/zohran-mamdani/"},
    "search": {"path": "/search/?q=police"},
    "admin login": {"path": LOGIN, "post": {"username": "nobody", "password": "x"}},
    "admin login, JSON": {
        "path": LOGIN,
        "post": {"username": "nobody", "password": "x"},
        "headers": {"HTTP_ACCEPT": "application/json"},
    },
    "admin, signed in": {"path": "/admin/", "signed_in": True},
    "API list": {"path": "/api/v1/statements/"},
    "API detail": {"path": "/api/v1/people/zohran-mamdani/"},
    "API stance history": {"path": "/api/v1/people/zohran-mamdani/stances/police-funding/"},
    "health": {"path": "/healthz"},
}
PAGES = ["home", "person page", "search", "admin login", "admin, signed in"]

# Runs in a real process with production settings: asks every route, cuts the database off,
# asks again, restores it, asks again. OUTAGE (JSON) holds the routes and the unreachable
# database's settings.
OUTAGE_SCRIPT = """
import json, os
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from claims.seeding import default_seed_paths, load_seeds

outage = json.loads(os.environ["OUTAGE"])
# No collectstatic here: static files come from the apps, as in the suite (tests/conftest.py).
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The process shares the test database: leave no failed-login rows behind in it.
settings.AXES_ENABLED = False

load_seeds(paths=default_seed_paths())
visitor = Client(raise_request_exception=False)
editor = Client(raise_request_exception=False)
editor.force_login(get_user_model().objects.create_user("outage-editor", is_staff=True))

def ask_every_route():
    answers = {}
    for name, route in outage["routes"].items():
        client = editor if route.get("signed_in") else visitor
        if "post" in route:
            response = client.post(route["path"], route["post"], **route.get("headers", {}))
        else:
            response = client.get(route["path"], **route.get("headers", {}))
        answers[name] = {
            "status": response.status_code,
            "type": response.get("Content-Type", ""),
            "retry": response.get("Retry-After"),
            "body": response.content.decode(),
        }
    return answers

answers = {"before": ask_every_route()}
original = dict(connection.settings_dict)
connection.close()
connection.settings_dict.update(outage["unreachable"])
answers["during"] = ask_every_route()
# No close here: Django notices the broken connection and opens a new one by itself.
connection.settings_dict.update(original)
answers["after"] = ask_every_route()
print(json.dumps(answers))
"""


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """A migrated database a separate process can open: this test database, or a SQLite file.

    Transactional: what the process commits to the test database is flushed afterwards.
    """
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        return (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        ), {"PORT": "1"}
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = manage("migrate", "--noinput", DJANGO_DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return url, {"NAME": str(tmp_path / "gone" / "db.sqlite3")}


def statuses(answers: dict) -> dict:
    return {name: answer["status"] for name, answer in answers.items()}


def test_a_lost_database_is_a_503_everywhere_and_service_resumes_when_it_returns(database_url):
    url, unreachable = database_url
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        OUTAGE_SCRIPT,
        OUTAGE=json.dumps({"routes": ROUTES, "unreachable": unreachable}),
        # Production settings (DEBUG off): a failure outside any view meets the real 500 handler.
        SECRET_KEY="outage-test-" + "k" * 50,
        # The admin's two-factor middleware then reads the signed-in user before any view does.
        REQUIRE_2FA_FOR_PUBLISHERS="1",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=url,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    before, during, after = answers["before"], answers["during"], answers["after"]
    assert statuses(before) == dict.fromkeys(ROUTES, 200)

    # During: 503 everywhere, one short sentence, never a traceback.
    assert statuses(during) == dict.fromkeys(ROUTES, 503)
    for name, answer in during.items():
        assert "Traceback" not in answer["body"], name
        assert 'File "' not in answer["body"], name
        assert len(answer["body"]) < 1000, name
    for name in PAGES:
        assert during[name]["type"].startswith("text/html"), name
        assert DATABASE_UNAVAILABLE in during[name]["body"], name
        assert during[name]["retry"] == "30", name
    for name in ROUTES.keys() - {*PAGES, "health"}:
        assert json.loads(during[name]["body"]) == {"detail": DATABASE_UNAVAILABLE}, name
        assert during[name]["retry"] == "30", name
    health = json.loads(during["health"]["body"])
    assert health["status"] == "unavailable"
    assert "database unreachable" in health["detail"]
    assert "Database unavailable on GET /people/zohran-mamdani/" in result.stderr

    # After: everything as before (the admin's forms carry a CSRF token masked afresh each time).
    assert statuses(after) == dict.fromkeys(ROUTES, 200)
    for name in ROUTES.keys() - {"admin login", "admin login, JSON", "admin, signed in"}:
        assert after[name] == before[name], name
    assert "Site administration" in after["admin, signed in"]["body"]
    assert "Zohran Mamdani" in after["person page"]["body"]
    assert json.loads(after["API list"]["body"])["results"]
    assert json.loads(after["API detail"]["body"])["slug"] == "zohran-mamdani"
    assert json.loads(after["health"]["body"]) == {"status": "ok"}
    assert 'name="username"' in after["admin login"]["body"]


def redis_cache_settings(location: str) -> dict:
    """The cache config/settings.py sets up for REDIS_URL, at another address (the setting
    path itself: test_a_real_process_with_an_unreachable_redis_still_serves)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = redis_cache_settings("redis://127.0.0.1:1/8")
    yield caches["default"]


def test_an_unreachable_cache_answers_misses_and_ignores_writes(unreachable_redis, caplog):
    cache = unreachable_redis
    with caplog.at_level("ERROR", logger="claimtracker.cache"):
        cache.set("key", "value")
        assert cache.get("key") is None
        assert cache.get("key", "fallback") == "fallback"
        assert cache.get_many(["key"]) == {}
        assert not cache.add("key", "value")
        assert not cache.delete("key")
    assert any(record.name == "claimtracker.cache" for record in caplog.records)


def test_an_outage_is_logged_once_a_minute_not_once_a_request():
    from config.logging_filters import OncePerInterval

    once = OncePerInterval(seconds=60)
    record = logging.LogRecord("claimtracker.cache", logging.ERROR, "", 0, "down", None, None)

    assert [once.filter(record) for _ in range(5)] == [True, False, False, False, False]


def test_the_site_still_answers_200_when_redis_is_unreachable(
    client, db, publisher, unreachable_redis
):
    client.force_login(publisher)
    assert client.get("/admin/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_real_process_with_an_unreachable_redis_still_serves():
    """The setting path: REDIS_URL at a closed port selects django-redis, ignoring errors, and
    pages work."""
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
    assert result.stdout.strip().splitlines()[-1] == "RedisCache None 200"


def test_a_reachable_redis_caches(settings):
    """The same backend caches normally when Redis is up (db 8 is this project's test db)."""
    settings.CACHES = redis_cache_settings("redis://127.0.0.1:6379/8")
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
