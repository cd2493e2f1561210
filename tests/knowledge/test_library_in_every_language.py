"""
One library in every language: /th/library/, /km/library/, ... list every publication the
reader may see, whatever its language, labelled with its language in the reader's
language, the reader's own edition of a work first; feeds and search too; every
publication answers under every prefix and its links keep the reader's prefix.
"""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from knowledge.search.backends import DATABASE_BACKEND
from portal.cldr import language_name
from portal.models import AccessLevel
from tests.knowledge.conftest import make_publication

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PREFIXES = {code: "" if code == settings.LANGUAGE_CODE else f"/{code}" for code in LANGUAGES}


@pytest.fixture
def library_in_every_language(home, library):
    """As seed_demo builds it: a home page per language, the library aliased into each."""
    for code in LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        translated_home = home.copy_for_translation(locale)
        translated_home.save_revision().publish()
        library.copy_for_translation(locale, alias=True)
    return library


@pytest.fixture
def shelves(library_in_every_language, groups, django_capture_on_commit_callbacks):
    """An English report with a Thai edition, a Khmer brief, and a government-only paper."""
    library = library_in_every_language
    with django_capture_on_commit_callbacks(execute=True):
        original = make_publication(
            library, "scam-compounds", title="Forced criminality in scam compounds"
        )
        thai = make_publication(
            library,
            "scam-compounds-th",
            title="การบังคับก่ออาชญากรรมในแก๊งคอลเซ็นเตอร์",
            language="th",
            edition_of=original,
        )
        make_publication(library, "khmer-brief", title="សេចក្តីសង្ខេបអំពីការជួញដូរ", language="km")
        make_publication(
            library,
            "government-paper",
            title="Government paper on prosecutions",
            access=AccessLevel.GROUPS,
            groups=[groups["government"]],
        )
    return {"original": original, "thai": thai}


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<h2[^>]*>\s*<a href="[^"]*"[^>]*>([^<]+)</a>', html)


def listed_links(html: str) -> list[str]:
    return re.findall(r'<h2[^>]*>\s*<a href="([^"]*)"', html)


@pytest.mark.django_db
def test_every_language_lists_the_same_publications(client, shelves):
    english = listed_titles(client.get("/library/").content.decode())
    assert len(english) == 3, english
    assert "Government paper on prosecutions" not in english
    for code in LANGUAGES:
        response = client.get(f"{PREFIXES[code]}/library/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert sorted(listed_titles(html)) == sorted(english), code
        # Links keep the reader's prefix: following one never flips the interface.
        for link in listed_links(html):
            assert link.startswith(f"{PREFIXES[code]}/library/"), (code, link)


@pytest.mark.django_db
def test_the_readers_own_edition_comes_first_labelled_in_their_language(client, shelves):
    thai = listed_titles(client.get("/th/library/").content.decode())
    assert thai.index("การบังคับก่ออาชญากรรมในแก๊งคอลเซ็นเตอร์") < thai.index(
        "Forced criminality in scam compounds"
    )
    english = listed_titles(client.get("/library/").content.decode())
    assert english.index("Forced criminality in scam compounds") < english.index(
        "การบังคับก่ออาชญากรรมในแก๊งคอลเซ็นเตอร์"
    )
    html = client.get("/th/library/").content.decode()
    # Language names in Thai ("English", "Thai", "Khmer" as the Thai catalogue has them).
    # Each labelled with its language named in Thai (CLDR's names, portal.cldr).
    for code in ("en", "th", "km"):
        assert language_name(code, "th") in html


@pytest.mark.django_db
def test_the_filters_work_in_every_language(client, shelves):
    for code in LANGUAGES:
        html = client.get(f"{PREFIXES[code]}/library/?language=km").content.decode()
        assert listed_titles(html) == ["សេចក្តីសង្ខេបអំពីការជួញដូរ"], code


@pytest.mark.django_db
def test_the_feed_lists_every_language_under_every_prefix(client, shelves):
    for code in LANGUAGES:
        response = client.get(f"{PREFIXES[code]}/library/feed/")
        assert response.status_code == 200, code
        feed = response.content.decode()
        for title in (
            "Forced criminality in scam compounds",
            "การบังคับก่ออาชญากรรมในแก๊งคอลเซ็นเตอร์",
            "សេចក្តីសង្ខេបអំពីការជួញដូរ",
        ):
            assert title in feed, (code, title)
        assert "Government paper on prosecutions" not in feed


@pytest.mark.django_db
def test_search_lists_every_language_under_every_prefix(client, shelves, settings):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    english = listed_titles(client.get("/library/search/").content.decode())
    assert len(english) == 3, english
    for code in LANGUAGES:
        response = client.get(f"{PREFIXES[code]}/library/search/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert sorted(listed_titles(html)) == sorted(english), code
        for link in listed_links(html):
            assert link.startswith(f"{PREFIXES[code]}/library/"), (code, link)
    # Each hit says its language by name, in the reader's language.
    assert language_name("km", "th") in client.get("/th/library/search/").content.decode()


@pytest.mark.django_db
def test_a_publication_answers_under_every_prefix(client, shelves):
    for code in LANGUAGES:
        response = client.get(f"{PREFIXES[code]}/library/scam-compounds/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert "Forced criminality in scam compounds" in html
        assert f'<html lang="{code}"' in html, code
        # The Thai edition is linked under the reader's prefix.
        assert f'href="{PREFIXES[code]}/library/scam-compounds-th/"' in html, code
