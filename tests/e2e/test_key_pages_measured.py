"""
Issue 18's measurements on the key pages (tests/e2e/key_pages.py: home, library, search with
results, a publication, meetings, a meeting, forums, a youth thread as the youth delegate,
the consultation and its form as the CSO, sign-in, My portal, the style guide, and the error
pages met as a reader meets them: 404, 403 (a stale form), 429 (one sign-in too many, one post
too many), 500 and 503 (an address of a test-only URLconf that fails)), each in English, Thai
and Burmese, in headless Chromium:

- axe-core finds no WCAG 2.2 A/AA violation;
- the Nu HTML checker (the W3C's validator, `make vnu`) finds no error in the HTML as served;
- a first visit transfers at most 100 KB of HTML, CSS, JavaScript and fonts, compressed as
  production serves them (gzip level 6 for text; key_pages.py says why).

The pages are walked once (the `key_page_visits` fixture) and each test reads the results.
These tests carry no database marker on purpose: the walk writes and empties the database
itself, and pytest-django runs such tests after the transactional ones, whose flush has
already emptied the tables that migrations fill.
"""

import json
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import VNU_CLASSPATH_DIR

pytestmark = [pytest.mark.browser]

MAX_PAGE_BYTES = 100_000


def test_key_pages_have_no_accessibility_violations(key_page_visits):
    found = {visit.label: visit.violations for visit in key_page_visits if visit.violations}
    assert found == {}
    # The walk saw the pages themselves, not a sign-in form or an error in their place, and
    # each error page was the one meant.
    statuses = {visit.label: visit.status for visit in key_page_visits}
    assert statuses == {visit.label: visit.expected_status for visit in key_page_visits}
    assert set(statuses.values()) == {200, 403, 404, 429, 500, 503}


def _nu_html_checker(files) -> list[dict]:
    """The checker's messages for all files, from one run (a JVM starts in seconds)."""
    completed = subprocess.run(
        [
            shutil.which("java") or "java",
            "-cp",
            f"{VNU_CLASSPATH_DIR}/*",
            "nu.validator.client.SimpleCommandLineValidator",
            "--format",
            "json",
            "--stdout",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 means "errors found"; anything without a JSON report is the tool failing.
    assert completed.stdout.startswith("{"), completed.stderr
    return json.loads(completed.stdout)["messages"]


def _checked_file(message: dict) -> str:
    # The checker names files as URLs ("file:/tmp/…/page-3.html").
    return unquote(urlsplit(message["url"]).path)


@pytest.mark.vnu
def test_key_pages_are_conforming_html(key_page_visits, tmp_path):
    files = {}
    for number, visit in enumerate(key_page_visits):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(visit.html)
        files[str(path)] = visit
    errors = [
        f"{files[_checked_file(message)].label} line {message.get('lastLine', '?')}: "
        f"{message['message']} [{message.get('extract', '').strip()}]"
        for message in _nu_html_checker(files)
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert errors == []


def test_a_first_visit_to_each_key_page_weighs_at_most_100_kb(key_page_visits):
    weights = {visit.label: visit.weight for visit in key_page_visits}
    heavy = {
        visit.label: visit.resources for visit in key_page_visits if visit.weight > MAX_PAGE_BYTES
    }
    assert heavy == {}, weights
    # Every page was weighed with its stylesheet: a walk that missed them weighs nothing.
    assert all(
        any(kind == "stylesheet" for kind, _, _ in visit.resources) for visit in key_page_visits
    )
