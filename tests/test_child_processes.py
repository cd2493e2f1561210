"""
A process a test starts with the test settings (uvicorn, the task worker) uses this test
process's services: its Redis database, Channels prefix, index alias and test database.

`make test` runs two pytest-xdist workers, each moved to its own Redis database. A browser
test's uvicorn once got the already-moved Redis URL, moved it again onto the other worker's
database, and that worker's `cache.clear()` wiped the live thread's reader count: the page
said "1 reading" with two readers (a CI failure). Run under xdist, this test fails so.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from tests.processes import child_environment

pytestmark = pytest.mark.django_db

SHOW_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"].get("LOCATION"),
    "channels": settings.CHANNEL_LAYERS["default"].get("CONFIG"),
    "index": settings.COMMIT_SEARCH_INDEX_PREFIX,
    "database": settings.DATABASES["default"]["NAME"],
}))
"""


def test_a_child_process_shares_this_test_process_s_services():
    completed = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=settings.BASE_DIR,
        env=child_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    child = json.loads(completed.stdout.strip().splitlines()[-1])
    here = json.loads(
        json.dumps(
            {
                "cache": settings.CACHES["default"].get("LOCATION"),
                "channels": settings.CHANNEL_LAYERS["default"].get("CONFIG"),
                "index": settings.COMMIT_SEARCH_INDEX_PREFIX,
            }
        )
    )
    assert {key: child[key] for key in here} == here
    # pytest-django's test database, not the one the environment names.
    assert child["database"] == settings.DATABASES["default"]["NAME"]
    assert child["database"].startswith("test_")
