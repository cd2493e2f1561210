"""
The key pages that issue 18 measures in a real browser, and one walk over them that
gathers every measurement at once: axe-core's violations, the HTML as served (for the Nu
HTML checker) and the bytes a first visit transfers. Seeding the demo content takes most of
a browser test's time, so the walk seeds once and the tests (test_interface_in_a_browser,
test_html_conformance, test_page_weight) each assert on its results.
"""

import gzip
import importlib
import io
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import override_settings

from consultations import demo as consultations_demo
from consultations.models import ConsultationPage
from forums import demo as forums_demo
from forums.models import Thread
from home import demo as home_demo
from knowledge import demo as knowledge_demo
from meetings import demo as meetings_demo
from meetings.models import MeetingPage
from portal import demo as portal_demo
from tests.e2e.error_urls import DATABASE_UNAVAILABLE_PATH, SERVER_ERROR_PATH
from tests.e2e.navigation import follow

LANGUAGES = ("", "/th", "/my")
YOUTH = "youth@example.org"
CSO = "cso@example.org"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What counts towards a page's weight: what the reader's browser must fetch to show the page.
# Images (uploaded media, the favicon) are left out, as the issue says.
WEIGHED_TYPES = {"document", "stylesheet", "script", "font"}
# Text is served compressed in production (deploy/nginx.conf: gzip at level 6 for pages,
# WhiteNoise's own .gz files, made at level 9, for static files): level 6 is what we count,
# a little over what the static files really weigh. Fonts are compressed already (WOFF2).
COMPRESSED_TYPES = {"document", "stylesheet", "script"}

