"""
Calendar files read by another iCalendar implementation (vobject) than the one that
writes them: escaped TEXT values in every script, and the venue's time zone.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject

from meetings.models import MeetingPage
from portal.models import AccessLevel
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db

TRICKY_TITLE = "Bangkok evening session, DST-free; notes in C:\\minutes {draft}"
VENUE = "ໂຮງແຮມ, ဗဟို; 曼谷 \\ សាលា, Khách sạn, โรงแรม"


@pytest.fixture
def yangon_meeting(meetings):
    start = datetime(2027, 3, 9, 9, 0, tzinfo=ZoneInfo("Asia/Yangon"))
    meeting = MeetingPage(
        title=TRICKY_TITLE,
        slug="yangon-evening",
        meeting_type="som",
        start=start,
        end=start + timedelta(hours=3),
        venue=VENUE,
        venue_timezone="Asia/Yangon",
        access_level=AccessLevel.PUBLIC,
    )
    meetings.index.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


def read(response):
    assert response.status_code == 200
    return vobject.readOne(response.content.decode())


def test_every_text_value_survives_another_parser(people, yangon_meeting):
    client = client_for(people, "anonymous")
    calendar = read(client.get(f"/meetings/{yangon_meeting.pk}.ics"))
    assert calendar.contents["x-wr-calname"][0].value == TRICKY_TITLE
    (event,) = calendar.vevent_list
    assert event.summary.value == TRICKY_TITLE
    assert event.location.value == VENUE
    assert event.url.value == f"http://127.0.0.1:8000{yangon_meeting.url}"


def test_times_carry_the_venues_zone(people, yangon_meeting):
    client = client_for(people, "anonymous")
    text = client.get(f"/meetings/{yangon_meeting.pk}.ics").content.decode()
    assert "DTSTART;TZID=Asia/Yangon:20270309T090000" in text
    calendar = vobject.readOne(text)
    assert [tz.tzid.value for tz in calendar.vtimezone_list] == ["Asia/Yangon"]
    (event,) = calendar.vevent_list
    start = event.dtstart.value
    # The reader's calendar sees the venue's wall clock and the same instant.
    assert (start.hour, start.minute) == (9, 0)
    assert start.utcoffset() == timedelta(hours=6, minutes=30)
    assert start == yangon_meeting.start


def test_the_public_feed_has_one_timezone_per_zone_used(people, meetings, yangon_meeting):
    calendar = read(client_for(people, "anonymous").get("/meetings/calendar.ics"))
    zones = sorted(tz.tzid.value for tz in calendar.vtimezone_list)
    assert zones == ["Asia/Bangkok", "Asia/Yangon"]
    assert {event.summary.value for event in calendar.vevent_list} == {"Public Som", TRICKY_TITLE}
