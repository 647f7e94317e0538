"""Repeated failed logins lock the client out, on the admin and on token endpoints."""

import logging

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from config.urls import urlpatterns as site_urlpatterns
from tests import factories

# The site's URLs plus DRF's token endpoint, so the lockout is shown on any view that checks a
# password through django.contrib.auth with the request.
urlpatterns = [*site_urlpatterns, path("test-token/", obtain_auth_token)]

LIMIT = 3


@pytest.fixture(autouse=True)
def _low_failure_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def admin_login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "paula", "password": password})


def test_the_admin_login_locks_out_after_repeated_failures(client, publisher, caplog):
    with caplog.at_level(logging.WARNING, logger="claimtracker.security"):
        answers = [admin_login(client, "wrong").status_code for _ in range(LIMIT)]
    assert answers == [200] * (LIMIT - 1) + [429]
    assert any("locked out" in record.getMessage() for record in caplog.records)


def test_a_locked_out_client_is_refused_even_with_the_right_password(client, publisher):
    for _ in range(LIMIT):
        admin_login(client, "wrong")
    response = admin_login(client, factories.PASSWORD)
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_axes_reset_unlocks_the_client(client, publisher):
    for _ in range(LIMIT):
        admin_login(client, "wrong")
    call_command("axes_reset", verbosity=0)
    assert not AccessAttempt.objects.exists()
    response = admin_login(client, factories.PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(publisher.pk)


def test_failures_below_the_limit_are_forgotten_after_a_success(client, publisher):
    for _ in range(LIMIT - 1):
        admin_login(client, "wrong")
    assert admin_login(client, factories.PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert admin_login(client, "wrong").status_code == 200


@pytest.mark.urls("tests.reliability.test_login_lockout")
def test_the_token_endpoint_locks_out_after_repeated_failures(client, publisher):
    def ask_token(password):
        return client.post("/test-token/", {"username": "paula", "password": password})

    answers = [ask_token("wrong").status_code for _ in range(LIMIT)]
    assert answers == [400] * (LIMIT - 1) + [429]
    refused = ask_token(factories.PASSWORD)
    assert refused.status_code == 429
    assert "locked" in refused.content.decode()
    call_command("axes_reset", verbosity=0)
    assert ask_token(factories.PASSWORD).status_code == 200


def test_the_client_address_comes_from_the_configured_proxy_header(client, publisher, settings):
    """Behind a proxy each client is counted by its own address, not the proxy's."""
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(LIMIT):
        client.post(
            "/admin/login/",
            {"username": "someone", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7",
        )
    other = client.post(
        "/admin/login/",
        {"username": "paula", "password": factories.PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
