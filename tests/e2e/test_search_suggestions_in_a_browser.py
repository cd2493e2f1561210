"""
End to end in headless Chromium: typing in the library search box offers the titles of
publications the reader may see (from the autocomplete API), never a restricted one.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management.base import BaseCommand

from knowledge import demo as knowledge_demo
from knowledge.search.backends import DATABASE_BACKEND

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(portal_demo_data, settings, tmp_path):
    # The suggestions' rights are tested on both backends in tests/search; here the page.
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A transactional test starts from an emptied database: put back the taxonomy the
    # migration creates.
    importlib.import_module("knowledge.migrations.0002_initial_taxonomy").create_terms(apps, None)
    knowledge_demo.seed(BaseCommand(stdout=io.StringIO()))


def suggestions(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-titles option", "options => options.map(o => o.value)"
    )


def test_typing_offers_titles_the_reader_may_see(browser, live_server, library):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/library/search/")
    page.fill("#search-q", "Stranded")
    page.wait_for_function("document.querySelectorAll('#search-titles option').length > 0")
    assert suggestions(page) == ["Stranded at sea: trafficking in the Mekong fishing fleets"]
    # "Senior Officials Meeting briefing note" is for government groups only.
    page.fill("#search-q", "Senior")
    page.wait_for_function(
        "!Array.from(document.querySelectorAll('#search-titles option'))"
        ".some(o => o.value.startsWith('Stranded'))"
    )
    assert suggestions(page) == []


def test_a_word_inside_a_title_is_suggested_and_choosing_it_opens_the_publication(
    browser, live_server, library
):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/library/search/")
    # "traf" starts the second half of "anti-trafficking".
    page.fill("#search-q", "traf")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#search-titles option'))"
        ".some(o => o.value.includes('anti-trafficking'))"
    )
    title = next(t for t in suggestions(page) if "anti-trafficking" in t)
    # What the browser does when the reader picks an entry of the list.
    page.eval_on_selector(
        "#search-q",
        """(input, title) => {
            input.value = title;
            const chosen = {inputType: "insertReplacementText", bubbles: true};
            input.dispatchEvent(new InputEvent("input", chosen));
        }""",
        title,
    )
    page.wait_for_url(lambda url: "/search/" not in url)
    assert page.locator("h1").inner_text() == title
