"""Root URLs: the admin, the API, the reader pages and the health check."""

from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("claims.urls")),
]
