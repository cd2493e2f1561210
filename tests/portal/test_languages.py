"""
Seven languages for the reader: every page answers under every prefix and its links keep
that prefix; the switcher (a plain form) goes to the same page in any language and back to
English, and a member's choice is stored and used for their email; an unknown prefix is a
404 in the reader's last language.
"""

import re

import pytest
from django.conf import settings
from django.core import mail

from forums.access import viewable_threads
from forums.models import Forum
from portal.models import NotificationFrequency, User
from portal.notifications import notify
from portal.permissions import viewer_for_user
from tests.factories import UserFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PREFIXES = {code: "" if code == settings.LANGUAGE_CODE else f"/{code}" for code in LANGUAGES}
THAI_NOT_FOUND = "ไม่พบหน้าที่ต้องการ"


def switch(client, language, next_url):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


@pytest.mark.django_db
def test_every_page_type_answers_under_every_prefix(client, demo_site):
    member = User.objects.get(email="cso@example.org")
    client.force_login(member)
    forum = Forum.objects.get(slug="cso-platform")
    thread = viewable_threads(viewer_for_user(member, mfa_ok=False)).filter(forum=forum).first()
    paths = [
        "/",
        "/library/",
        "/library/scam-compounds/",
        "/library/search/?q=scam",
        "/meetings/",
        "/meetings/imm-7/",
        "/meetings/calendar/",
        "/spa-iv-draft-consultation/",
        "/about/",
        "/forums/",
        forum.get_absolute_url(),
        thread.get_absolute_url(),
        "/me/",
    ]
    for code in LANGUAGES:
        for path in paths:
            address = f"{PREFIXES[code]}{path}"
            response = client.get(address)
            assert response.status_code == 200, address
            html = response.content.decode()
            assert f'<html lang="{code}"' in html, address
            # Links inside the site keep the reader's prefix (the logo and the menus).
            if code != settings.LANGUAGE_CODE:
                menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
                assert re.findall(r'href="(/[^"]*)"', menu), address
                for link in re.findall(r'href="(/[^"]*)"', menu):
                    assert link.startswith(f"/{code}/"), (address, link)


@pytest.mark.django_db
def test_the_switcher_goes_to_english_and_back_without_javascript(client, portal_demo_data):
    # The switcher is a plain form posted to /i18n/setlang/ from the page it is on.
    html = client.get("/th/about/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'name="next" type="hidden" value="/th/about/"' in html

    response = switch(client, "en", "/th/about/")
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert '<html lang="en"' in client.get(response["Location"]).content.decode()

    response = switch(client, "my", "/about/?from=menu")
    assert response["Location"] == "/my/about/?from=menu"
    assert '<html lang="my"' in client.get(response["Location"]).content.decode()

    # Pages outside the page tree, and the home pages, switch the same way.
    assert switch(client, "en", "/th/meetings/calendar/")["Location"] == "/meetings/calendar/"
    assert switch(client, "vi", "/forums/")["Location"] == "/vi/forums/"
    assert switch(client, "en", "/zh-hans/")["Location"] == "/"
    assert switch(client, "km", "/")["Location"] == "/km/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "km"


@pytest.mark.django_db
def test_the_switcher_refuses_unknown_languages_and_foreign_addresses(client):
    response = switch(client, "xx", "/library/")
    assert response.status_code == 400
    response = switch(client, "th", "https://evil.example/library/")
    assert response["Location"] == "/th/"


@pytest.mark.django_db
def test_a_members_choice_is_stored_and_their_email_follows_it(
    client, django_capture_on_commit_callbacks
):
    member = UserFactory(
        preferred_language="en", notification_frequency=NotificationFrequency.IMMEDIATELY
    )
    client.force_login(member)

    switch(client, "th", "/forums/")

    member.refresh_from_db()
    assert member.preferred_language == "th"
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, "test", "ข่าว", url="/forums/")
    body = mail.outbox[0].body
    assert re.search("[\u0e00-\u0e7f]", body.splitlines()[0])  # greeted in Thai
    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/th/forums/" in body  # Thai link


@pytest.mark.django_db
def test_an_unknown_prefix_is_a_404_in_the_readers_last_language(client, portal_demo_data):
    response = client.get("/xx/library/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()

    switch(client, "th", "/library/")
    response = client.get("/xx/library/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert THAI_NOT_FOUND in html
