"""Create or update a staff account in the Editor (or Publisher) group, so people can log in."""

import getpass
import os
import secrets
import sys

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from claims.services import EDITOR_GROUP, PUBLISHER_GROUP, ensure_editorial_groups

PASSWORD_VARIABLE = "CLAIMTRACKER_PASSWORD"


def _shown(value: str) -> str:
    """A refused value as the error line shows it: its first 60 characters at most."""
    return value if len(value) <= 60 else value[:60] + "..."


class Command(BaseCommand):
    help = (
        "Create (or update) a staff user in the Editor group, or the Publisher group with "
        f"--publisher. The password comes from ${PASSWORD_VARIABLE} if set, else a prompt "
        "when interactive, else it is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The login name.")
        parser.add_argument(
            "--publisher", action="store_true", help="Put the user in Publisher, not Editor."
        )
        parser.add_argument("--email", default=None, help="The user's email address.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt (a new user's password is then generated unless the variable is set).",
        )

    def handle(self, *args, username, publisher, email, interactive, **options):
        User = get_user_model()
        username = username.strip()
        try:
            # The field's own rules: not blank, its characters, the length its column holds.
            User._meta.get_field(User.USERNAME_FIELD).clean(username, None)
        except ValidationError as error:
            raise CommandError(
                f"Bad username {_shown(username)!r}: {' '.join(error.messages)}"
            ) from None
        if email is not None:
            try:
                validate_email(email)
                User._meta.get_field(User.get_email_field_name()).run_validators(email)
            except ValidationError:
                raise CommandError(f"Bad email address {_shown(email)!r}.") from None

        # A database unreachable or not migrated is reported by manage.py, in one line.
        user = User.objects.filter(username=username).first()
        creating = user is None
        if creating:
            user = User(username=username)
        password, generated = self.choose_password(creating, interactive)
        if password is not None:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise CommandError(f"Password refused: {' '.join(error.messages)}") from None

        group_name = PUBLISHER_GROUP if publisher else EDITOR_GROUP
        with transaction.atomic():
            ensure_editorial_groups()
            user.is_staff = True
            user.is_active = True
            if email is not None:
                user.email = email
            if password is not None:
                user.set_password(password)
            user.save()
            # One role at a time: a publisher demoted to editor loses the Publisher group.
            user.groups.remove(*Group.objects.filter(name__in=[EDITOR_GROUP, PUBLISHER_GROUP]))
            user.groups.add(Group.objects.get(name=group_name))

        action = "Created" if creating else "Updated"
        self.stdout.write(f"{action} staff user {username!r} in the {group_name} group.")
        if generated:
            self.stdout.write(f"Generated password (shown only now): {password}")
        elif password is None:
            self.stdout.write("Password unchanged.")
        else:
            self.stdout.write("Password set.")

    def choose_password(self, creating: bool, interactive: bool) -> tuple[str | None, bool]:
        """The password to set (None keeps the current one), and whether it was generated."""
        from_environment = os.environ.get(PASSWORD_VARIABLE, "")
        if from_environment:
            return from_environment, False
        if interactive and sys.stdin.isatty():
            prompt = "Password" + ("" if creating else " (empty keeps the current one)") + ": "
            first = getpass.getpass(prompt)
            if not first and not creating:
                return None, False
            if first != getpass.getpass("Password again: "):
                raise CommandError("The two passwords differ; nothing was changed.")
            if not first:
                raise CommandError("A new user needs a password; nothing was changed.")
            return first, False
        if creating:
            return secrets.token_urlsafe(16), True
        return None, False
