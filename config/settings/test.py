"""
Test settings: base settings plus only what tests must override.

Service URLs (DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL) come from the
environment exactly as in base.py; `make test` points them at the services it
starts, and without them the embedded defaults let most tests run.
"""

from urllib.parse import urlsplit

from .base import *

SECRET_KEY = env("SECRET_KEY", default="insecure-test-key-only-for-the-suite")
# Fast hashing: tests create many users; the production hasher is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Outgoing mail is captured in django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render pages without running collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# The test client's host.
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests index into their own alias, never a developer's (TEST_SEARCH_INDEX_PREFIX lets two
# checkouts run their suites against one node at once).
COMMIT_SEARCH_INDEX_PREFIX = env("TEST_SEARCH_INDEX_PREFIX", default="test-commit-publications")
# Servers started by browser tests serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = True

# `make test` runs the suite in two processes (pytest-xdist). pytest-django gives each its
# own test database; each also gets its own Redis database, Channels prefix (pub/sub
# channels are shared by all Redis databases) and index alias, so that one process's
# cache.clear() or index rebuild never reaches the other's tests.
XDIST_WORKER = env("PYTEST_XDIST_WORKER", default="")
if XDIST_WORKER:
    COMMIT_SEARCH_INDEX_PREFIX = f"{COMMIT_SEARCH_INDEX_PREFIX}-{XDIST_WORKER}"
    if REDIS_URL:
        _redis = urlsplit(REDIS_URL)
        _database = int(_redis.path.strip("/") or 0) + 1 + int(XDIST_WORKER.removeprefix("gw"))
        REDIS_URL = _redis._replace(path=f"/{_database}").geturl()
        CACHES, CHANNEL_LAYERS = redis_services(REDIS_URL)
        CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"asgi-{XDIST_WORKER}"
