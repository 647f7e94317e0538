"""Claim Tracker settings: one module, read from the environment, safe by default.

Every variable is documented in the README. A bad value stops the process with
one readable line (see manage.py), never a traceback.
"""

import logging
import os
import re
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but a clear yes or no is an error."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (got {value!r})")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Read a whole-number variable, at least minimum when one is given."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {value!r})") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more (got {value!r})")
    return number


def env_seconds(name: str, default: float) -> float:
    """Read a number of seconds, 0 or more (fractions allowed)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        raise ImproperlyConfigured(f"{name} must be a number of seconds, 0 or more (got {value!r})")
    return float(value)


def env_choice(name: str, default: str, pattern: str, allowed: str) -> str:
    """Read a variable that must match a pattern; allowed says what it takes."""
    value = os.environ.get(name, default)
    if not re.fullmatch(pattern, value):
        raise ImproperlyConfigured(f"{name} must be {allowed} (got {value!r})")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url: str, *, variable: str = "DATABASE_URL") -> dict:
    """Turn a database URL into Django's DATABASES entry, or explain what is wrong with it."""
    conn_max_age = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except Exception as error:  # dj-database-url raises several kinds for a bad URL
        raise ImproperlyConfigured(f"{variable} is not a valid database URL ({error})") from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(f"{variable} is not a valid database URL (no database name)")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # The web server and a background worker write at once (make run): a transaction takes
        # the write lock when it begins, and waits for it, instead of failing on upgrade.
        config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    timeout = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 0)
    if timeout < 0:
        raise ImproperlyConfigured("DATABASE_STATEMENT_TIMEOUT_MS must be 0 (none) or more")
    if timeout and config["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL cancels a query running longer (the request answers 503, as for a lost
        # database): a runaway query must not outlive the worker that asked for it and hold
        # a database core while later requests wait.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c statement_timeout={timeout}".strip()
    return config


# Seconds a web request waits for the task queue's broker before telling the editor that the
# task could not be queued (sources.tasks.queue_archive).
BROKER_TIMEOUT_SECONDS = 3


def redis_broker_transport_options() -> dict:
    """Celery's transport options for a Redis broker."""
    return {
        # An unacknowledged task (its worker died) goes back to the queue after this many
        # seconds; longer than the longest countdown of a retry, or a waiting retry would run twice.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1),
        # Workers look for such tasks every unacked_restore_interval (10 s) times this; kombu
        # 5.7's default of 10 left a dead worker's task waiting 100 s past its timeout.
        "unacked_restore_throttle": 1,
        # Several sites (or test runs) can share one Redis, each under its own prefix.
        "global_keyprefix": os.environ.get("CELERY_KEY_PREFIX", ""),
        # A Redis that accepts connections but does not answer (overloaded, half-open after a
        # failover) would hold the web request queueing a task for ever: kombu's default is
        # no timeout. Workers are not hurried by it: their BRPOP answers within 1 s.
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        "socket_timeout": BROKER_TIMEOUT_SECONDS,
    }


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set; set it to a long random string (or DJANGO_DEBUG=1 for local work)"
        )
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "core",
    "people",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers and failure answers come first so every response, static files included, gets them
    # (X-Frame-Options too: on a 413, a bad Host's 400 and whitenoise's files as on pages).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.PathScopedCSPMiddleware",
    "config.middleware.RequestBodyLimitMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous readers' reads from a replica, when DATABASE_REPLICA_URLS names some.
    "config.replicas.ReadReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.two_factor.PublisherTwoFactorMiddleware",
    # Inside the others, so what it stores is the view's own response and every outer
    # middleware (security headers, CSP) still runs on a cached answer.
    "config.middleware.PublicResponseCacheMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replicas (config/replicas.py): anonymous readers' reads go to these PostgreSQL hot
# standbys (comma-separated URLs); writes, migrations, editors and anyone who just wrote use
# the primary. A replica that does not answer is skipped for DATABASE_REPLICA_RETRY_SECONDS.
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _replica = database_from_url(_url, variable="DATABASE_REPLICA_URLS")
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # In tests a replica is the test database itself (Django's test mirror).
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"] if DATABASE_REPLICAS else []
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 30, minimum=0)
# After a write of their own, a client reads the primary for this long (a cookie), so
# replication lag never hides what they just wrote.
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 10, minimum=0)

REDIS_URL = env_choice(
    "REDIS_URL", "", r"|(rediss?|unix)://.+", "empty or a URL such as redis://host:6379/0"
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300, minimum=0),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # A Redis outage means misses and ignored writes, not errors: the site keeps
                # serving uncached, and says so in the log (at most once a minute, LOGGING).
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300, minimum=0),
        }
    }

