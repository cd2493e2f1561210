import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from knowledge.search.backends import DATABASE_BACKEND
from tests.e2e import key_pages

CHROMIUM = "/usr/bin/chromium"

# How long an assertion waits for the page to get there: a wait, not a speed target, so
# generous for a CI machine running two test processes beside the services (the default
# five seconds failed there once, on a live count that arrived later).
expect.set_options(timeout=10_000)


def _launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


@pytest.fixture(scope="module")
def browser():
    """
    Headless Chromium for one test module. Module-scoped, not session-scoped: Playwright's
    sync API keeps an event loop running in this thread while it is open, which would
    break every async test that runs after the browser tests.
    """
    # Django's ORM calls made by the test itself, with Playwright's loop running, are still
    # plain synchronous calls; allow them while the browser is open, and only then.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(portal_demo_data, settings, tmp_path):
    """The demo accounts and library, searched through the database backend."""
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    settings.MEDIA_ROOT = str(tmp_path / "media")
    key_pages.seed_library(BaseCommand(stdout=io.StringIO()))


@pytest.fixture(scope="session")
def key_page_visits(django_db_setup, django_db_blocker, live_server, tmp_path_factory):
    """
    The key pages walked once (tests/e2e/key_pages.py) for every test that measures them:
    the demo content is seeded once, not once per measurement. The data is written outside
    any test's transaction, so the live server sees it, and flushed afterwards as a
    transactional test's is. The browser is closed before the results are handed out.
    """
    media = tmp_path_factory.mktemp("key-pages-media")
    with (
        django_db_blocker.unblock(),
        override_settings(COMMIT_SEARCH_BACKEND=DATABASE_BACKEND, MEDIA_ROOT=str(media)),
    ):
        try:
            key_pages.seed_key_pages()
            pages = key_pages.key_pages()
            with sync_playwright() as playwright:
                browser = _launch(playwright)
                try:
                    return key_pages.walk(browser, live_server.url, settings.DEMO_PASSWORD, pages)
                finally:
                    browser.close()
        finally:
            call_command("flush", interactive=False, verbosity=0)
