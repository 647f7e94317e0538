"""The application's URLs plus the baseline the benchmark compares every endpoint to."""

from django.urls import path

from bench.views import baseline_statements, claim_candidates
from config.urls import urlpatterns as application_urlpatterns

urlpatterns = [
    path("bench/baseline/statements/", baseline_statements, name="bench-baseline"),
    path("bench/claim-candidates/", claim_candidates, name="bench-claim-candidates"),
    *application_urlpatterns,
]
