"""
Staff find their way in: the admin's account page saves a language preference without
inventing a first and last name, offers all seven languages, and My portal links staff
to the admin.
"""

import re

import pytest
from wagtail.users.models import UserProfile

from portal.permissions import MFA_SESSION_KEY

pytestmark = pytest.mark.django_db


def _staff_client(client, demo_user, email="secretariat@example.org"):
    user = demo_user(email)
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return user


def _form_fields(html: str) -> dict[str, str]:
    """What a browser would post back: every input's value and each select's chosen option."""
    fields = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        fields.setdefault(name, value)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_the_admin_language_saves_without_first_and_last_name(client, demo_user):
    user = _staff_client(client, demo_user)
    assert user.first_name == ""
    assert user.last_name == ""
    page = client.get("/admin/account/").content.decode()

    response = client.post(
        "/admin/account/", {**_form_fields(page), "locale-preferred_language": "th"}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert UserProfile.get_for_user(user).preferred_language == "th"


@pytest.mark.parametrize("code", ["km", "lo", "my", "vi", "th", "zh-hans"])
def test_the_admin_offers_every_portal_language(client, demo_user, code):
    _staff_client(client, demo_user)

    page = client.get("/admin/account/").content.decode()

    assert f'<option value="{code}"' in page


def test_my_portal_links_staff_to_the_admin(client, demo_user):
    _staff_client(client, demo_user)

    page = client.get("/me/").content.decode()

    assert 'href="/admin/"' in page


def test_my_portal_offers_no_admin_link_to_a_member(client, demo_user):
    client.force_login(demo_user("cso@example.org"))

    page = client.get("/me/").content.decode()

    assert 'href="/admin/"' not in page
