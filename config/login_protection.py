"""Login protection: django-axes wired to this site (client address, lockout answer, log line).

Unlock a locked-out client in the admin (Axes > Access attempts: delete the row) or with
`manage.py axes_reset` (`axes_reset_username NAME`, `axes_reset_ip ADDRESS`).
"""

from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger("claimtracker.security")

LOCKOUT_MESSAGE = (
    "Too many failed logins: this account or address is locked. "
    "Try again later, or ask an administrator to unlock it."
)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses logins from locked-out clients; calls without a request are not web logins."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # Management commands and the test client authenticate without a request; only
        # requests from the network can be brute-forced, and axes needs one to count them.
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets (CLIENT_IP_HEADER)."""
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header) or request.META.get("REMOTE_ADDR")
    if value and header == "HTTP_X_FORWARDED_FOR":
        # Left of the last entry is whatever the client claimed; the last one our proxy added.
        value = value.split(",")[-1].strip()
    return value


def lockout_response(request, original_response=None, credentials=None):
    """429 with a short reason: JSON for API clients, plain text for browsers."""
    wants_json = request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")
    if wants_json:
        return JsonResponse({"detail": LOCKOUT_MESSAGE}, status=429)
    return HttpResponse(LOCKOUT_MESSAGE, status=429, content_type="text/plain; charset=utf-8")


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """Every lockout leaves one warning line in the log, for whoever watches it."""
    # DRF views authenticate with their own Request wrapper, where axes leaves its mark; the
    # AxesMiddleware reads the mark on Django's request, so copy it there.
    django_request = getattr(request, "_request", None)
    if django_request is not None:
        django_request.axes_locked_out = True
        django_request.axes_credentials = getattr(request, "axes_credentials", None)
    logger.warning(
        "Login locked out after %s failures: username=%r ip=%s path=%s",
        settings.AXES_FAILURE_LIMIT,
        username,
        ip_address,
        getattr(request, "path", "?"),
    )
