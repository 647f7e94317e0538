"""Root URLs: the admin, the API, the reader pages and the health check."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.health import healthz

# JSON for unknown addresses under /api/, the usual page elsewhere.
handler404 = "config.errors.not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # API versions live side by side, each in its own namespace (NamespaceVersioning).
    path("api/v1/", include(("claims.api.urls", "api"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("claims.urls")),
]
