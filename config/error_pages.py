"""The 500 handler: a database outage anywhere in the request is a 503, anything else a plain 500."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.views.defaults import server_error as django_server_error

from config.middleware import database_unavailable_response


def server_error(request, template_name: str = "500.html"):
    """A 503 when the error in flight is a lost database (raised outside any view), else Django's 500."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable_response(request, error)
    return django_server_error(request, template_name=template_name)
