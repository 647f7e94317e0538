"""/healthz says whether the database answers."""

import json

import pytest

from tests.config.test_settings import manage

ASK_HEALTHZ = (
    "from django.test import Client; import json; "
    "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
)


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "unreachable_database",
    ["sqlite:////nonexistent/folder/db.sqlite3", "postgres://postgres@127.0.0.1:1/claimtracker"],
)
def test_it_answers_503_with_the_reason_when_the_database_is_down(unreachable_database):
    """A real process whose database cannot be reached: 503 and why, no traceback."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        ASK_HEALTHZ,
        DJANGO_DEBUG="1",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=unreachable_database,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    payload = json.loads(body)
    assert payload["status"] == "unavailable"
    assert payload["database"]
    assert "Traceback" not in body


def test_it_is_not_cached(client, db):
    response = client.get("/healthz")
    assert "max-age=0" in response["Cache-Control"]
