"""Two-factor login (TOTP, django-otp) for the admin: optional for staff, required for
publishers when REQUIRE_2FA_FOR_PUBLISHERS is on.

A staff member who has a confirmed TOTP device must give its code at login. An administrator
adds devices in the admin (OTP_TOTP > TOTP devices), which shows the QR code to scan.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import match_token, user_has_device

from claims.services import PUBLISHER_GROUP


def two_factor_required(user) -> bool:
    """Whether this user may only use the admin after a verified TOTP code."""
    return bool(
        settings.REQUIRE_2FA_FOR_PUBLISHERS
        and user.is_authenticated
        and user.groups.filter(name=PUBLISHER_GROUP).exists()
    )


class TwoFactorAdminLoginForm(AdminAuthenticationForm):
    """The admin login form with a one-time code, needed when the user has a device."""

    otp_token = forms.CharField(
        label="Two-factor code",
        required=False,
        max_length=12,
        help_text="The 6-digit code from your authenticator app, if you set one up.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        has_device = user_has_device(user, confirmed=True)
        if not has_device and not two_factor_required(user):
            return cleaned
        if not has_device:
            raise forms.ValidationError(
                "Publishers must log in with a two-factor code, and you have no authenticator "
                "set up: ask an administrator to add a TOTP device for you.",
                code="two_factor_setup_required",
            )
        token = (cleaned.get("otp_token") or "").strip()
        device = match_token(user, token) if token else None
        if device is None:
            # Count it as a failed login, so guessing codes is locked out like guessing passwords.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(
                "Enter the current code from your authenticator app.", code="invalid_otp_token"
            )
        # django-otp marks the session verified on login when the user carries the device.
        user.otp_device = device
        return cleaned


class PublisherTwoFactorMiddleware:
    """Logs out a publisher whose session has no verified code, when 2FA is required of them.

    The login form enforces the code; this covers sessions made before the setting was on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_2FA_FOR_PUBLISHERS
            and request.path.startswith(reverse("admin:index"))
            and request.user.is_authenticated
            and not request.user.is_verified()
            and two_factor_required(request.user)
        ):
            # Logging out (rather than only redirecting) avoids a loop: the admin login page
            # sends a logged-in staff member straight back to the admin.
            logout(request)
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        return self.get_response(request)
