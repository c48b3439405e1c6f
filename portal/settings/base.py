"""Settings shared by every environment; each value that differs between
machines is read from the environment so one code base serves dev, CI and
production."""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "home",
    "taxonomy",
    "cases",
    "supports",
    "events",
    "awards",
    "regions",
    "search",
    "editorial",
    "pagecache",
    "periodic",
    "seo",
    "charts",
    "opendata",
    "seedcontent",
    "provenance",
    "accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "alerts",
    "desk",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail_modeladmin",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Never mounted (no /django-admin/), but wagtail-modeladmin's list filters on
    # related fields (市区町村 by 都道府県, by 地域ブロック) ask django.contrib.admin's
    # site which models it registers: without the app they fail.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sitemaps",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# `manage.py load_portal_content` runs each app's seed loader in this order:
# a loader may rely on what an earlier one stored (the pages hang under the
# home page; cases link to programs; awards to cases).
SEED_LOADERS = [
    "taxonomy.seed.load",
    "home.seed.load",
    "supports.seed.load",
    "cases.seed.load",
    "events.seed.load",
    "awards.seed.load",
    "regions.seed.load",
    "search.seed.load",
    "search.seed.rebuild",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "portal.middleware.ReadingRequestMiddleware",
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it turns a lockout raised during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the zero-setup default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# A publish and the search outbox row it writes commit or roll back together.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock before they read (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "core.sqlite"
# Seconds a visitor is asked to wait when the database is locked or away.
DATABASE_RETRY_AFTER = int(os.environ.get("DATABASE_RETRY_AFTER", "30"))
# Anonymous page cache lifetime in seconds (pagecache/); 0 switches it off.
# Publishing purges at once; the lifetime bounds date-driven changes (募集中).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Site-wide figures (the home page's counts per 分野 and ブロック) kept until
# the next publish; 0 computes them on every request.
CONTENT_CACHE_SECONDS = int(os.environ.get("CONTENT_CACHE_SECONDS", "0"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Work done by `manage.py worker` (periodic/): (dotted path to a callable
# taking no arguments, seconds between runs). Each callable is idempotent and
# returns a short summary or None; one worker in the whole site runs them.
PERIODIC_JOBS = [
    ("periodic.jobs.publish_scheduled", 60),
    ("search.indexing.catch_up", 30),
    ("pagecache.generation.retry_missed_purge", 30),
    ("alerts.sending.send_due_alerts", int(os.environ.get("ALERTS_SEND_INTERVAL", "300"))),
    ("alerts.sending.delete_stale", 3600),
    ("desk.retention.delete_expired_enquiries", 86400),
]
# Seconds a worker holds the lease without renewing it: the longest another
# worker waits before taking over from one that died.
WORKER_LEASE_SECONDS = float(os.environ.get("WORKER_LEASE_SECONDS", "30"))


def shared_cache(default):
    """CACHE_URL (or REDIS_URL), e.g. redis://10.0.0.5:6379/0, puts the page
    cache, its purge number, the memoised counts and the search engine's
    down/up state in one Redis every app server reads: a publish on one
    server is then seen by all at once. Without it, `default` (one server)."""
    url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
    if not url:
        return default
    seconds = float(os.environ.get("CACHE_TIMEOUT", "1"))
    return {
        "default": {
            # Unreachable, it answers as an empty cache (portal/cache.py).
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {
                "socket_connect_timeout": seconds,
                "socket_timeout": seconds,
                "retry_after": float(os.environ.get("CACHE_RETRY_AFTER", "5")),
            },
        }
    }


CACHES = shared_cache({"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes first: it refuses a locked-out account and client before the password
# is even checked (accounts/README in the project README, "Sign-in security").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",
]
# Failed sign-ins are counted per account *and* client address together, in
# the database (shared by every app server): after AXES_FAILURE_LIMIT failures
# within AXES_COOLOFF_MINUTES that pair is refused for the same time.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_ENABLE_ADMIN = False
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.ThrottledPasswordResetForm"
# Sign-ins are logged once, in Wagtail's log (accounts/audit.py).
AXES_DISABLE_ACCESS_LOG = True
# Behind a reverse proxy that sets it, the request header holding the client
# address (e.g. X-Real-IP). Unset: REMOTE_ADDR, since any client can send
# X-Forwarded-For and so pick the address it is counted under.
TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER", "").strip()

# 承認者 and 管理者 must sign in with a second factor before they reach the
# admin; only development turns this off (portal/settings/dev.py).
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "ICT地域活性化ポータル"
# Signed-in staff are signed out after this many seconds without a request.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(60 * 60)))
# The development demo passwords sign in (production turns this on).
REFUSE_DEMO_PASSWORDS = False

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"


def storages_from_env(defaults):
    """STORAGES (JSON, same shape as Django's setting) replaces the named
    storages and keeps the others, so an object store for editors' media
    (django-storages) is configuration, not code."""
    raw = os.environ.get("STORAGES", "").strip()
    if not raw:
        return defaults
    try:
        chosen = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"STORAGES must be a JSON object: {error}") from error
    if not isinstance(chosen, dict) or not all(isinstance(v, dict) and "BACKEND" in v for v in chosen.values()):
        raise ImproperlyConfigured('STORAGES must map names to {"BACKEND": ..., "OPTIONS": {...}}')
    return {**defaults, **chosen}


STORAGES = storages_from_env(
    {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "ICT地域活性化ポータル"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Wagtail's SQLite FTS and PostgreSQL search treat a spaceless Japanese run as
# one token, so editors searching 港北区 would not find 横浜市港北区. The
# fallback backend matches substrings with icontains, which is what Japanese
# editors expect from the admin search boxes.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database.fallback"},
}

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "portal": {"handlers": ["console"], "level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "accounts": {"handlers": ["console"], "level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
}

# Seconds: one request to Elasticsearch, and how long to stay on the database
# backend after a failure before trying the engine again.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
ELASTICSEARCH_RETRY_AFTER = float(os.environ.get("ELASTICSEARCH_RETRY_AFTER", "10"))
# A rebuild (search_reindex) is a command, not a page: it may wait longer.
ELASTICSEARCH_REBUILD_TIMEOUT = float(os.environ.get("ELASTICSEARCH_REBUILD_TIMEOUT", "60"))


# Mail. EMAIL_URL (smtp://user:password@host:587, smtps://… for implicit
# TLS, smtp+tls://… for STARTTLS) or the separate EMAIL_* variables; the dev
# settings print mails to the console instead.
def email_settings(url):
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
    }


EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if os.environ.get("EMAIL_URL"):
    globals().update(email_settings(os.environ["EMAIL_URL"]))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ICT地域活性化ポータル <noreply@localhost>")
# The site's public address, for links in mails (sent outside any request).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", WAGTAILADMIN_BASE_URL)

# E-mail alerts (alerts/): limits, link lifetimes, retention, batch size.
ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS = int(os.environ.get("ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS", "20"))
ALERTS_MAX_CONFIRMATIONS_PER_ADDRESS_HOUR = int(os.environ.get("ALERTS_MAX_CONFIRMATIONS_PER_ADDRESS_HOUR", "3"))
ALERTS_MAX_CONFIRMATIONS_PER_CLIENT_HOUR = int(os.environ.get("ALERTS_MAX_CONFIRMATIONS_PER_CLIENT_HOUR", "10"))
ALERTS_CONFIRM_SECONDS = int(os.environ.get("ALERTS_CONFIRM_SECONDS", str(7 * 86400)))
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "7"))
ALERTS_MANAGE_SECONDS = int(os.environ.get("ALERTS_MANAGE_SECONDS", str(30 * 86400)))
ALERTS_SENT_RETENTION_DAYS = int(os.environ.get("ALERTS_SENT_RETENTION_DAYS", "30"))
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "500"))

# 相談窓口 (desk/): where new enquiries are announced, how long they are kept,
# and the abuse limits.
DESK_NOTIFY_EMAIL = env_list("DESK_NOTIFY_EMAIL")
DESK_RETENTION_DAYS = int(os.environ.get("DESK_RETENTION_DAYS", "365"))
DESK_MAX_PER_CLIENT_HOUR = int(os.environ.get("DESK_MAX_PER_CLIENT_HOUR", "5"))
DESK_MIN_FILL_SECONDS = int(os.environ.get("DESK_MIN_FILL_SECONDS", "3"))
