"""Starting a process (manage.py, a Celery worker or scheduler, gunicorn) on the environment's
settings."""

import sys


def load_settings_or_exit(status: int = 2) -> None:
    """Load the settings now, so a bad setting is one line on stderr and exit status `status`,
    not a traceback from wherever the settings are first read."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        sys.exit(status)
