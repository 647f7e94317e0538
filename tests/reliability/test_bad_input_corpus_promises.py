"""The bad-input corpus, promises: bad promises and status changes posted to the real admin
forms (and their citation inlines) are the form again, 200, with a message on the field at
fault, never a 500; and every row of every table of ours is as it was. The rules live in the
models' clean() (claims/promises/models.py), so the seeds and any importer refuse the same.

The same cases through the seed loader: a seed file with a bad promise is one line naming the
record, and loads nothing.
"""

import datetime
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.html import escape

from claims.models import Promise
from claims.seeding import SeedError, load_seeds
from tests.admin_forms import change_form_data
from tests.factories import (
    PersonFactory,
    PromiseScaleFactory,
    PublishedPromiseFactory,
    SourceFactory,
    TopicFactory,
    promise_status,
)
from tests.reliability.bad_input import database_state
from tests.reliability.test_bad_input_corpus_admin import errors_in, post
from tests.seeds.conftest import SEED_FILE_NAME, SEEDS

pytestmark = pytest.mark.django_db

TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_file(tmp_path) -> Path:
    """A copy of the seeds folder to edit; its seed file's path."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "seeds" / SEED_FILE_NAME


@pytest.fixture
def world(db, editor):
    w = SimpleNamespace(editor=editor)
    w.person, w.topic, w.source = PersonFactory(), TopicFactory(), SourceFactory()
    w.scale = PromiseScaleFactory()
    w.other_scale = PromiseScaleFactory(name="Dignitas", slug="dignitas")
    w.promise = PublishedPromiseFactory(
        person=w.person, topic=w.topic, scale=w.scale, promised_on="2025-03"
    )
    return w


FORMS = {
    "promise add": lambda w: (
        reverse("admin:claims_promise_add"),
        {
            "person": w.person.pk,
            "wording": "Free buses.",
            "promised_on": "2025-06",
            "topic": w.topic.pk,
            "scale": w.scale.pk,
            "citations-0-source": w.source.pk,
            "citations-0-excerpt": "Free buses, he said.",
        },
    ),
    "status change add": lambda w: (
        reverse("admin:claims_promisestatuschange_add"),
        {
            "promise": w.promise.pk,
            "changed_on": "2025-09",
            "rating": promise_status("in-the-works", w.scale).pk,
            "analysis": "The council voted the money.",
            "citations-0-source": w.source.pk,
            "citations-0-excerpt": "Voted.",
        },
    ),
}

# (case, form, changes, field at fault, what its message says)
CASES = [
    (
        "change dated tomorrow",
        "status change add",
        {"changed_on": TOMORROW.isoformat()},
        "changed_on",
        "A status change cannot be dated in the future.",
    ),
    (
        "change dated next year",
        "status change add",
        {"changed_on": str(TOMORROW.year + 1)},
        "changed_on",
        "A status change cannot be dated in the future.",
    ),
    (
        "change dated before the promise",
        "status change add",
        {"changed_on": "2025-02"},
        "changed_on",
        "A status change cannot be dated before the promise (March 2025).",
    ),
    (
        "status of another scale",
        "status change add",
        lambda w: {"rating": promise_status("kept", w.other_scale).pk},
        "rating",
        "is not a status of this promise&#x27;s scale; choose one of: Not yet rated, In the works",
    ),
    (
        "status that does not exist",
        "status change add",
        {"rating": "999999"},
        "rating",
        "Select a valid choice.",
    ),
    (
        "status as a word",
        "status change add",
        {"rating": "kept"},
        "rating",
        "Select a valid choice.",
    ),
    (
        "change date as words",
        "status change add",
        {"changed_on": "last spring"},
        "changed_on",
        "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        "control character in the analysis",
        "status change add",
        {"analysis": "Stalled\x01 again."},
        "analysis",
        "control character U+0001",
    ),
    (
        "control character in a change's citation",
        "status change add",
        {"citations-0-excerpt": "Voted\x1b[31m."},
        "citations-0-excerpt",
        "control character U+001B",
    ),
    (
        "deadline before the promise",
        "promise add",
        {"deadline": "2025-05"},
        "deadline",
        "The deadline cannot be before the promise was made (June 2025).",
    ),
    (
        "promise dated in the future",
        "promise add",
        {"promised_on": str(TOMORROW.year + 1)},
        "promised_on",
        "A promise cannot be dated in the future.",
    ),
    (
        "deadline month 13",
        "promise add",
        {"deadline": "2026-13"},
        "deadline",
        "The month must be between 01 and 12.",
    ),
    (
        "control character in the wording",
        "promise add",
        {"wording": "Free\x07 buses."},
        "wording",
        "control character U+0007",
    ),
    (
        "line break in a citation's locator",
        "promise add",
        {"citations-0-locator": "paragraph\n2"},
        "citations-0-locator",
        "Remove the tab or line break",
    ),
    (
        "replacement character in the wording",
        "promise add",
        {"wording": "Free \ufffd buses."},
        "wording",
        "replacement character U+FFFD",
    ),
]


def filled_form(client, world, form: str, changes: dict) -> tuple[str, dict]:
    url, good = FORMS[form](world)
    data = {**change_form_data(client.get(url), **good), **changes}
    return url, data


@pytest.mark.parametrize(
    ("case", "form", "changes", "field", "message"), CASES, ids=[case[0] for case in CASES]
)
def test_a_bad_promise_or_status_change_is_a_form_error_and_changes_nothing(
    client, world, case, form, changes, field, message
):
    client.force_login(world.editor)
    changes = changes(world) if callable(changes) else changes
    url, data = filled_form(client, world, form, changes)
    before = database_state()

    response = post(client, url, data)

    assert response.status_code == 200, (case, response.status_code)
    errors = errors_in(response)
    shown = message.replace("&#x27;", "'")
    assert any(shown in text for text in errors.get(field, [])), (case, errors)
    assert escape(shown) in response.content.decode()
    assert database_state() == before


@pytest.mark.parametrize("form", FORMS)
def test_each_good_promise_form_saves(client, world, form):
    """The cases' starting point is valid, so each case's error is the case's own doing."""
    client.force_login(world.editor)
    url, data = filled_form(client, world, form, {})
    before = database_state()
    assert post(client, url, data).status_code == 302
    assert database_state() != before


WORDING = """    wording: >-
      Create a Department of Community Safety that would answer 911 calls for mental-health
      crises instead of the police.
"""

SEED_CASES = [
    (
        "future change date",
        'changed_on: "2025"',
        f'changed_on: "{TOMORROW.year + 1}"',
        "A status change cannot be dated in the future.",
    ),
    (
        "unknown status",
        "status: not-yet-rated",
        "status: promised-loudly",
        "status 'promised-loudly' is not a status defined under the promise scale",
    ),
    (
        "deadline before the promise",
        'promised_on: "2025"',
        'promised_on: "2025"\n    deadline: "2024"',
        "The deadline cannot be before the promise was made (2025).",
    ),
    (
        "control character",
        WORDING,
        '    wording: "Create a Department of Community Safety\\a that answers 911 calls."\n',
        "control character U+0007",
    ),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "message"), SEED_CASES, ids=[case[0] for case in SEED_CASES]
)
def test_a_bad_promise_in_a_seed_file_is_refused_and_nothing_is_loaded(
    seed_file, case, old, new, message
):
    text = seed_file.read_text(encoding="utf-8")
    assert old in text, case
    seed_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = database_state()

    with pytest.raises(SeedError) as caught:
        load_seeds(paths=[seed_file])

    assert message in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value)
    assert database_state() == before
    assert not Promise.objects.exists()
