"""Settings for the Sister Cities Directory, read from the environment.

DATABASE_URL  database to use (default: SQLite in var/, git-ignored)
SECRET_KEY    required unless DEBUG is on
DEBUG         "1"/"true"/"yes" turns on debug mode (off by default)
ALLOWED_HOSTS comma-separated host names (default: localhost only)
HTTPS, BEHIND_PROXY, HSTS_SECONDS, ADMIN_PATH and the rest: see README, "Security"
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable, "
            "or set DEBUG=1 to use a development-only key."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Origins (scheme and host, such as https://sistercities.example.org) whose forms Django
# accepts besides the site's own host: needed when a proxy in front changes the host.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "directory",
]

MIDDLEWARE = [
    # Request ids first, so that every log line of the request carries one.
    "directory.middleware.RequestIdMiddleware",
    # The security headers come next, so that static files get them too.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Embed pages alone may be framed by other sites (directory/embeds.py).
    "directory.embeds.framed_anywhere",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address alone: /es/... is Spanish, the rest English.
    "directory.locale.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # The API and downloads may be read by any site's scripts (directory/opendata/cors.py).
    "directory.opendata.cors.CrossOriginReadMiddleware",
    # Last: 304s, the page cache and Cache-Control for public pages (directory/caching.py).
    "directory.caching.PublicPageMiddleware",
]

ROOT_URLCONF = "sistercities.urls"

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
                "directory.caching.cache_version",
                "directory.context_processors.canonical_url",
            ],
        },
    },
    # The templates every page or every row pays for, drawn by Jinja2 (directory/jinja.py).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "directory.jinja.environment",
            # Jinja2 adds request, csrf_input and csrf_token itself.
            "context_processors": ["directory.caching.cache_version"],
        },
    },
]

# Form fields are drawn by templates/forms/field.html, found through TEMPLATES.
FORM_RENDERER = "directory.forms.SiteFormRenderer"

WSGI_APPLICATION = "sistercities.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Write-ahead logging: pages read while an import writes, instead of waiting
        # for its lock. Each transaction takes the write lock when it begins, so two
        # writers queue for up to `timeout` seconds rather than fail half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (imports): queued in the database and run by `manage.py db_worker`,
# which make run, make serve and the Docker image start beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# English at the site's first addresses, Spanish under /es/ (sistercities/urls.py). The
# catalogues in locale/ are compiled by `make messages`, which `make run` and the build run.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["sistercities.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Kosovo has no ISO 3166-1 code; XK is the code in common use (directory/importing).
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# --- Security ------------------------------------------------------------------------
# The site is served over HTTPS unless HTTPS=0 (the default with DEBUG on): plain HTTP
# is redirected, cookies are Secure, and browsers are told to insist on HTTPS.
HTTPS = env_flag("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # health checks ask over plain HTTP
# Behind a proxy, the client's address is the one the proxy adds to X-Forwarded-For
# (directory/counting.py); otherwise that header is the client's own word, and ignored.
BEHIND_PROXY = env_flag("BEHIND_PROXY")
if BEHIND_PROXY:
    # A proxy in front terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # no script reads them
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Scripts, styles, images and forms from this site only; no inline code, no framing.
# Django's own debug pages are made of inline code, so with DEBUG on it only reports.
SITE_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = None, SITE_CSP
else:
    CONTENT_SECURITY_POLICY = SITE_CSP
# Browser features the site never uses, turned off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# The admin lives at ADMIN_PATH, and a username that fails to sign in five times from one
# address is locked out for 15 minutes (`manage.py axes_reset` lifts every lock).
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "directory.counting.client_address"
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# --- Logging -------------------------------------------------------------------------
# Everything goes to stdout. gunicorn's access log writes the one line per request
# (gunicorn.conf.py); the application's own lines, errors included, carry the same
# request id, which RequestIdMiddleware takes from X-Request-ID or makes up.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "directory.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    # django-axes announces itself at every start; its failed sign-ins are warnings.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}

# --- Cache ---------------------------------------------------------------------------
# Whole public pages (PAGE_CACHE_SECONDS) and rendered fragments of templates
# ({% cache ... using="fragments" %}) are cached, keyed on the directory's generation,
# which every process reads from the database: a change saved by any process retires
# them in all (directory/caching.py). Fragments stay in each process's memory. Pages go
# to the default cache: each process's memory, or with REDIS_URL one Redis cache that
# every instance shares.
FRAGMENT_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    "fragments": FRAGMENT_CACHE,
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "sistercities",
        # A slow or lost Redis costs a request half a second, then it goes uncached.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Community pages draw a map of their partners; MAPS=0 serves them without it (the
# benchmark measures what the map costs this way).
MAPS = env_flag("MAPS", default=True)
# How long a CDN or other shared cache may keep a public page (Cache-Control s-maxage);
# browsers always check with the ETag first.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "300"))

# A partnership last verified longer ago than this many months needs checking again
# (the admin's "needs checking" filter).
VERIFY_AFTER_MONTHS = int(os.environ.get("VERIFY_AFTER_MONTHS", "24"))
# Where the gazetteer file is built (directory/gazetteer/): GeoNames' places, read by
# imports and place checks, never by page views.
GAZETTEER_DIR = os.environ.get("GAZETTEER_DIR", str(BASE_DIR / "var" / "gazetteer"))
# A listing of a community looking for partners leaves /seeking/ when it has not been
# confirmed for this many days.
LISTING_LIFETIME_DAYS = int(os.environ.get("LISTING_LIFETIME_DAYS", "365"))

# /.well-known/security.txt names this contact (a mailto: or https: address); without
# it the file is not served.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")

# --- Public corrections and email ------------------------------------------------------
# Reports of a correction accepted from one client address per hour (directory/corrections/).
CORRECTION_RATE_LIMIT = int(os.environ.get("CORRECTION_RATE_LIMIT", "5"))
# Downloads (directory/opendata/files.py): the whole-directory files, written once for
# each version of the directory, and how many downloads may run at once in each gunicorn
# worker (half its THREADS, gunicorn.conf.py) and from one client address.
DOWNLOADS_DIR = os.environ.get("DOWNLOADS_DIR", str(BASE_DIR / "var" / "downloads"))
DOWNLOADS_PER_WORKER = max(1, int(os.environ.get("THREADS", "4")) // 2)
DOWNLOADS_PER_ADDRESS = int(os.environ.get("DOWNLOADS_PER_ADDRESS", "2"))
# Outcomes of correction reports are emailed to their reporters: through SMTP when
# EMAIL_HOST is set, else written to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
# A mail server that does not answer holds a moderator's save for at most this long.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sister Cities Directory <noreply@localhost>"
)
