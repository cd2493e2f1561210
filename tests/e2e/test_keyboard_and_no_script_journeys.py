"""
Three journeys in headless Chromium, first with the keyboard alone and then with JavaScript
turned off: a reader searches the library and opens a publication; the demo CSO member
posts in a thread; the same member saves a consultation draft and submits it.

With the keyboard, nothing is clicked or filled: Tab, Shift+Tab, Enter and Space move
through the page, and text is typed into whatever has focus. Every element Tab lands on
must show where focus is (an outline or a ring) and be on screen. Locators only look at
what the page shows and where focus is.
"""

import importlib
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection
from playwright.sync_api import expect

from consultations import demo as consultations_demo
from consultations.models import ConsultationPage, Submission
from forums import demo as forums_demo
from forums.models import Thread
from knowledge import demo as knowledge_demo
from knowledge.search.backends import DATABASE_BACKEND
from tests.e2e.navigation import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSO_EMAIL = "cso@example.org"
THREAD_TITLE = "SPA IV consultation: our input on victim protection"
PUBLICATION_TITLE = "Forced criminality in online scam compounds"
# More Tabs than any of these pages has stops before the target: a control further away
# than this is, for a keyboard user, out of reach.
MOST_TABS = 120

# What the focused element looks like: a keyboard user must see where they are (WCAG 2.4.7)
# and the element must be on screen, not moved off it or inside something hidden.
FOCUS_STATE = """selector => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < window.innerHeight && box.left < window.innerWidth;
  // Not covered by something else (a sticky bar, say): the element is what is drawn at its
  // centre (WCAG 2.4.11).
  const top = onScreen && document.elementFromPoint(
    Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1),
    Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1));
  const uncovered = !!top && (el === top || el.contains(top) || top.contains(el));
  const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    description: `${el.tagName.toLowerCase()} "${name}"`,
    visible: (outline || ring) && onScreen && uncovered,
    matches: el.matches(selector),
  };
}"""


@pytest.fixture
def site(portal_demo_data, settings, tmp_path, monkeypatch):
    """The demo library, forums and open consultation, seeded once for all three journeys."""
    # The database backend: the journeys are about the pages, not about Elasticsearch.
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The search journey needs a few publications, not the whole demo library, whose PDFs
    # take most of the seeding time: only the scam compound report and its editions.
    monkeypatch.setattr(
        knowledge_demo,
        "PUBLICATIONS",
        [row for row in knowledge_demo.PUBLICATIONS if row[0].startswith("scam-compounds")],
    )
    # A transactional test starts from an emptied database: put back the taxonomy the
    # migration creates.
    importlib.import_module("knowledge.migrations.0002_initial_taxonomy").create_terms(apps, None)
    command = BaseCommand(stdout=io.StringIO())
    knowledge_demo.seed(command)
    consultations_demo.seed(command)
    # Posting pushes to the channel layer through async_to_sync, which refuses to run in the
    # thread where Playwright's loop runs: the forum seed gets a thread (and connection) of
    # its own, as in test_forum_live_in_two_browsers.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_seed_forums).result()
    return {
        "thread": Thread.objects.get(title=THREAD_TITLE),
        "youth_thread": Thread.objects.get(forum__slug="youth-forum"),
        "consultation": ConsultationPage.objects.get(slug="spa-iv-draft-consultation"),
    }


def _seed_forums() -> None:
    try:
        forums_demo.seed(BaseCommand(stdout=io.StringIO()))
    finally:
        connection.close()


