"""Throttling for anonymous API clients (kept apart from api_base: DRF imports it while loading)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class GenerousAnonRateThrottle(AnonRateThrottle):
    """Anonymous clients share API_ANON_RATE per IP address (fairness, not security)."""

    def get_rate(self):
        # Read at request time so the setting (and tests) can change it; empty turns it off.
        return settings.API_ANON_RATE or None

    def allow_request(self, request, view):
        if not self.rate:
            return True
        return super().allow_request(request, view)
