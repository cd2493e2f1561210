"""Who sees which meeting, paper file and calendar entry: the permission matrix."""

from urllib.parse import urlsplit

import pytest

from tests.meetings.conftest import PERSONAS, client_for

LOGIN = "login"
# A government delegate who has not used their second factor is sent to set it up.
MFA = "second factor"
# persona: (public meeting, members meeting, Thai-government meeting, government-only paper)
EXPECTED = {
    "anonymous": (200, LOGIN, LOGIN, LOGIN),
    "pending": (200, 404, 404, 404),
    "cso": (200, 200, 404, 404),
    "youth": (200, 200, 404, 404),
    "gov_th": (200, 200, 200, 200),
    "gov_th_no_mfa": (200, MFA, MFA, MFA),
    "gov_kh": (200, 200, 404, 200),
    "secretariat": (200, 200, 200, 200),
    "suspended": (200, 404, 404, 404),
}


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return LOGIN
    if response.status_code == 302 and response["Location"].startswith("/accounts/2fa/"):
        return MFA
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_meeting_pages_and_paper_files(persona, people, meetings):
    client = client_for(people, persona)
    paper_url = meetings.government_paper.document.url
    observed = (
        _outcome(client.get(meetings.public.url)),
        _outcome(client.get(meetings.members.url)),
        _outcome(client.get(meetings.thai.url)),
        _outcome(client.get(paper_url)),
    )
    assert observed == EXPECTED[persona]
    # The public paper's file is open to everyone.
    assert client.get(meetings.public_paper.document.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_public_agenda_lists_restricted_paper_without_exposing_it(persona, people, meetings):
    page = client_for(people, persona).get(meetings.public.url).content.decode()
    may_see = EXPECTED[persona][3] == 200
    assert "Public progress summary" in page
    assert ("Secret repatriation protocol" in page) is may_see
    assert (meetings.government_paper.document.url in page) is may_see
    assert ("Restricted paper" in page) is not may_see


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_index_lists_only_viewable_meetings(persona, people, meetings):
    page = client_for(people, persona).get("/meetings/").content.decode()
    expected = EXPECTED[persona]
    assert "Public Som" in page
    assert ("Members Cso" in page) is (expected[1] == 200)
    assert ("Thai Task Force" in page) is (expected[2] == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_public_calendar_has_public_meetings_only(persona, people, meetings):
    body = client_for(people, persona).get("/meetings/calendar.ics").content.decode()
    assert "Public Som" in body
    assert "Members Cso" not in body
    assert "Thai Task Force" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_private_calendar_lists_what_the_member_may_see(persona, people, meetings):
    made = client_for(people, persona).post("/meetings/calendar/", {"action": "create"})
    expected = EXPECTED[persona]
    if expected[1] == MFA:
        # A link is a lasting credential: none before the second factor is used.
        assert _outcome(made) == MFA
        return
    path = urlsplit(made.context["new_url"]).path
    response = client_for(people, "anonymous").get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Public Som" in body
    assert ("Members Cso" in body) is (expected[1] == 200)
    assert ("Thai Task Force" in body) is (expected[2] == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_meeting_ics_follows_meeting_visibility(persona, people, meetings):
    client = client_for(people, persona)
    assert _outcome(client.get(f"/meetings/{meetings.thai.pk}.ics")) == EXPECTED[persona][2]
    assert client.get(f"/meetings/{meetings.public.pk}.ics").status_code == 200
