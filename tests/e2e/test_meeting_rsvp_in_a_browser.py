"""
End to end in headless Chromium: a CSO member signs in, opens the upcoming CSO Platform
meeting, answers "attending in person"; the page confirms, the registration exists and
the secretariat's CSV export lists the member.
"""

import csv
import io

import pytest
from django.core.management.base import BaseCommand
from django.test import Client

from meetings import demo as meetings_demo
from meetings.models import MeetingPage, Registration
from portal.models import User
from portal.permissions import MFA_SESSION_KEY
from tests.e2e.navigation import follow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

MEMBER = "cso@example.org"


@pytest.fixture
def cso_meeting(portal_demo_data):
    meetings_demo.seed(BaseCommand(stdout=io.StringIO()))
    return MeetingPage.objects.get(slug="cso-platform-spa-iv")


def secretariat_export(meeting) -> list[list[str]]:
    """The registrations CSV as the secretariat downloads it (second factor used)."""
    secretariat = User.objects.get(email="secretariat@example.org")
    client = Client()
    client.force_login(secretariat)
    session = client.session
    session[MFA_SESSION_KEY] = secretariat.pk
    session.save()
    response = client.get(f"/meetings/{meeting.pk}/registrations.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_cso_member_registers_for_the_cso_platform_meeting(
    browser, live_server, cso_meeting, demo_password
):
    assert not Registration.objects.filter(meeting=cso_meeting, user__email=MEMBER).exists()
    member = browser.new_context().new_page()

    member.goto(f"{live_server.url}/accounts/login/")
    member.fill("main form input[name=login]", MEMBER)
    member.fill("main form input[name=password]", demo_password)
    follow(member, "main form button[type=submit]")
    assert "/accounts/login/" not in member.url

    response = member.goto(f"{live_server.url}{cso_meeting.url}")
    assert response.status == 200
    assert cso_meeting.title in member.text_content("main h1")

    member.check("main form input[name=response][value=attending]")
    follow(member, "main form button:has-text('Send my answer')")

    assert member.url.endswith(cso_meeting.url)
    assert "Your answer is recorded: attending in person." in member.text_content(".messages")
    assert "Your answer: Attending in person." in member.content()
    assert member.is_checked("main form input[name=response][value=attending]")

    registration = Registration.objects.get(meeting=cso_meeting, user__email=MEMBER)
    assert registration.response == Registration.Response.ATTENDING
    rows = secretariat_export(cso_meeting)
    assert [row[1:5:3] for row in rows[1:] if row[1] == MEMBER] == [[MEMBER, "Attending in person"]]
