"""manage.py create_editor: a staff account in the right group, or one readable error."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from claims.services import EDITOR_GROUP, PUBLISHER_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a-long-and-unusual-passphrase"


def run(*arguments) -> str:
    output = StringIO()
    call_command("create_editor", *arguments, "--no-input", stdout=output)
    return output.getvalue()


def groups_of(username: str) -> list[str]:
    return list(
        get_user_model().objects.get(username=username).groups.values_list("name", flat=True)
    )


def test_it_creates_an_editor_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMTRACKER_PASSWORD", GOOD_PASSWORD)
    output = run("alice", "--email", "alice@example.org")
    assert "Created staff user 'alice' in the Editor group." in output
    user = authenticate(username="alice", password=GOOD_PASSWORD)
    assert user is not None and user.is_staff
    assert user.email == "alice@example.org"
    assert groups_of("alice") == [EDITOR_GROUP]


def test_it_generates_and_prints_a_password_once_when_none_is_given(monkeypatch):
    monkeypatch.delenv("CLAIMTRACKER_PASSWORD", raising=False)
    output = run("bob", "--publisher")
    password = output.split("Generated password (shown only now): ")[1].strip()
    assert authenticate(username="bob", password=password) is not None
    assert groups_of("bob") == [PUBLISHER_GROUP]


def test_it_updates_an_existing_user_and_keeps_the_password(monkeypatch):
    monkeypatch.delenv("CLAIMTRACKER_PASSWORD", raising=False)
    UserFactory(username="carol", is_staff=False, password=GOOD_PASSWORD)
    run("carol", "--publisher")
    output = run("carol")
    assert "Updated staff user 'carol' in the Editor group." in output
    assert "Password unchanged." in output
    assert authenticate(username="carol", password=GOOD_PASSWORD).is_staff
    assert groups_of("carol") == [EDITOR_GROUP]


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["not a name!"], GOOD_PASSWORD, "Bad username"),
        (["dave", "--email", "not-an-email"], GOOD_PASSWORD, "Bad email address"),
        # Longer than the columns hold: PostgreSQL refuses them with a traceback.
        (["d" * 151], GOOD_PASSWORD, "Bad username 'ddd.*at most 150 characters"),
        (["dave", "--email", "d" * 250 + "@example.org"], GOOD_PASSWORD, "Bad email address"),
        (["dave"], "123", "Password refused"),
    ],
)
def test_bad_input_is_one_line_and_creates_nobody(monkeypatch, arguments, password, message):
    monkeypatch.setenv("CLAIMTRACKER_PASSWORD", password)
    with pytest.raises(CommandError, match=message) as refusal:
        run(*arguments)
    assert "\n" not in str(refusal.value)
    assert not get_user_model().objects.exists()
