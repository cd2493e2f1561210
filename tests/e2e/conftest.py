import os

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"

# How long an assertion waits for the page to get there: a wait, not a speed target, so
# generous for a CI machine running two test processes beside the services (the default
# five seconds failed there once, on a live count that arrived later).
expect.set_options(timeout=10_000)


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
        browser = playwright.chromium.launch(
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
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
