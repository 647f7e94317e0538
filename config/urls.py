"""Root URLs: the admin, the API, the reader pages and the health check."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import config.login_protection  # noqa: F401  (connects the lockout log line)
from claims.admin_choices import narrowed_autocomplete_view
from claims.admin_proposals import propose_statements_view
from claims.admin_review import review_queue_view
from config.health import healthz
from config.two_factor import TwoFactorAdminLoginForm

# The admin login asks for a two-factor code from staff who set one up (config/two_factor.py).
admin.site.login_form = TwoFactorAdminLoginForm

# JSON for unknown addresses under /api/, the usual page elsewhere.
handler404 = "config.errors.not_found"

urlpatterns = [
    # Before admin.site.urls, whose catch-all would otherwise take this admin-area page.
    path(
        "admin/sources/source/<int:source_id>/propose-statements/",
        admin.site.admin_view(propose_statements_view),
        name="source-propose-statements",
    ),
    path(
        "admin/review-queue/",
        admin.site.admin_view(review_queue_view),
        name="admin-review-queue",
    ),
    path(
        "admin/claims/autocomplete/",
        admin.site.admin_view(narrowed_autocomplete_view),
        name="admin-narrowed-autocomplete",
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # API versions live side by side, each in its own namespace (NamespaceVersioning).
    path("api/v1/", include(("claims.api.urls", "api"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("claims.urls")),
]

# A lost database raised outside any view is still a 503, not a 500 (config/error_pages.py).
handler500 = "config.error_pages.server_error"