# Controls smaller than 24 × 24 px, except links inside a sentence (WCAG 2.5.8's "inline"
# exception) and controls the page hides.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (getComputedStyle(el).display === 'inline') return false;
    if (el.closest('.skip-link, .default-action, .visually-hidden')) return false;
    return box.width < 24 || box.height < 24;
  })
  .map(el => {
    const box = el.getBoundingClientRect();
    const name = (el.textContent || el.name || '').trim().slice(0, 30);
    return `${el.tagName} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`;
  })"""


@dataclass(frozen=True)
class KeyPage:
    path: str
    # The demo account that reads the page; None for a visitor who has not signed in.
    account: str | None = None
    # The status the page is served with: the error pages are measured too.
    status: int = 200
    # For a page met by sending a form (a stale form, one sign-in too many): the form to
    # send once the page at `path` is open, and a script run first (a field to fill or
    # spoil). The page measured is the answer to the form.
    send: str | None = None
    before_sending: str = ""
    # Settings that bring an error page about during this visit only: a test-only
    # URLconf with an address that fails, a rate limit already reached.
    settings: tuple[tuple[str, object], ...] = ()


@dataclass
class Visit:
    """One key page in one language, opened on a first visit (a fresh browser context)."""

    url: str
    reader: str
    expected_status: int
    status: int
    html: bytes
    violations: list[str]
    # (resource type, URL, bytes as transferred compressed) of everything weighed.
    resources: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        # The sign-in page is also where a stale form meets its 403 and a sign-in its 429.
        answer = f" -> {self.expected_status}" if self.expected_status != 200 else ""
        return f"{self.url} ({self.reader}){answer}"

    @property
    def weight(self) -> int:
        return sum(size for _, _, size in self.resources)


def seed_library(command: BaseCommand) -> None:
    """The taxonomy (a transactional test has emptied the tables) and the demo library."""
    importlib.import_module("knowledge.migrations.0002_initial_taxonomy").create_terms(apps, None)
    knowledge_demo.seed(command)


def seed_key_pages() -> None:
    """
    The demo accounts, library, forums, meetings and consultations. Call it with no event
    loop running in this thread: posting pushes to the channel layer through async_to_sync.
    """
    command = BaseCommand(stdout=io.StringIO())
    home_demo.seed(command)
    portal_demo.seed(command)
    seed_library(command)
    forums_demo.seed(command)
    meetings_demo.seed(command)
    consultations_demo.seed(command)


def key_pages() -> list[KeyPage]:
    """Paths without a language prefix; LANGUAGES gives the prefixes to read them in."""
    meeting = MeetingPage.objects.live().filter(slug="som-19").order_by("pk").first()
    consultation = (
        ConsultationPage.objects.live()
        .filter(slug="spa-iv-draft-consultation")
        .order_by("pk")
        .first()
    )
    youth_thread = Thread.objects.filter(forum__slug="youth-forum").order_by("pk").first()
    return [
        KeyPage("/"),
        KeyPage("/library/"),
        KeyPage("/library/search/?q=trafficking"),
        KeyPage("/library/scam-compounds/"),
        KeyPage("/meetings/"),
        KeyPage(meeting.url),
        KeyPage("/forums/"),
        KeyPage(youth_thread.get_absolute_url(), YOUTH),
        KeyPage("/consultations/"),
        KeyPage(consultation.url, CSO),
        KeyPage(f"/consultations/{consultation.pk}/input/organisation/", CSO),
        KeyPage("/accounts/login/"),
        KeyPage("/me/", CSO),
        KeyPage("/styleguide/"),
        KeyPage("/no-such-page/", status=404),
        *ERROR_PAGES,
        KeyPage(youth_thread.get_absolute_url(), YOUTH, **POSTING_TOO_OFTEN),
    ]


# A form whose CSRF token no longer matches the reader's cookie (opened before their session
# changed, or long ago): Django refuses it with templates/403_csrf.html.
_STALE_TOKEN = (
    "document.querySelector('main form [name=csrfmiddlewaretoken]').value = 'x'.repeat(64)"
)
# The rate limits, set to 0 for one visit: the next attempt is the one too many.
_SIGN_IN_LIMIT_REACHED = {**settings.ACCOUNT_RATE_LIMITS, "login": "0/m/ip"}
_TEST_ERRORS_URLCONF = (("ROOT_URLCONF", "tests.e2e.error_urls"),)
ERROR_PAGES = [
    KeyPage("/accounts/login/", status=403, send="main form", before_sending=_STALE_TOKEN),
    KeyPage(
        "/accounts/login/",
        status=429,
        send="main form",
        settings=(("ACCOUNT_RATE_LIMITS", _SIGN_IN_LIMIT_REACHED),),
    ),
    KeyPage(SERVER_ERROR_PATH, status=500, settings=_TEST_ERRORS_URLCONF),
    KeyPage(DATABASE_UNAVAILABLE_PATH, status=503, settings=_TEST_ERRORS_URLCONF),
]
# A reply to a thread from a member over the forums' posting limit (forums/rate_limited.html).
# form.submit() sends the form as a browser without JavaScript does, as the page's script
# would otherwise send it in the background.
POSTING_TOO_OFTEN = {
    "status": 429,
    "send": "main form.reply-form",
    "before_sending": "document.querySelector('main form.reply-form textarea').value = 'Hello'",
    "settings": (("FORUMS_POSTS_PER_MINUTE", 0),),
}


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("main form input[name=login]", email)
    page.fill("main form input[name=password]", password)
    follow(page, "main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"


def axe_violations(page) -> list[str]:
    # Only violations are reported back: the passes' details double the run's time.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def _transferred(resource_type: str, body: bytes) -> int:
    if resource_type in COMPRESSED_TYPES:
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def _visit(browser, base_url: str, key: KeyPage, url: str, reader: str, state) -> Visit:
    # A fresh context has an empty cache: what a first visit fetches. The storage state
    # only carries the reader's session cookie.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    with override_settings(**dict(key.settings)):
        response = page.goto(f"{base_url}{url}")
        if key.send:
            # Routing turns the browser's cache off: the answer's stylesheet is fetched
            # again and weighed, as on a first visit to it.
            page.route("**/*", lambda route: route.continue_())
            if key.before_sending:
                page.evaluate(key.before_sending)
            responses.clear()
            with page.expect_navigation() as answer:
                page.evaluate("selector => document.querySelector(selector).submit()", key.send)
            response = answer.value
    # Web fonts load after the load event, when text first needs them.
    page.evaluate("document.fonts.ready.then(() => true)")
    visit = Visit(
        url=url,
        reader=reader,
        expected_status=key.status,
        status=response.status,
        html=response.body(),
        violations=axe_violations(page),
    )
    for seen in responses:
        resource_type = seen.request.resource_type
        # A redirect has no body to weigh; an error page (the 404) is weighed as any page.
        if resource_type in WEIGHED_TYPES and not 300 <= seen.status < 400:
            size = _transferred(resource_type, seen.body())
            visit.resources.append((resource_type, seen.url, size))
    context.close()
    return visit


def walk(browser, base_url: str, password: str, pages: list[KeyPage]) -> list[Visit]:
    """Every key page in every language, each as its reader on a first visit."""
    states = {None: None}
    for account in sorted({key.account for key in pages} - {None}):
        context = browser.new_context()
        sign_in(context.new_page(), base_url, account, password)
        states[account] = context.storage_state()
        context.close()
    return [
        _visit(
            browser,
            base_url,
            key,
            f"{prefix}{key.path}",
            key.account or "visitor",
            states[key.account],
        )
        for prefix in LANGUAGES
        for key in pages
    ]
