"""
The staff and account pages issue 18 names beyond the key ones (tests/e2e/staff_pages.py:
minutes, actions, registrations, the moderation and safeguarding queues and a case, the
consultation inbox, "how your input was used", the changes between rounds, sign-up, password
reset, two-factor), each read by the demo account that works on it, in English, Thai and
Burmese, on a 360 × 740 phone in headless Chromium:

- the page itself is shown (not a sign-in form or a refusal in its place);
- nothing scrolls sideways (a wide table scrolls inside its own box);
- every control is at least 24 × 24 px (WCAG 2.5.8);
- axe-core finds no WCAG 2.2 A/AA violation.

One walk for the module, seeded once, because the browser tests share a tight time budget.
No database marker, as in test_key_pages_measured.py: the fixture writes and empties the
database itself.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import sync_playwright

from knowledge.search.backends import DATABASE_BACKEND
from tests.e2e import key_pages, staff_pages
from tests.e2e.conftest import _launch

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}


@dataclass
class PhoneVisit:
    name: str
    label: str
    status: int
    landed_on: str
    width: int
    small: list[str]
    violations: list[str]


def _walk(browser, base_url: str, pages: list[staff_pages.StaffPage]) -> list[PhoneVisit]:
    visits = []
    for account in [*sorted({page.account for page in pages} - {None}), None]:
        state = (
            staff_pages.signed_in_state(browser, base_url, account, settings.DEMO_PASSWORD)
            if account
            else None
        )
        context = browser.new_context(viewport=PHONE, storage_state=state)
        tab = context.new_page()
        for prefix in key_pages.LANGUAGES:
            for page in (page for page in pages if page.account == account):
                response = tab.goto(f"{base_url}{prefix}{page.path}")
                visits.append(
                    PhoneVisit(
                        name=page.name,
                        label=f"{prefix}{page.path} ({account or 'visitor'})",
                        status=response.status,
                        landed_on=tab.url.removeprefix(base_url),
                        width=tab.evaluate("document.documentElement.scrollWidth"),
                        small=tab.evaluate(key_pages.SMALL_TARGETS),
                        violations=key_pages.axe_violations(tab),
                    )
                )
        context.close()
    return visits


@pytest.fixture(scope="module")
def phone_visits(django_db_setup, django_db_blocker, live_server, tmp_path_factory):
    media = tmp_path_factory.mktemp("staff-pages-media")
    with (
        django_db_blocker.unblock(),
        override_settings(COMMIT_SEARCH_BACKEND=DATABASE_BACKEND, MEDIA_ROOT=str(media)),
    ):
        try:
            staff_pages.seed_staff_pages()
            pages = staff_pages.staff_pages()
            with sync_playwright() as playwright:
                browser = _launch(playwright)
                try:
                    return _walk(browser, live_server.url, pages)
                finally:
                    browser.close()
        finally:
            call_command("flush", interactive=False, verbosity=0)


def test_each_page_is_shown_to_its_reader(phone_visits):
    refused = {
        visit.label: (visit.status, visit.landed_on)
        for visit in phone_visits
        if visit.status != 200 or "/accounts/login/" in visit.landed_on
    }
    assert refused == {}
    # Every page was read in every language: a walk that skipped some proves nothing.
    names = [visit.name for visit in phone_visits]
    assert len(set(names)) == 13
    assert all(names.count(name) == len(key_pages.LANGUAGES) for name in names)


def test_on_a_phone_nothing_scrolls_sideways_and_targets_are_big_enough(phone_visits):
    problems = {
        visit.label: {"width": visit.width, "small": visit.small}
        for visit in phone_visits
        if visit.width > PHONE["width"] or visit.small
    }
    assert problems == {}


def test_the_pages_have_no_accessibility_violations(phone_visits):
    found = {visit.label: visit.violations for visit in phone_visits if visit.violations}
    assert found == {}