AUTHENTICATION_BACKENDS = [
    # First: refuses any login from a locked-out client before the password is even checked.
    "config.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (ValueError, zoneinfo.ZoneInfoNotFoundError):
    raise ImproperlyConfigured(
        f"TIME_ZONE must be a zone such as Europe/Paris (got {TIME_ZONE!r})"
    ) from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) whitenoise serves straight from the apps.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# Deployment checklist: on whenever DEBUG is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Read in debug too, so a bad value is caught before it reaches production.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
if DEBUG:
    SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BODY_BYTES", 2_621_440, minimum=1)

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# What some paths need beyond that, only under those paths
# (config.middleware.PathScopedCSPMiddleware adds these to the policy above).
# The admin needs none (checked in Chromium). Swagger UI sets one inline style; its script is
# served as a file when the docs use drf-spectacular's SpectacularSwaggerSplitView.
CSP_ALLOWANCES_BY_PATH = {
    "/api/docs/": {"style-src": ["'unsafe-inline'"]},
}

# Login protection (django-axes): lock a client out after repeated failed logins, on the admin
# and on every API endpoint that checks a password. Unlock: the Axes admin or `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = (
    env_int("LOGIN_LOCKOUT_HOURS", 1, minimum=0) or None
)  # 0: until an administrator unlocks
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login_protection.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.login_protection.client_ip_address"
# Behind a proxy, the request header (as in request.META) carrying the client's address, for
# example HTTP_X_FORWARDED_FOR (its right-most entry is used: the one the proxy added).
# Left at REMOTE_ADDR behind a proxy, every client shares the proxy's address: one attacker
# would lock out everyone.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "REMOTE_ADDR")

# Two-factor (django-otp, TOTP): optional for staff; when on, publishers must use it in the admin.
REQUIRE_2FA_FOR_PUBLISHERS = env_bool("REQUIRE_2FA_FOR_PUBLISHERS", False)

# A second pair of eyes: nobody publishes a record they created or last changed (claims.services).
REQUIRE_SECOND_REVIEWER = env_bool("REQUIRE_SECOND_REVIEWER", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Claim Tracker")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "core.api.base.ClaimTrackerAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["core.api.filtering.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.GenerousAnonRateThrottle"],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
}

# JSON encoded by orjson, byte for byte what DRF's renderer writes (config/renderers.py).
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = [
    "config.renderers.FastJSONRenderer",
    "rest_framework.renderers.BrowsableAPIRenderer",
]

# A JSON body nested thousands deep is a 400, not a RecursionError (config/parsers.py).
# Writes take JSON only: a form cannot say null or a number, so the schema's types would not
# hold for one (a form or multipart body is a 415).
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["config.parsers.BoundedJSONParser"]

SPECTACULAR_SETTINGS = {
    "TITLE": "Claim Tracker API",
    "DESCRIPTION": (
        "Public API of published statements, sources and fact-checks. Anonymous clients read "
        "what is published; editors with a token draft statements, sources and citations."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "people.models.Organization.Kind",
        "SourceKindEnum": "sources.models.Source.Kind",
        "StatementKindEnum": "claims.models.Statement.Kind",
        "EndorsementKindEnum": "claims.models.Endorsement.Kind",
    },
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
}

# API: requests per anonymous client IP ("600/minute"; empty turns throttling off) and how
# long shared caches may keep anonymous responses.
API_ANON_RATE = env_choice(
    "API_ANON_RATE",
    "600/minute",
    r"|[0-9]+/(second|minute|hour|day)",
    "empty or a rate such as 600/minute (per second, minute, hour or day)",
)
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60, minimum=0)
# How long anonymous readers' responses are kept in the cache (config.middleware); any
# committed change makes them unreachable at once (core.revisions). 0 turns it off.
PUBLIC_RESPONSE_CACHE_SECONDS = env_int("PUBLIC_RESPONSE_CACHE_SECONDS", 300, minimum=0)
# Anonymous reads use a reading of the content revision at most this old (seconds), so a 304
# or a cached page usually costs no query; a publish shows everywhere within it. 0: always read.
CONTENT_REVISION_TTL = env_seconds("CONTENT_REVISION_TTL", 1.0)

# The organization that publishes fact-checks, for schema.org ClaimReview.
CLAIMTRACKER_PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "Claim Tracker")
CLAIMTRACKER_PUBLISHER_URL = os.environ.get("PUBLISHER_URL", "https://example.org/")

