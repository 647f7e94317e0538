"""Settings for benchmark runs: production settings plus the `bench` app and its baseline URL.

The baseline view exists only here, never in config.settings. The measuring script
sets SECRET_KEY (random, for the run) and DATABASE_URL in the environment before Django
reads this module; DEBUG stays off as in production.
"""

from config.settings import *  # noqa: F403 - these settings extend the production ones
from config.settings import INSTALLED_APPS, env_list

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

# Served over plain HTTP on loopback: no HTTPS redirect, no HSTS, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The API's per-IP throttle stays in the request path but cannot trip: every load comes from
# one address (127.0.0.1), and a 429 would measure the throttle rather than the read path.
API_ANON_RATE = "1000000000/hour"
