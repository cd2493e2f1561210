"""
Settings shared by every environment.

Values come from the environment (django-environ). Only safe, non-secret
defaults live here: the embedded development defaults (SQLite, in-memory
channel layer, database search backend, in-process tasks). Production
(`config.settings.production`) re-reads every secret and URL without a default.
See README.md, section "Configuration", for every variable.
"""

from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# GENERAL
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# No default here: only the development and test settings have one (an empty key stops
# Django at the first signature, so a deployment cannot run on a published key).
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True
USE_I18N = True
SITE_ID = 1

# LANGUAGES
# ------------------------------------------------------------------------------
# The seven languages of COMMIT from day one. English is the working language
# and is served without a URL prefix; the others under /km/, /zh-hans/, ...
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("km", _("Khmer")),
    ("zh-hans", _("Simplified Chinese")),
    ("lo", _("Lao")),
    ("my", _("Burmese")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
]
# Django ships no metadata for Lao and names Khmer only in English; the
# language switcher shows each language in its own script.
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"})
LANG_INFO["km"] = {**LANG_INFO["km"], "name_local": "ភាសាខ្មែរ"}
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin in all seven languages: Wagtail ships no Khmer or Lao strings (its own fall
# back to English) but the portal's admin screens are translated.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]
THIRD_PARTY_APPS = [
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "taggit",
    "modelcluster",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Content translation (README, "Languages"): its locales admin replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
]
LOCAL_APPS = [
    "portal",
    "home",
    "knowledge",
    "meetings",
    "forums",
    "consultations",
    "results",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_portal"
# Wagtail's own sign-in form has no second factor: the admin signs in through allauth.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

MIDDLEWARE = [
    # First: it times everything the others do (portal/metrics.py).
    "portal.metrics.MetricsMiddleware",
    "portal.request_context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ExactPrefixLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default searches through its own terms table (knowledge.search): the
    # default page cache (2 MB) re-reads its index from disk on every search and rebuild of
    # a library of thousands; 128 MB of cache and reads mapped from the file keep it in memory.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA cache_size = -131072; PRAGMA mmap_size = 268435456;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# CACHE AND CHANNEL LAYER
# ------------------------------------------------------------------------------
# With REDIS_URL set, Redis serves both the cache and the Channels layer (so
# several ASGI workers share websocket groups); without it, both stay in-process.
def redis_services(url: str) -> tuple[dict, dict]:
    """The cache and the channel layer on the Redis server at `url`."""
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    channel_layers = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            # The pub/sub layer publishes an event once per group, and each process hands
            # it to its own sockets; the layer that queues a copy per socket cost one Redis
            # round trip per reader (bench/README.md, forum fan-out). It delivers at most
            # once: a dropped link is made good by the threads' resume from the last event.
            # The socket timeout is kept generous for idle subscriptions.
            "CONFIG": {"hosts": [{"address": url, "socket_timeout": 15}]},
        }
    }
    return caches, channel_layers


REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES, CHANNEL_LAYERS = redis_services(REDIS_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# SEARCH
# ------------------------------------------------------------------------------
# Wagtail's own (admin and page) search uses the database backend: SQLite FTS5
# or PostgreSQL full text. The portal's research search talks to Elasticsearch
# when ELASTICSEARCH_URL is set and falls back to the database otherwise.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# One node or several, comma-separated: https://es1:9200,https://es2:9200.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
# A stock Elasticsearch 8 wants credentials and TLS (portal.search_client): an API key
# (the base64 "encoded" value) or a user name and password, and the cluster's CA file or
# the SHA-256 fingerprint of its certificate.
ELASTICSEARCH_API_KEY = env("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_USERNAME = env("ELASTICSEARCH_USERNAME", default="")
ELASTICSEARCH_PASSWORD = env("ELASTICSEARCH_PASSWORD", default="")
ELASTICSEARCH_CA_CERTS = env("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_SSL_ASSERT_FINGERPRINT = env("ELASTICSEARCH_SSL_ASSERT_FINGERPRINT", default="")
ELASTICSEARCH_VERIFY_CERTS = env.bool("ELASTICSEARCH_VERIFY_CERTS", default=True)
# Queries answer quickly or fall back to the database; maintenance (filling an index)
# sets its own longer timeout. Retries go to another node when there are several.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5)
ELASTICSEARCH_MAX_RETRIES = env.int("ELASTICSEARCH_MAX_RETRIES", default=0)
ELASTICSEARCH_RETRY_ON_TIMEOUT = env.bool("ELASTICSEARCH_RETRY_ON_TIMEOUT", default=False)
# The library's search backend (knowledge.search): a dotted path, or empty for
# Elasticsearch when ELASTICSEARCH_URL is set and the database otherwise.
COMMIT_SEARCH_BACKEND = env("COMMIT_SEARCH_BACKEND", default="")
# Versioned indices live behind this alias: <prefix> -> <prefix>-<timestamp>.
COMMIT_SEARCH_INDEX_PREFIX = env("COMMIT_SEARCH_INDEX_PREFIX", default="commit-publications")
# None: ask the node whether it has the analysis-icu plugin; False: assume it has not.
COMMIT_SEARCH_ICU = None

# TASKS
# ------------------------------------------------------------------------------
# In-process by default: `make run` needs no worker. Production sets
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py task_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}

# /health/ready reports the task queue "fail" (the portal "degraded") when the oldest task
# that is due has waited longer than this many seconds for `manage.py task_worker`.
HEALTH_TASK_QUEUE_MAX_AGE = env.int("HEALTH_TASK_QUEUE_MAX_AGE", default=300)
# Every task worker (`manage.py task_worker`) records that it is alive this often; one not
# seen for TASK_WORKER_LOST_AFTER_S was killed or lost with its machine, and the tasks it had
# claimed go back to the queue to run again (README.md, "Background tasks"). The threshold
# is many heartbeats long, so a busy database delaying a few never takes a live worker's task.
TASK_WORKER_HEARTBEAT_S = env.float("TASK_WORKER_HEARTBEAT_S", default=5.0)
TASK_WORKER_LOST_AFTER_S = env.float("TASK_WORKER_LOST_AFTER_S", default=60.0)
# /health/ready reports the search retry queue "fail" (the portal "degraded") when a change
# has waited longer than this many seconds to reach Elasticsearch.
HEALTH_SEARCH_RETRY_MAX_AGE = env.int("HEALTH_SEARCH_RETRY_MAX_AGE", default=900)
# Reads the search retry queue for /health/ready and /metrics (the portal core imports no app).
SEARCH_RETRY_QUEUE_STATE = "knowledge.search.indexing.retry_queue_state"
# The bearer token a monitoring system sends for /metrics; empty means no /metrics at all.
METRICS_TOKEN = env("METRICS_TOKEN", default="")

# PASSWORDS AND AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ACCOUNTS (django-allauth)
# ------------------------------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[COMMIT Portal] "
ACCOUNT_PREVENT_ENUMERATION = True
# Counted per IP address and per account ("key"); the cache holds the counters, so in
# production every worker shares them through Redis.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "COMMIT Portal"

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="COMMIT Portal <no-reply@example.org>")

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "COMMIT Portal"
# Where "Quick exit" on Youth Forum and safeguarding pages leads: a busy, neutral site that
# gives nothing away on a shared screen (a weather page is a common choice too).
QUICK_EXIT_URL = env("QUICK_EXIT_URL", default="https://www.google.com/")
# The one site root of every absolute URL the portal hands out (feeds, JSON-LD, Open Graph,
# the API's html_url, calendar files, emails, OAI-PMH, the sitemap): a record has one address
# whatever host name a request arrived on. The default is what `make run` serves.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PORTAL_BASE_URL)
# OAI-PMH's repository identifier (the `x` of `oai:x:publication/1`): a domain name that
# stays the same for the life of the repository, so every harvested record keeps its identity.
OAI_REPOSITORY_IDENTIFIER = env("OAI_REPOSITORY_IDENTIFIER", default="commit-portal.localhost")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
# Every document download passes through Django, where access rules are checked;
# never redirect to the storage's own URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads through the admin's document library get the same type and size checks
# (50 MB, a .pdf must be a PDF) as publication files.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "knowledge.document_forms.LibraryDocumentForm"

# PORTAL
# ------------------------------------------------------------------------------
# `seed_demo` writes demo accounts with a published password; it refuses to
# run where this is False (production).
ALLOW_DEMO_DATA = True
DEMO_PASSWORD = env("DEMO_PASSWORD", default="commit-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line per task run and per page action drowns the useful output of
        # commands such as seed_demo; their warnings and errors still show.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
