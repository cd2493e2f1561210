"""Calendar files: valid iCalendar, private tokens that can be revoked."""

import pytest
from icalendar import Calendar

from meetings.actions import do_create_calendar_token, do_revoke_calendar_tokens
from meetings.models import CalendarToken
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for


@pytest.mark.django_db
def test_public_feed_is_valid_icalendar_in_utc(meetings, people):
    response = client_for(people, "secretariat").get("/meetings/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Public Som"]
    assert events[0].decoded("dtstart") == meetings.public.start.replace(microsecond=0)


@pytest.mark.django_db
def test_revoked_and_invalid_tokens_answer_404(people, meetings):
    token = do_create_calendar_token(
        viewer_for_user(people.gov_th, mfa_ok=True), second_factor_used=True
    )
    client = client_for(people, "anonymous")
    assert client.get(f"/meetings/calendar/{token}.ics").status_code == 200
    assert CalendarToken.objects.get().token_hash != token  # only the hash is stored
    do_revoke_calendar_tokens(people.gov_th)
    assert client.get(f"/meetings/calendar/{token}.ics").status_code == 404
    assert client.get("/meetings/calendar/not-a-token.ics").status_code == 404


@pytest.mark.django_db
def test_new_link_revokes_the_old_one_through_the_settings_page(people, meetings):
    client = client_for(people, "cso")
    first = client.post("/meetings/calendar/", {"action": "create"})
    url = first.context["new_url"]
    assert url.startswith("http://127.0.0.1:8000/meetings/calendar/")  # the canonical root
    path = url.split("127.0.0.1:8000", 1)[1]
    assert client.get(path).status_code == 200
    client.post("/meetings/calendar/", {"action": "create"})
    assert client.get(path).status_code == 404
    assert client_for(people, "anonymous").get("/meetings/calendar/").status_code == 302
