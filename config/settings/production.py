"""
Production: every secret and service URL must come from the environment.

A missing SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS or REDIS_URL stops the
process at start-up with django-environ's ImproperlyConfigured error naming
the variable. ELASTICSEARCH_URL is optional: absent means the database search
backend.
"""

from csp.constants import NONE, SELF

from .base import *

# Never true here, whatever DJANGO_DEBUG says: a traceback page names settings and paths.
DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
# One connection per request, closed at its end. The site runs under ASGI (uvicorn), where
# Django runs each request's database work in a thread of its own: a kept connection
# (CONN_MAX_AGE > 0) stays open in a thread that is never used again, and the fault test
# of a PostgreSQL restart ran the server out of connection slots ("remaining connection
# slots are reserved") within seconds, answering 503s long after the restart. Put a
# pooler (PgBouncer) in front of PostgreSQL for reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# If CONN_MAX_AGE is set anyway: a kept connection that died with a restart is noticed
# before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = env("REDIS_URL")
CACHES, CHANNEL_LAYERS = redis_services(REDIS_URL)
# Sessions are read from Redis and written through to the database, so a Redis restart
# signs nobody out; portal.sessions serves them from the database while Redis is down.
SESSION_ENGINE = "portal.sessions"
ALLOW_DEMO_DATA = False
# Background work (PDF text extraction, index updates, digests) runs in `manage.py task_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default=f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PORTAL_BASE_URL)
OAI_REPOSITORY_IDENTIFIER = env("OAI_REPOSITORY_IDENTIFIER", default=ALLOWED_HOSTS[0])

# SECURITY
# ------------------------------------------------------------------------------
# TLS is terminated at the proxy in front of the ASGI workers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)

# Content-Security-Policy without 'unsafe-inline' (django-csp; why and the admin's one
# exception in portal/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # Websockets (forums, live agendas) on the same host; 'self' covers ws(s): in CSP 3.
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The middleware right after the security middleware, so every response carries it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "portal.csp.ContentSecurityPolicyMiddleware",
)

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
# Compressed (gzip and brotli where available) and cache-busted: file names carry a hash
# of their content, so WhiteNoise serves them with a far-future cache header.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Media on the filesystem (MEDIA_ROOT, a volume) unless an S3-compatible bucket is named.
# Documents are always served through Django (access rules), never by a bucket URL.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "location": env("AWS_LOCATION", default="media"),
            # Private objects: a leaked URL expires, and nothing is public by default.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# LOGGING
# ------------------------------------------------------------------------------
# One JSON object per line with the request id (portal/log_format.py); LOG_FORMAT=text
# for a human reading a terminal.
if env("LOG_FORMAT", default="json") == "json":
    LOGGING["formatters"] = {"json": {"()": "portal.log_format.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"

# ERROR REPORTING
# ------------------------------------------------------------------------------
# Optional: SENTRY_DSN sends errors to Sentry, without personal data and tagged with the
# request id (portal/error_reporting.py). Unset, the SDK is not even imported.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from portal import error_reporting

    error_reporting.start(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        # Performance traces cost a report per request; off unless asked for.
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
