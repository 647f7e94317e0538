"""The Celery application: background tasks (archiving, scheduled re-checks) and their schedule.

Workers and the scheduler load Django's settings (CELERY_* in config/settings.py) and find
each app's tasks.py. Start them with `celery -A config worker` and `celery -A config beat`
(README, "Background tasks").
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
