"""Browser tests: real headless Chromium from Debian, driven by Playwright.

pytest-playwright provides the `page` fixture; here it is pointed at
/usr/bin/chromium (Playwright's own browser downloads are impossible here).
Every test in this folder is skipped, with the reason, when Chromium is missing;
.ci/run installs it so they always run in CI.
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from claims.models import StanceShift, Statement, Topic
from people.models import Person
from tests.pages.story import build_story

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class OneRequestAtATimeServer(WSGIServer):
    """The live server answering one request at a time, in its own thread.

    On SQLite the test database is in memory, and Django hands its one connection to every
    thread of the live server (connections_override). Two threads using that connection at
    once can deadlock: one inside SQLite (holding its connection mutex) calling back into
    Python for one of Django's SQL functions waits for the GIL, while another holds the GIL
    and waits for the mutex. A CI run hung that way once in tests/browser/test_editors_desk.py
    (py-spy: a request thread in sqlite3_step, in Django's date function for the admin's
    date_hierarchy, every thread waiting for the GIL). Not threaded, Django's server sends
    "Connection: close", so Chromium's parallel requests queue instead.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if connection.vendor == "sqlite":
    LiveServerThread.server_class = OneRequestAtATimeServer
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def artifacts_dir() -> Path:
    """Where browser tests save screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def log_in(page, live_server):
    """Log a user in through the real admin login form."""

    def log_in_as(user, password):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in_as


@pytest.fixture
def story(request, transactional_db):
    """The seed article's records when the seed loader is there (`seeded`), else the same
    story built with factories; either way the test reads what it needs from the database."""
    try:
        request.getfixturevalue("seeded")
    except pytest.FixtureLookupError:
        build_story()
    mamdani = Person.objects.get(slug="zohran-mamdani")
    police_funding = Topic.objects.get(slug="police-funding")
    on_topic = Statement.objects.published().filter(subject=mamdani, topic=police_funding)
    reform = on_topic.get(speaker__slug="karam-chowdhury")
    return SimpleNamespace(
        mamdani=mamdani,
        police_funding=police_funding,
        defund=on_topic.get(said_on="2020"),
        reform=reform,
        source=reform.citations.select_related("source").first().source,
        shift=StanceShift.objects.published().get(subject=mamdani, topic=police_funding),
        neutral_position=police_funding.positions.get(axis_value=1),
    )
