"""
The key public pages in headless Chromium (one browser for the module), in English, Thai and
Burmese: on a 360 × 740 phone nothing scrolls sideways and every control is at least
24 × 24 px (WCAG 2.5.8); Escape pressed three times on a Youth Forum page leaves for the
neutral site without a history entry. axe-core, the HTML checker and page weight:
test_key_pages_measured.py.
"""

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management.base import BaseCommand
from django.db import connection

from forums import demo as forums_demo
from forums.models import Forum
from portal.models import User
from tests.e2e.key_pages import LANGUAGES, SMALL_TARGETS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = (
    "/",
    "/library/",
    "/library/search/?q=trafficking",
    "/library/scam-compounds/",
    "/accounts/login/",
    "/forums/",
    "/consultations/",
    "/styleguide/",
    "/no-such-page/",
)


def _seed_forums() -> None:
    try:
        forums_demo.seed(BaseCommand(stdout=io.StringIO()))
    finally:
        connection.close()


def test_on_a_phone_nothing_scrolls_sideways_and_targets_are_big_enough(browser, live_server, site):
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    problems = {}
    for prefix in LANGUAGES:
        for path in PAGES:
            page.goto(f"{live_server.url}{prefix}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            small = page.evaluate(SMALL_TARGETS)
            if width > 360 or small:
                problems[f"{prefix}{path}"] = {"width": width, "small": small}
    assert problems == {}


def test_the_header_stays_compact_and_search_is_in_reach_on_a_phone(browser, live_server, site):
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/th/")

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 200
    page.fill("#site-search-q", "trafficking")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert page.url.startswith(f"{live_server.url}/th/library/search/?q=trafficking")
    # The first result is on the first screen, not below the facets.
    first = page.locator(".publication-list__item").first.bounding_box()
    assert first["y"] < 740


def test_escape_three_times_leaves_a_youth_forum_page_without_a_history_entry(
    browser, live_server, site, settings, demo_password
):
    # Posting pushes to the channel layer through async_to_sync, which refuses to run in
    # the thread where Playwright's loop runs: the seed gets a thread (and connection) of
    # its own, as in test_forum_live_in_two_browsers.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_seed_forums).result()
    settings.QUICK_EXIT_URL = f"{live_server.url}/styleguide/"
    youth_forum = next(forum for forum in Forum.objects.all() if forum.uses_pseudonyms)
    member = User.objects.get(email="youth@example.org")

    page = browser.new_context().new_page()
    sign_in(page, live_server.url, member.email, demo_password)
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}{youth_forum.get_absolute_url()}")
    assert page.locator(".quick-exit__button").is_visible()

    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(f"{live_server.url}/styleguide/")
    # Back goes to the page before the forum: the forum page was replaced, not stacked.
    page.go_back()
    assert page.url == f"{live_server.url}/"
