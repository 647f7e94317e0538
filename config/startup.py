"""Starting a process (manage.py, a Celery worker or scheduler) on the environment's settings."""

import sys


def load_settings_or_exit() -> None:
    """Load the settings now, so a bad setting is one line on stderr and exit status 2, not a
    traceback from wherever the settings are first read."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        sys.exit(2)
