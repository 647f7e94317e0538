"""TOTP two-factor in the admin: optional for staff, required of publishers by a setting."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login(client, username, token=""):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": factories.PASSWORD, "otp_token": token},
    )


@pytest.fixture
def requires_2fa(settings):
    settings.REQUIRE_2FA_FOR_PUBLISHERS = True


def test_a_publisher_logs_in_with_a_password_alone_when_2fa_is_off(client, publisher):
    assert login(client, "paula").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_publisher_without_a_device_is_refused_when_2fa_is_required(
    client, publisher, requires_2fa
):
    response = login(client, "paula")
    assert response.status_code == 200
    assert "two-factor" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_publisher_with_a_wrong_code_is_refused(client, publisher, requires_2fa):
    TOTPDevice.objects.create(user=publisher, name="phone", confirmed=True)
    response = login(client, "paula", token="000000")
    assert response.status_code == 200
    assert "current code" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_publisher_with_the_current_code_gets_in(client, publisher, requires_2fa):
    device = TOTPDevice.objects.create(user=publisher, name="phone", confirmed=True)
    assert login(client, "paula", token=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_publisher_session_without_a_verified_code_is_logged_out(client, publisher, requires_2fa):
    """Sessions opened before the setting was turned on do not slip through."""
    client.force_login(publisher)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_an_editor_without_a_device_still_logs_in_when_only_publishers_need_2fa(
    client, editor, requires_2fa
):
    assert login(client, "edith").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_who_set_up_a_device_must_use_it_even_when_2fa_is_optional(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    assert login(client, "edith").status_code == 200
    assert login(client, "edith", token=current_code(device)).status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, publisher, settings):
    settings.AXES_FAILURE_LIMIT = 2
    TOTPDevice.objects.create(user=publisher, name="phone", confirmed=True)
    login(client, "paula", token="000000")
    assert login(client, "paula", token="111111").status_code == 429


def test_unused_factory_user_is_not_staff():
    """Sanity: only the fixtures make staff (the 2FA rule is about staff in the Publisher group)."""
    assert factories.UserFactory.build().is_staff is False
