import unicodedata

import pytest

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ["km", "zh-hans", "lo", "my", "th", "vi"]


def test_home_page_shows_what_the_portal_offers(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Working together against human trafficking" in html
    for heading in (
        "Latest research",
        "Upcoming meetings",
        "Active discussions",
        "Open consultations",
    ):
        assert heading in html


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_home_page_answers_in_every_language_with_its_lang_attribute(client, demo_site, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_thai_home_page_shows_thai_content(client, demo_site):
    html = client.get("/th/").content.decode()

    assert "ร่วมกันต่อต้านการค้ามนุษย์" in html


def test_navigation_keeps_the_reader_in_their_language(client, demo_site):
    html = client.get("/vi/").content.decode()

    assert 'href="/vi/about/"' in html
    assert client.get("/vi/about/").status_code == 200


def test_base_template_has_landmarks_skip_link_and_language_switcher(client, demo_site):
    html = client.get("/about/").content.decode()

    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "<header" in html
    assert "<nav" in html
    assert "<footer" in html
    assert 'action="/i18n/setlang/"' in html
    assert 'media="print"' in html
    # The switcher lists each language by its own name, composed (NFC) as HTML expects:
    # Django stores "Tiếng Việt" decomposed.
    for name in ("ភាសាខ្មែរ", "ภาษาไทย", "Tiếng Việt", "ລາວ", "简体中文"):
        assert unicodedata.normalize("NFC", name) in html


def test_switching_language_without_javascript_redirects_to_the_translated_page(client, demo_site):
    response = client.post("/i18n/setlang/", {"language": "th", "next": "/about/"})

    assert response.status_code == 302
    assert response["Location"] == "/th/about/"


def test_footer_shows_site_settings(client, demo_site):
    html = client.get("/").content.decode()

    assert "commit-secretariat@example.org" in html
    assert "stores no case data" in html


def test_unknown_page_is_a_404_in_the_portal_look(client, demo_site):
    response = client.get("/th/no-such-page/")

    assert response.status_code == 404
    assert 'class="skip-link"' in response.content.decode()


def test_interface_strings_appear_in_the_readers_language(client, demo_site):
    html = client.get("/th/").content.decode()

    assert "ข้ามไปยังเนื้อหาหลัก" in html  # "Skip to main content"
    assert "งานวิจัยล่าสุด" in html  # "Latest research"
    assert "Skip to main content" not in html


@pytest.mark.parametrize("slug", ["my-story", "th-delegation-notes", "vi-campaign"])
def test_english_slugs_that_start_like_a_language_code_stay_english(client, demo_site, slug):
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(instance=StandardPage(title="A story", slug=slug)).save_revision().publish()

    response = client.get(f"/{slug}/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_every_page_links_to_the_privacy_notice_in_the_readers_language(client, demo_site):
    html = client.get("/th/about/").content.decode()

    assert 'href="/th/privacy/"' in html
    assert "What we keep" in client.get("/th/privacy/").content.decode()


@pytest.mark.parametrize("path", ["/th/library/", "/vi/meetings/", "/km/library/"])
def test_section_index_pages_answer_in_every_language(client, demo_site, path):
    response = client.get(path)

    assert response.status_code == 200
    assert f'<html lang="{path.split("/")[1]}"' in response.content.decode()
