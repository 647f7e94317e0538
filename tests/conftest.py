"""Shared fixtures. Tests run with DEBUG off, as production does."""

# The environment for the suite (SECRET_KEY, ...) is set in pyproject.toml with pytest-env,
# because pytest-django reads the settings before any conftest is imported.
import pytest
from django.contrib.auth.models import Group

from claims.services import EDITOR_GROUP, PUBLISHER_GROUP
from tests import factories

# Lines a test wants people to read (record_property("summary", ...)), shown at the end of
# the run; collected from reports so they survive pytest-xdist's workers.
_SUMMARY_LINES: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _SUMMARY_LINES.extend(value for name, value in report.user_properties if name == "summary")


def pytest_terminal_summary(terminalreporter):
    for line in _SUMMARY_LINES:
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Use plain static storage: the manifest exists only after collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: responses cached by an earlier test's data (the
    content revision restarts when a transactional test's flush empties its table) and its
    throttle counts must not leak into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor(db):
    """A staff user in the Editor group."""
    user = factories.UserFactory(username="edith", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def second_editor(editor):
    """Another editor, for two editors working on the same record at once."""
    other = factories.UserFactory(username="eric", is_staff=True)
    other.groups.set(editor.groups.all())
    return other


@pytest.fixture
def publisher(db):
    """A staff user in the Publisher group."""
    user = factories.UserFactory(username="paula", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHER_GROUP))
    return user


@pytest.fixture
def seeded(db):
    """The seed article's records (seeds/), loaded through the seed loader: all published.

    Look records up by slug: people zohran-mamdani, karam-chowdhury, shamsul-haque,
    rodney-harrison; topics police-funding, mental-health-crisis-response.
    """
    from claims.seeding import default_seed_paths, load_seeds

    return load_seeds(paths=default_seed_paths())
