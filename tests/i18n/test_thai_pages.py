"""
Key pages read in Thai: no English sentence of the interface catalogue shows on them.

A string that shows in English on a Thai page although the catalogue has its Thai
translation was not marked for translation (or was marked but rendered before the
language was chosen). Content editors wrote in English (publication titles, the
demo's English-only bodies) is not in the catalogue and is not looked for.
"""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale

from consultations.models import ConsultationPage
from knowledge.models import PublicationPage
from meetings.models import MeetingPage
from tests.auth import sign_in
from tests.i18n.catalogues import PLACEHOLDER, read_catalogue

# Words of a catalogue sentence that may stay as they are in Thai.
PROPER_NAMES = re.compile(r"\b(COMMIT|SPA IV|Atom|iCalendar|JSON|CSV|PDF|Wagtail)\b")
MIN_WORDS = 4


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes and the labelling attributes."""

    ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "value")

    def __init__(self):
        super().__init__()
        self.hidden_depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden_depth += 1
        for name, value in attrs:
            is_button = tag in ("input", "button") or name != "value"
            if name in self.ATTRIBUTES and value and is_button:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_sentences(language: str) -> list[str]:
    """The catalogue's English phrases worth looking for: a few words long, translated."""
    sentences = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue  # the translation is the English on purpose (a name)
            # The longest literal run between placeholders and tags.
            runs = PLACEHOLDER.split(re.sub(r"<[^>]+>", " ", msgid))
            run = max((" ".join(r.split()) for r in runs), key=len).strip(" .,:;·()—-")
            if len(PROPER_NAMES.sub("", run).split()) >= MIN_WORDS:
                sentences.append(run)
    return sentences


def thai_url(page) -> str:
    """The page under /th/: its Thai translation, else a Thai alias of the English page."""
    thai = Locale.objects.get(language_code="th")
    translation = page.get_translation_or_none(thai)
    if translation is None:
        translation = page.copy_for_translation(thai, alias=True)
    return translation.specific.url


@pytest.fixture
def thai_pages(demo_site):
    publication = PublicationPage.objects.live().filter(locale__language_code="en").first()
    meeting = MeetingPage.objects.live().get(slug="imm-7", locale__language_code="en")
    consultation = ConsultationPage.objects.live().get(slug="spa-iv-draft-consultation")
    return {
        "home": "/th/",
        "library": "/th/library/",
        "publication": thai_url(publication),
        "meetings": "/th/meetings/",
        "meeting": thai_url(meeting),
        "forums": "/th/forums/",
        "consultation": thai_url(consultation),
        "sign-in": "/th/accounts/login/",
    }


def _english_left_on(html: str, sentences: list[str]) -> list[str]:
    text = visible_text(html)
    return sorted({sentence for sentence in sentences if sentence in text})


@pytest.mark.django_db
def test_key_pages_in_thai_show_no_english_interface_sentence(client, thai_pages, demo_password):
    sentences = english_sentences("th")
    assert len(sentences) > 300  # the catalogue was read
    left = {}
    pages = list(thai_pages.items())
    for name, url in [*pages, ("sign-in:done", None), ("my-portal", "/th/me/")]:
        if url is None:
            sign_in(client, "cso@example.org", demo_password)
            continue
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        assert '<html lang="th"' in html, (name, url)
        if found := _english_left_on(html, sentences):
            left[name] = found
    assert not left, f"English interface text on Thai pages: {left}"

    # Reference data: countries, taxonomy terms and language names read in Thai.
    html = client.get("/th/library/").content.decode()
    # The filters only: publication summaries are content and may name places in English.
    filters = re.search(r'<form class="library-filters".*?</form>', html, re.S).group(0)
    text = visible_text(filters)
    for thai in ("กัมพูชา", "การบังคับใช้แรงงาน", "รายงานการวิจัย", "การคุ้มครองผู้เสียหาย"):
        assert thai in text, thai
    for english in ("Cambodia", "Forced labour", "Research report", "Victim protection"):
        assert english not in text, english
    # The language filter names languages in Thai ("อังกฤษ"), not by code or in English.
    assert re.search(r'<option value="en"[^>]*>\s*อังกฤษ\s*</option>', filters)


def test_the_check_sees_an_unmarked_string():
    """The detector itself: an English catalogue sentence on a page is caught."""
    sentences = english_sentences("th")
    assert "No publication matches these filters" in sentences
    html = "<main><p>No publication matches these filters.</p></main>"
    assert _english_left_on(html, sentences) == ["No publication matches these filters"]
