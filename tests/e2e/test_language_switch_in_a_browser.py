"""
End to end in headless Chromium: a reader on the Thai edition of a publication page
switches to English (the URL prefix used to win and reload Thai), then to Burmese, staying
on the same publication; the library in Burmese lists the same publications as in English.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management.base import BaseCommand

from knowledge import demo as knowledge_demo
from knowledge.search.backends import DATABASE_BACKEND
from tests.e2e.navigation import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(portal_demo_data, settings, tmp_path):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A transactional test starts from an emptied database: put back the taxonomy the
    # migration creates.
    importlib.import_module("knowledge.migrations.0002_initial_taxonomy").create_terms(apps, None)
    knowledge_demo.seed(BaseCommand(stdout=io.StringIO()))


def choose(page, language):
    """The switcher as a reader uses it: pick the language, press the button."""
    page.select_option("#language-select", language)
    follow(page, ".language-switcher button[type=submit]")


def test_switching_thai_english_burmese_on_a_publication(browser, live_server, library):
    reader = browser.new_context().new_page()

    response = reader.goto(f"{live_server.url}/th/library/scam-compounds/")
    assert response.status == 200
    assert reader.get_attribute("html", "lang") == "th"
    title = reader.text_content("main h1").strip()

    choose(reader, "en")
    assert reader.url == f"{live_server.url}/library/scam-compounds/"
    assert reader.get_attribute("html", "lang") == "en"
    assert reader.text_content("main h1").strip() == title
    assert reader.input_value("#language-select") == "en"

    choose(reader, "my")
    assert reader.url == f"{live_server.url}/my/library/scam-compounds/"
    assert reader.get_attribute("html", "lang") == "my"
    assert reader.text_content("main h1").strip() == title

    # Following the library link keeps Burmese, and lists what English lists.
    follow(reader, "nav.main-nav a[href='/my/library/']")
    assert reader.url == f"{live_server.url}/my/library/"
    burmese = reader.locator(".publication-list h2 a").all_text_contents()
    english_page = browser.new_context().new_page()
    english_page.goto(f"{live_server.url}/library/")
    english = english_page.locator(".publication-list h2 a").all_text_contents()
    assert burmese
    assert sorted(burmese) == sorted(english)
