"""Every kind of response carries the security headers; reader pages allow nothing inline."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def crash(request):
    raise RuntimeError("a bug")


def lose_the_database(request):
    raise OperationalError("connection to server at 127.0.0.1, port 1 failed: Connection refused")


# The site's URLs plus two views that fail, for the 500 and 503 pages.
urlpatterns = [
    *site_urlpatterns,
    path("test-crash/", crash),
    path("test-database-lost/", lose_the_database),
]
handler500 = "config.error_pages.server_error"


def assert_security_headers(response, *, strict_csp: bool = True):
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    if strict_csp:
        assert "'unsafe-inline'" not in directives["style-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def failing_client():
    """A client that gets the error page instead of the exception, as a browser would."""
    return Client(raise_request_exception=False)


def test_the_health_check_carries_the_headers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_login_page_carries_the_headers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_an_admin_page_carries_the_headers(client, publisher):
    client.force_login(publisher)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_static_file_carries_the_headers(client, db):
    response = client.get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_not_found_page_carries_the_headers(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls("tests.reliability.test_security_headers")
def test_the_server_error_page_carries_the_headers_and_no_traceback(failing_client, db):
    response = failing_client.get("/test-crash/")
    assert response.status_code == 500
    assert_security_headers(response)
    assert "a bug" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.urls("tests.reliability.test_security_headers")
def test_the_database_unavailable_page_carries_the_headers(failing_client, db):
    response = failing_client.get("/test-database-lost/")
    assert response.status_code == 503
    assert_security_headers(response)


def test_hsts_is_sent_over_https_in_production(client, db, settings):
    assert settings.DEBUG is False
    response = client.get("/healthz", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_the_api_docs_allowances_stay_under_their_path(client, db, settings):
    """What Swagger UI needs does not leak into the rest of the site's policy."""
    assert "/api/docs/" in settings.CSP_ALLOWANCES_BY_PATH
    response = client.get("/no-such-page/")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    docs = client.get("/api/docs/no-such-thing/")
    assert "style-src 'self' 'unsafe-inline'" in docs["Content-Security-Policy"]


def test_a_reader_page_carries_the_headers_and_allows_nothing_inline(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response, strict_csp=True)
    assert response["X-Frame-Options"] == "DENY"


def test_a_person_page_carries_the_headers(client, seeded):
    response = client.get("/people/zohran-mamdani/")
    assert response.status_code == 200
    assert_security_headers(response, strict_csp=True)


def test_a_body_over_the_limit_carries_the_headers(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/statements/", {"text": "x" * 2000}, format="json")
    assert response.status_code == 413
    assert_security_headers(response)


def test_a_request_for_an_unknown_host_carries_the_headers(failing_client, db):
    response = failing_client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_security_headers(response)


def test_an_api_answer_carries_the_headers(client, db):
    response = client.get("/api/v1/people/")
    assert response.status_code == 200
    assert_security_headers(response)
