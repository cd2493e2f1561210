"""Meeting times in the venue's zone and the reader's, including Yangon (UTC+6:30)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from meetings.models import MeetingPage
from tests.meetings.conftest import client_for


@pytest.mark.django_db
def test_yangon_meeting_shows_venue_and_reader_time(people, meetings):
    meeting = meetings.public
    meeting.venue_timezone = "Asia/Yangon"
    meeting.start = datetime(2030, 3, 12, 9, 0, tzinfo=ZoneInfo("Asia/Yangon"))
    meeting.end = datetime(2030, 3, 12, 17, 0, tzinfo=ZoneInfo("Asia/Yangon"))
    meeting.save_revision().publish()
    client = client_for(people, "anonymous")

    default = client.get(meeting.url).content.decode()
    # CLDR's English writes a narrow no-break space before AM/PM.
    assert "Mar 12, 2030, 9:00\u202fAM" in default  # venue
    assert "(Yangon, UTC+6:30)" in default
    assert "Mar 12, 2030, 9:30\u202fAM" in default  # reader, default Asia/Bangkok
    assert "(Bangkok, UTC+7)" in default

    chosen = client.get(meeting.url, {"tz": "Asia/Shanghai"})
    assert "Mar 12, 2030, 10:30\u202fAM" in chosen.content.decode()
    assert "(Shanghai, UTC+8)" in chosen.content.decode()
    # The choice is remembered in a cookie for the next page.
    assert chosen.cookies["meetings_tz"].value == "Asia/Shanghai"
    assert "(Shanghai, UTC+8)" in client.get(meeting.url).content.decode()
    # An unknown zone falls back to Bangkok instead of failing.
    assert client.get(meeting.url, {"tz": "Mars/Olympus"}).status_code == 200


@pytest.mark.django_db
def test_end_before_start_is_refused(meetings):
    meeting = MeetingPage.objects.get(pk=meetings.public.pk)
    meeting.end = meeting.start
    with pytest.raises(Exception, match="must end after it starts"):
        meeting.full_clean()
