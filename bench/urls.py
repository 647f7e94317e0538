"""The application's URLs plus the baseline the benchmark compares every endpoint to."""

from django.urls import path

from bench.views import baseline_statements
from config.urls import urlpatterns as application_urlpatterns

urlpatterns = [
    path("bench/baseline/statements/", baseline_statements, name="bench-baseline"),
    *application_urlpatterns,
]