class Keyboard:
    """Moves through a page with Tab alone, noting every stop whose focus cannot be seen."""

    def __init__(self, page):
        self.page = page
        self.unseen_focus: list[str] = []

    def tab_to(self, selector: str, *, backwards: bool = False) -> None:
        """Press Tab (Shift+Tab backwards) until the focused element matches `selector`."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MOST_TABS):
            self.page.keyboard.press(key)
            state = self.page.evaluate(FOCUS_STATE, selector)
            if state is None:
                continue
            if not state["visible"]:
                self.unseen_focus.append(f"{self.page.url}: {state['description']}")
            if state["matches"]:
                return
        raise AssertionError(f"{selector} is not reachable with {key} on {self.page.url}")

    def skip_to_main(self) -> None:
        """The first Tab of a page lands on the skip link; Enter moves focus into <main>."""
        self.tab_to(".skip-link")
        self.page.keyboard.press("Enter")
        expect(self.page.locator("main")).to_be_focused()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def _keyboard_sign_in(keys: Keyboard, base_url: str, email: str, password: str) -> None:
    page = keys.page
    page.goto(f"{base_url}/accounts/login/")
    keys.skip_to_main()
    keys.tab_to("main form input[name=login]")
    keys.type(email)
    keys.tab_to("main form input[name=password]")
    keys.type(password)
    keys.tab_to("main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url, f"{email} could not sign in with the keyboard"


def test_the_three_journeys_with_the_keyboard_alone(browser, live_server, site, demo_password):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    keys = Keyboard(page)
    base = live_server.url

    # 1. Search from the header of the home page, then open a result.
    page.goto(f"{base}/")
    keys.tab_to("#site-search-q")
    keys.type("scam compounds")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(f"{base}/library/search/?q=scam")
    keys.skip_to_main()
    keys.tab_to(".publication-list__item h2 a")
    expect(page.locator(":focus")).to_have_text(PUBLICATION_TITLE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(PUBLICATION_TITLE)

    # 2. Sign in, then post in a thread with the form's button pressed by Space.
    _keyboard_sign_in(keys, base, CSO_EMAIL, demo_password)
    page.goto(f"{base}{site['thread'].get_absolute_url()}")
    keys.skip_to_main()
    keys.tab_to("main form[data-reply-form] textarea[name=body]")
    reply = "Typed without a mouse: our shelters can take referrals from March."
    keys.type(reply)
    keys.tab_to("main form[data-reply-form] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Space")
    new_post = page.locator("#posts article.post").last
    expect(new_post).to_contain_text(reply)
    expect(new_post).to_be_in_viewport()
    # The page opens at the new post and the keyboard carries on from there, not from the top.
    page.keyboard.press("Tab")
    expect(new_post.locator(":focus")).to_have_count(1)

    # 3. Open the consultation's input form from its page, save a draft, then submit it.
    consultation = site["consultation"]
    page.goto(f"{base}{consultation.url}")
    keys.skip_to_main()
    keys.tab_to("main a[href$='/input/organisation/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    keys.skip_to_main()
    comment = "Name debt bondage explicitly: typed with the keyboard alone."
    keys.tab_to("main textarea[name=comment-spa4-policy-laws]")
    page.keyboard.press("ControlOrMeta+A")
    keys.type(comment)
    keys.tab_to("main button[name=action][value=save]:not(.default-action)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    page.reload()
    expect(page.locator("textarea[name=comment-spa4-policy-laws]")).to_have_value(comment)

    keys.skip_to_main()
    keys.tab_to("main button[name=action][value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your input is submitted")
    submission = Submission.objects.get(consultation=consultation, organisation__isnull=False)
    assert submission.status == "submitted"
    assert submission.comments.get(anchor="spa4-policy-laws").text == comment

    # 4. On a Youth Forum thread the quick exit bar stays at the top of the screen: the skip
    # link, and everything Shift+Tab goes back up to, must show above it, not under it.
    youth = browser.new_context(viewport={"width": 1280, "height": 600}).new_page()
    youth_keys = Keyboard(youth)
    _keyboard_sign_in(youth_keys, base, "youth@example.org", demo_password)
    youth.goto(f"{base}{site['youth_thread'].get_absolute_url()}")
    youth_keys.tab_to(".skip-link")
    youth_keys.tab_to("main form[data-reply-form] textarea[name=body]")
    youth_keys.tab_to(".skip-link", backwards=True)

    assert keys.unseen_focus + youth_keys.unseen_focus == []


def test_the_three_journeys_with_javascript_turned_off(browser, live_server, site, demo_password):
    page = browser.new_context(java_script_enabled=False).new_page()
    base = live_server.url

    # 1. The header's search form and the result link are plain HTML.
    page.goto(f"{base}/")
    page.fill("#site-search-q", "scam compounds")
    page.click(".site-search button[type=submit]")
    page.get_by_role("link", name=PUBLICATION_TITLE).click()
    expect(page.locator("h1")).to_have_text(PUBLICATION_TITLE)

    # 2. The reply form posts and the thread shows the post after the redirect.
    page.goto(f"{base}/accounts/login/")
    page.fill("main form input[name=login]", CSO_EMAIL)
    page.fill("main form input[name=password]", demo_password)
    follow(page, "main form button[type=submit]")
    assert "/accounts/login/" not in page.url
    page.goto(f"{base}{site['thread'].get_absolute_url()}")
    reply = "Sent from a browser without JavaScript."
    page.fill("main form[data-reply-form] textarea[name=body]", reply)
    page.click("main form[data-reply-form] button[type=submit]")
    new_post = page.locator("#posts article.post").last
    expect(new_post).to_contain_text(reply)
    expect(new_post).to_be_in_viewport()

    # 3. Save the draft, find it after a reload, and submit it.
    consultation = site["consultation"]
    page.goto(f"{base}{consultation.url}")
    page.click("main a[href$='/input/organisation/']")
    comment = "Saved without JavaScript: name debt bondage explicitly."
    page.fill("main textarea[name=comment-spa4-policy-laws]", comment)
    page.click("main .button-group button[name=action][value=save]")
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    page.reload()
    expect(page.locator("textarea[name=comment-spa4-policy-laws]")).to_have_value(comment)

    page.click("main button[name=action][value=submit]")
    expect(page.locator(".messages")).to_contain_text("Your input is submitted")
    expect(page.locator("main")).to_contain_text("is locked")
    submission = Submission.objects.get(consultation=consultation, organisation__isnull=False)
    assert submission.status == "submitted"
    assert submission.comments.get(anchor="spa4-policy-laws").text == comment
