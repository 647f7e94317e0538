"""Root URLs: the admin, the API, the reader pages and the health check."""

from django.contrib import admin
from django.urls import include, path

import config.login_protection  # noqa: F401  (connects the lockout log line)
from config.health import healthz
from config.two_factor import TwoFactorAdminLoginForm

# The admin login asks for a two-factor code from staff who set one up (config/two_factor.py).
admin.site.login_form = TwoFactorAdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("claims.urls")),
]

# A lost database raised outside any view is still a 503, not a 500 (config/error_pages.py).
handler500 = "config.error_pages.server_error"
