"""Minimal Django project that serves django-helpdesk for the intake benchmark.

run.sh copies this package into a temporary directory and points
HELPDESK_BENCH_DIR at it; the SQLite database and media files live there.
Settings follow the package's own install notes (INSTALLED_APPS, SITE_ID,
LOGIN_URL) with teams mode off (it would need pinax-teams) and production
toggles (DEBUG off, dummy e-mail backend so nothing leaves the machine).
"""
import os

BASE_DIR = os.environ.get("HELPDESK_BENCH_DIR", os.path.dirname(os.path.abspath(__file__)))

SECRET_KEY = "defuse-intake-benchmark-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",     # helpdesk: domain for e-mail links
    "django.contrib.humanize",  # helpdesk: elapsed-time formatting
    "rest_framework",
    "helpdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "helpdesk_bench.urls"
WSGI_APPLICATION = "helpdesk_bench.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

# SQLite, tuned the way Django's docs suggest for concurrent writers:
# WAL journal, a busy timeout, and IMMEDIATE transactions (Django >= 5.1).
# synchronous=FULL matches the durability Defuse uses for its SQLite file
# (HELPDESK_SQLITE_SYNCHRONOUS=NORMAL trades that for speed).
SQLITE_SYNCHRONOUS = os.environ.get("HELPDESK_SQLITE_SYNCHRONOUS", "FULL")
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(BASE_DIR, "helpdesk.sqlite3"),
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

SITE_ID = 1
LOGIN_URL = "helpdesk:login"
LOGIN_REDIRECT_URL = "helpdesk:home"

# django-helpdesk
HELPDESK_TEAMS_MODE_ENABLED = False   # teams mode needs pinax-teams
HELPDESK_API_ENABLED = True

# Tickets e-mail the submitter; render the mail but never send it.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = "helpdesk@example.com"
SERVER_EMAIL = "helpdesk@example.com"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(BASE_DIR, "media")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