# Archiving sources (sources/archive.py; see docs/provenance.md).
ARCHIVE_MAX_BYTES = env_int("ARCHIVE_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
ARCHIVE_CONNECT_TIMEOUT = env_int("ARCHIVE_CONNECT_TIMEOUT", 10, minimum=1)
ARCHIVE_READ_TIMEOUT = env_int("ARCHIVE_READ_TIMEOUT", 30, minimum=1)
ARCHIVE_TOTAL_TIMEOUT = env_int("ARCHIVE_TOTAL_TIMEOUT", 120, minimum=1)
ARCHIVE_USER_AGENT = os.environ.get(
    "ARCHIVE_USER_AGENT",
    f"ClaimTrackerArchiver/1.0 (+{CLAIMTRACKER_PUBLISHER_URL}; archives cited sources)",
)
# Loopback ports the archiver may fetch from. Only the test suite sets this (to its own
# local server); it is never read from the environment, so production refuses loopback.
ARCHIVE_LOOPBACK_PORTS_ALLOWED_FOR_TESTS: list[int] = []
# Queue an archive task whenever a source is saved with a new URL (sources/tasks.py).
ARCHIVE_ON_SAVE = env_bool("ARCHIVE_ON_SAVE", True)
# A failed fetch (timeout, connection, HTTP error) is tried again this many times, waiting
# ARCHIVE_RETRY_BACKOFF seconds, then twice that, ... (at most ARCHIVE_RETRY_BACKOFF_MAX).
# A refusal (unsafe address, too large, wrong type) is final at once.
ARCHIVE_MAX_RETRIES = env_int("ARCHIVE_MAX_RETRIES", 3, minimum=0)
ARCHIVE_RETRY_BACKOFF = env_int("ARCHIVE_RETRY_BACKOFF", 30, minimum=1)
ARCHIVE_RETRY_BACKOFF_MAX = env_int("ARCHIVE_RETRY_BACKOFF_MAX", 600, minimum=1)
# Scheduled re-checks: a source recorded or published in the last ARCHIVE_RECHECK_FRESH_DAYS
# is copied again every ARCHIVE_RECHECK_FRESH_HOURS, an older one every ARCHIVE_RECHECK_DAYS.
# The scheduler looks for due sources every ARCHIVE_RECHECK_SCAN_MINUTES; a task queued for
# longer than ARCHIVE_STALLED_MINUTES (lost with a worker or broker) is queued again.
ARCHIVE_RECHECK_FRESH_DAYS = env_int("ARCHIVE_RECHECK_FRESH_DAYS", 7, minimum=0)
ARCHIVE_RECHECK_FRESH_HOURS = env_int("ARCHIVE_RECHECK_FRESH_HOURS", 24, minimum=1)
ARCHIVE_RECHECK_DAYS = env_int("ARCHIVE_RECHECK_DAYS", 7, minimum=1)
ARCHIVE_RECHECK_SCAN_MINUTES = env_int("ARCHIVE_RECHECK_SCAN_MINUTES", 15, minimum=1)
ARCHIVE_STALLED_MINUTES = env_int("ARCHIVE_STALLED_MINUTES", 60, minimum=1)

# Background tasks (Celery; config/celery.py, README "Background tasks"). Without
# CELERY_BROKER_URL the broker is a folder on this machine (no server needed): right for
# `make run`, not for workers on several machines (use Redis there).
QUEUE_DIR = Path(os.environ.get("QUEUE_DIR", BASE_DIR / "var" / "queue"))
CELERY_BROKER_URL = env_choice(
    "CELERY_BROKER_URL",
    "filesystem://",
    r"filesystem://.*|rediss?://.+",
    "filesystem:// or a URL such as redis://host:6379/1",
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(QUEUE_DIR / "messages"),
        "data_folder_out": str(QUEUE_DIR / "messages"),
        "control_folder": str(QUEUE_DIR / "control"),
        "store_processed": False,
    }
    try:
        for folder in ("messages", "control"):
            (QUEUE_DIR / folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(
            f"QUEUE_DIR must be a folder this process can write ({error.strerror}: {error.filename})"
        ) from None
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = redis_broker_transport_options()
# Sending a task tries the broker twice (each try bounded by BROKER_TIMEOUT_SECONDS), not
# Celery's four times, so an editor learns within seconds that the queue is unreachable.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "claimtracker")
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to run again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Outcomes are recorded on the records themselves (a source's archive state), not as results.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Time limits: past the soft one a task records why it stopped; the hard one ends its process.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("TASK_TIME_LIMIT", ARCHIVE_TOTAL_TIMEOUT + 60, minimum=1)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(QUEUE_DIR / "beat-schedule")
)
# The periodic tasks the scheduler (`celery -A config beat`, one per site) queues.
# Other periodic work (promise deadlines passing, backfills) is added here, with its task in
# its app's tasks.py.
CELERY_BEAT_SCHEDULE = {
    "queue-due-source-rechecks": {
        "task": "sources.tasks.queue_due_rechecks",
        "schedule": ARCHIVE_RECHECK_SCAN_MINUTES * 60.0,
    },
}

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if not isinstance(logging.getLevelName(LOG_LEVEL), int):
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL (got {LOG_LEVEL!r})"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"once_a_minute": {"()": "config.logging_filters.OncePerInterval"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "console_once_a_minute": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["once_a_minute"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "claimtracker.cache": {"handlers": ["console_once_a_minute"], "propagate": False},
    },
}
# django-redis logs each error it ignores (IGNORE_EXCEPTIONS) to this logger.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "claimtracker.cache"

# Admin import/export (django-import-export): every import in one transaction, editors need
# the add permission to import and the view permission to export.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
