"""The Celery application: background tasks (archiving, scheduled re-checks) and their schedule.

Workers and the scheduler load Django's settings (CELERY_* in config/settings.py) and find
each app's tasks.py. Start them with `celery -A config worker` and `celery -A config beat`
(README, "Background tasks").
"""

import os

from celery import Celery

from config.startup import load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class ClaimTrackerCelery(Celery):
    """Celery, reporting a bad setting in one line as manage.py does (not a traceback)."""

    def on_configure(self) -> None:
        load_settings_or_exit()


app = ClaimTrackerCelery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
