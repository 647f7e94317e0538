"""Site-wide middleware: security headers by path, request size limit, database outages."""

from __future__ import annotations

import logging
from http import HTTPStatus

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core import revisions

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


class PublicResponseCacheMiddleware:
    """Anonymous reads of public content: 304 from the revision alone, and cached responses.

    For GET/HEAD requests without credentials (no Authorization header, no session cookie)
    to views that say they may be cached (`public_cache = True`: the API's read views and
    the reader pages), the content revision (core.revisions) decides everything:
    - If-None-Match naming the current digest: 304, without running the view;
    - a response stored for the same digest: served from the cache (CACHES["default"]: Redis
      in production, so every worker shares it);
    - otherwise the view runs, and a 200 without cookies is stored for
      PUBLIC_RESPONSE_CACHE_SECONDS (0 turns the cache off; the 304s stay).
    Any committed change moves the revision, so a publish invalidates every stored response
    at once; nothing is ever deleted, entries expire. Every such answer, rendered, stored or
    304, carries the same Vary, Cache-Control and Last-Modified (_public_headers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        digest = getattr(request, "_public_digest", None)
        if digest and response.status_code == 200:
            if "ETag" not in response:
                response["ETag"] = quote_etag(digest)
            if self._gives_a_cookie(request, response):
                # This reader's own (the browsable API's CSRF token): no shared cache keeps it.
                patch_cache_control(response, private=True)
            self._public_headers(response, request.content_revision)
        key = getattr(request, "_public_cache_key", None)
        if key and self._storable(request, response):
            # Vary is kept: a cached answer must vary on what the rendered one did.
            headers = {
                name: value for name, value in response.items() if name.lower() != "set-cookie"
            }
            cache.set(key, (response.content, headers), settings.PUBLIC_RESPONSE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._applies(request, view_func):
            return None
        revision = revisions.of_request(request, fresh=False)
        digest = revisions.digest(request, audience="public", revision=revision)
        request._public_digest = digest
        tag = revisions.matching_tag(request, digest)
        if tag:
            response = HttpResponseNotModified()
            response["ETag"] = tag
            return self._public_headers(response, revision)
        if settings.PUBLIC_RESPONSE_CACHE_SECONDS <= 0 or revision.pending:
            return None
        key = f"public-response:{digest}"
        stored = cache.get(key)
        if stored is None:
            if request.method == "GET":
                request._public_cache_key = key
            return None
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["ETag"] = headers.get("ETag") or quote_etag(digest)
        return response

    @staticmethod
    def _public_headers(response, revision):
        """What every anonymous answer of a public view says to caches, rendered, stored or
        304 alike (RFC 9110 15.4.5: a 304 carries the 200's Vary and Cache-Control): it
        differs by Accept (content negotiation) and by credentials (which bypass this cache
        and may show staff more), and any cache may keep it API_CACHE_MAX_AGE seconds."""
        patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
        if "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        if "Last-Modified" not in response:
            response["Last-Modified"] = http_date(revision.public_changed_at.timestamp())
        return response

    @staticmethod
    def _applies(request, view_func) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        return bool(
            getattr(view_func, "public_cache", False)
            or getattr(getattr(view_func, "cls", None), "public_cache", False)
        )

    @staticmethod
    def _gives_a_cookie(request, response) -> bool:
        """Whether the answer sets a cookie, here or on its way out (CsrfViewMiddleware, outside
        this one, sets the CSRF cookie of a page that used the token)."""
        return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))

    @classmethod
    def _storable(cls, request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not cls._gives_a_cookie(request, response)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
