"""WSGI entry point: `gunicorn config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from config.startup import load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# 3 is gunicorn's "worker failed to boot": it stops the server rather than starting the
# worker again with the same bad setting for ever.
load_settings_or_exit(status=3)
application = get_wsgi_application()
