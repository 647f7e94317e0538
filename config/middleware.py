"""Site-wide middleware: security headers by path, request size limit, database outages."""

from __future__ import annotations

import logging
from http import HTTPStatus

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("claimtracker.reliability")

DATABASE_UNAVAILABLE = (
    "The service is temporarily unavailable (database unreachable). Try again in a minute."
)
BODY_TOO_LARGE = "The request body is too large: at most {limit} bytes are accepted."


def wants_json(request) -> bool:
    """API clients get JSON errors; browsers get a short HTML page."""
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def short_error(request, message: str, status: int) -> HttpResponse:
    """A short error answer in the format the client reads, never a traceback."""
    if wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    page = render_to_string(
        "short_error.html", {"title": HTTPStatus(status).phrase, "message": message}
    )
    return HttpResponse(page, status=status)


def database_unavailable_response(request, error: Exception) -> HttpResponse:
    """503 with a short message and Retry-After; the reason goes to the log only."""
    first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    logger.error("Database unavailable on %s %s: %s", request.method, request.path, first_line)
    response = short_error(request, DATABASE_UNAVAILABLE, 503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class PathScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the allowances CSP_ALLOWANCES_BY_PATH gives some paths."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        for prefix, allowances in getattr(settings, "CSP_ALLOWANCES_BY_PATH", {}).items():
            if request.path.startswith(prefix):
                update = dict(parts.update or {})
                for directive, sources in allowances.items():
                    update[directive] = [*update.get(directive, []), *sources]
                parts.update = update
        return parts


class RequestBodyLimitMiddleware:
    """Answers 413 to a body larger than MAX_REQUEST_BODY_BYTES, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return short_error(request, "The Content-Length header is not a number.", 400)
        if limit is not None and length > limit:
            return short_error(request, BODY_TOO_LARGE.format(limit=limit), 413)
        return self.get_response(request)

    def process_exception(self, request, exception):
        # A body without Content-Length (chunked) is caught where Django reads it.
        if isinstance(exception, RequestDataTooBig):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return short_error(request, BODY_TOO_LARGE.format(limit=limit), 413)
        return None


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a 503 with a short message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return database_unavailable_response(request, exception)
        return None
