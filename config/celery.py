"""The Celery application: background tasks (archiving, scheduled re-checks) and their schedule.

Workers and the scheduler load Django's settings (CELERY_* in config/settings.py) and find
each app's tasks.py. Start them with `celery -A config worker` and `celery -A config beat`
(README, "Background tasks").
"""

import os
import sys

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class ClaimTrackerCelery(Celery):
    """Celery, reporting a bad setting in one line as manage.py does (not a traceback)."""

    def on_configure(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        try:
            settings.INSTALLED_APPS  # noqa: B018 - load settings now to report bad configuration
        except ImproperlyConfigured as error:
            print(f"Configuration error: {error}", file=sys.stderr)
            sys.exit(2)


app = ClaimTrackerCelery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
