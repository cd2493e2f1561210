"""
The environment of a process a test starts (uvicorn, the task worker, `manage.py`) with the
test settings, so that it shares this test process's services and nothing else.

Under pytest-xdist the test settings move each worker to its own Redis database, Channels
prefix and index alias, derived from the *inherited* REDIS_URL and PYTEST_XDIST_WORKER.
A child process derives them again from its own environment: handing it this process's
already-moved `settings.REDIS_URL` moves it once more, onto the other worker's Redis
database, where that worker's `cache.clear()` wipes what the child keeps (a live thread's
reader count, in a CI run). So the child inherits the environment unchanged, and only the
database URL is given: pytest-django's test database, which the environment cannot name.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from django.db import connection


def this_database_url(host: str | None = None, port: int | None = None) -> str:
    """The URL of the database this test process uses (optionally through another address)."""
    database = connection.settings_dict
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    return (
        f"postgres://{credentials}@{host or database['HOST'] or '127.0.0.1'}:"
        f"{port or database['PORT'] or 5432}/{database['NAME']}"
    )


def child_environment(**environment: str) -> dict[str, str]:
    """This process's environment, with the test settings and database, plus `environment`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": this_database_url(),
        **environment,
    }
