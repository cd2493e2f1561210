"""The parts of the interface every page shares: header search, menu, footer, icon, patterns."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return re.search(r'<header class="site-header".*?</header>', html, re.S).group(0)


def test_every_page_has_a_labelled_search_box_that_opens_the_library_search(
    client, portal_demo_data
):
    for prefix, path in (("", "/"), ("/th", "/th/about/"), ("/my", "/my/forums/")):
        header = _header(client.get(path).content.decode())

        form = re.search(r'<form class="site-search"[^>]*>', header).group(0)
        assert 'method="get"' in form, path
        assert f'action="{prefix}/library/search/"' in form, path
        assert '<input id="site-search-q" type="search" name="q"' in header, path
        assert '<label class="visually-hidden" for="site-search-q">' in header, path


def test_the_menu_offers_discussions_and_consultations(client, portal_demo_data):
    html = client.get("/th/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)

    assert 'href="/th/forums/"' in menu
    assert 'href="/th/consultations/"' in menu
    assert "/th/consultations/" in client.get("/th/forums/").content.decode()


def test_no_heading_inside_the_footer_address(client, portal_demo_data):
    html = client.get("/").content.decode()

    addresses = re.findall(r"<address.*?</address>", html, re.S)
    assert addresses, "the demo site has a contact address"
    for address in addresses:
        assert not re.search(r"<h[1-6]", address)
    assert "Contact</h2>" in html


def test_no_form_posts_to_an_empty_action(client, portal_demo_data):
    for path in ("/", "/library/search/?q=trafficking&country=TH", "/th/library/search/"):
        assert 'action=""' not in client.get(path).content.decode(), path


def test_the_favicon_answers_instead_of_a_not_found_page(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    # An ICO file begins with a reserved zero and type 1.
    assert response.content[:4] == b"\x00\x00\x01\x00"
    assert len(response.content) < 5000


def test_pages_link_the_svg_icon(client, portal_demo_data):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/").content.decode()


def test_the_pattern_page_shows_the_components(client, portal_demo_data):
    for prefix in ("", "/th", "/my"):
        response = client.get(f"{prefix}/styleguide/")

        assert response.status_code == 200, prefix
        html = response.content.decode()
        for component in ("button--secondary", 'class="chip"', 'class="post"', "search-facets"):
            assert component in html, (prefix, component)


def test_a_missing_page_in_thai_is_a_designed_thai_page(client, portal_demo_data):
    response = client.get("/th/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert 'action="/th/library/search/"' in html
    assert 'class="error-page"' in html


def test_a_stale_form_is_refused_with_a_designed_page_in_the_reader_language(portal_demo_data):
    # No CSRF cookie and token: what a form opened long ago, or on another site, sends.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/th/accounts/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert 'class="error-page"' in html
    assert 'action="/th/library/search/"' in html
    # Not Django's own page for developers, in English.
    assert "CSRF" not in html


def test_the_server_error_page_stands_alone_in_the_reader_language():
    # Rendered with no context when the database may be the problem: it must not need one.
    with translation.override("th"):
        html = render_to_string("500.html")

    assert '<html lang="th">' in html
    # Ways on: the home page and the library's search, in the reader's language.
    assert 'href="/th/"' in html
    assert 'href="/th/library/search/"' in html
    assert "/static/css/portal.css" in html
