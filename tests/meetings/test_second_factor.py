"""
A session that has not used its second factor gets none of the rights that need it,
through any meetings path: private calendar links and feeds, the meeting page and its
papers, RSVP, minutes sign-off, the "My meetings" slot and the live agenda.
"""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from meetings import actions
from meetings.models import CalendarToken
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.meetings.conftest import TOTP_SECRET, client_for
from tests.meetings.test_live_agenda import ORIGIN_HEADERS
from tests.portal.factories import MembershipFactory

TH = "Government delegates — Thailand"


def password_only(user) -> Client:
    """Signed in with the password only: a second factor exists but was not used."""
    client = Client()
    client.force_login(user)
    return client


def feed_of(client: Client, url: str) -> str:
    # The link is absolute on the portal's one site root (PORTAL_BASE_URL).
    path = urlsplit(url).path
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def _is_second_factor_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")


@pytest.mark.django_db
def test_password_only_session_cannot_make_or_see_a_private_link(people, meetings):
    client = password_only(people.gov_th)
    assert _is_second_factor_redirect(client.post("/meetings/calendar/", {"action": "create"}))
    assert _is_second_factor_redirect(client.get("/meetings/calendar/"))
    assert not CalendarToken.objects.filter(user=people.gov_th).exists()


@pytest.mark.django_db
def test_link_made_after_the_second_factor_lists_restricted_meetings(people, meetings):
    response = client_for(people, "gov_th").post("/meetings/calendar/", {"action": "create"})
    assert "Thai Task Force" in feed_of(Client(), response.context["new_url"])


@pytest.mark.django_db
def test_link_made_before_a_role_was_gained_never_reveals_what_the_role_sees(people, meetings):
    """A member's link made password-only keeps answering password-only, whatever comes later."""
    member = people.cso
    client = client_for(people, "cso")
    url = client.post("/meetings/calendar/", {"action": "create"}).context["new_url"]
    assert "Thai Task Force" not in feed_of(client, url)

    # Later the member becomes a Thai delegate with a second factor.
    MembershipFactory(user=member, group=meetings.groups[TH])
    TOTP.activate(member, TOTP_SECRET)
    assert "Thai Task Force" not in feed_of(client, url)

    # A new link made in a session that used the second factor includes it.
    session = client.session
    session[MFA_SESSION_KEY] = member.pk
    session.save()
    url = client.post("/meetings/calendar/", {"action": "create"}).context["new_url"]
    assert "Thai Task Force" in feed_of(client, url)


@pytest.mark.django_db
def test_link_stops_revealing_restricted_meetings_when_the_second_factor_is_removed(
    people, meetings
):
    client = client_for(people, "gov_th")
    url = client.post("/meetings/calendar/", {"action": "create"}).context["new_url"]
    Authenticator.objects.filter(user=people.gov_th).delete()
    body = feed_of(client, url)
    assert "Thai Task Force" not in body
    assert "Public Som" in body


@pytest.mark.django_db
def test_password_only_session_reaches_no_restricted_meeting_path(people, meetings):
    client = password_only(people.gov_th)
    thai = meetings.thai
    assert _is_second_factor_redirect(client.get(thai.url))
    assert _is_second_factor_redirect(client.get(f"/meetings/{thai.pk}.ics"))
    assert _is_second_factor_redirect(client.get(meetings.government_paper.document.url))
    assert _is_second_factor_redirect(
        client.post(f"/meetings/{thai.pk}/rsvp/", {"response": "attending"})
    )
    assert not thai.registrations.exists()
    page = client.get(meetings.public.url).content.decode()
    assert "Secret repatriation protocol" not in page
    assert "Thai Task Force" not in client.get("/meetings/").content.decode()


@pytest.mark.django_db
def test_password_only_session_cannot_sign_off_minutes(people, meetings):
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.")
    actions.do_circulate_minutes(secretariat, minutes)
    response = password_only(people.gov_th).post(
        f"/meetings/{meetings.public.pk}/minutes/sign_off/",
        {"delegation": meetings.groups[TH].pk},
    )
    assert response.status_code == 404
    assert not minutes.sign_offs.exists()


@pytest.mark.django_db
def test_my_meetings_slot_hides_restricted_meetings_from_a_password_only_session(people, meetings):
    actions.do_register(viewer_for_user(people.gov_th, mfa_ok=True), meetings.thai, "attending")
    dashboard = password_only(people.gov_th).get("/me/")
    assert dashboard.status_code == 200
    assert "Thai Task Force" not in dashboard.content.decode()
    assert "Thai Task Force" in client_for(people, "gov_th").get("/me/").content.decode()


@pytest.mark.django_db(transaction=True)
async def test_live_agenda_refuses_a_password_only_session(people, meetings):
    def headers():
        cookie = password_only(people.gov_th).cookies["sessionid"].value
        return [*ORIGIN_HEADERS, (b"cookie", f"sessionid={cookie}".encode())]

    communicator = WebsocketCommunicator(
        application, f"/ws/meetings/{meetings.thai.pk}/agenda/", await sync_to_async(headers)()
    )
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()
