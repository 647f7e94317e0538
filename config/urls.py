"""Root URLs: the admin, the API, the reader pages and the health check."""

from django.contrib import admin
from django.urls import include, path

from claims.admin_proposals import propose_statements_view
from config.health import healthz

urlpatterns = [
    # Before admin.site.urls, whose catch-all would otherwise take this admin-area page.
    path(
        "admin/sources/source/<int:source_id>/propose-statements/",
        admin.site.admin_view(propose_statements_view),
        name="source-propose-statements",
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("claims.urls")),
]
