#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from config.startup import load_settings_or_exit

    load_settings_or_exit()
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError, InterfaceError

    try:
        execute_from_command_line(sys.argv)
    except (DatabaseError, InterfaceError) as error:
        if "--traceback" in sys.argv:
            raise
        print(database_problem(error), file=sys.stderr)
        sys.exit(1)


def database_problem(error: Exception) -> str:
    """One line for an operator: the database unreachable, not migrated, or what it said."""
    from django.db import DatabaseError, InterfaceError, connection

    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    try:
        connection.close()
        migrated = "django_migrations" in connection.introspection.table_names()
    except (DatabaseError, InterfaceError):
        return f"Database unavailable: {reason} (check DATABASE_URL and that the server runs)"
    if not migrated:
        return f"Database not set up: {reason}; run manage.py migrate first."
    return f"Database error: {reason}"


if __name__ == "__main__":
    main()
