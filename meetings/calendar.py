"""
iCalendar (RFC 5545) files of meetings, built with the `icalendar` library.

Times carry the venue's zone (DTSTART;TZID=Asia/Yangon with its VTIMEZONE), so a calendar
can show the venue's clock beside the reader's; every TEXT value, the calendar's name
included, is escaped (RFC 5545 3.3.11), so "Bangkok evening session, DST-free" stays whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText

from meetings.timezones import DEFAULT_READER_TIME_ZONE, ZONE_NAMES
from portal.site_root import absolute_url


def venue_zone(meeting) -> ZoneInfo:
    """The zone the meeting's times are written in: its venue's, if it is one we know."""
    name = meeting.venue_timezone if meeting.venue_timezone in ZONE_NAMES else ""
    return ZoneInfo(name or DEFAULT_READER_TIME_ZONE)


def build_calendar(meetings: Iterable, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//COMMIT Portal//Meetings//EN")
    calendar.add("version", "2.0")
    # icalendar writes X- properties verbatim unless handed a vText, which it escapes.
    calendar.add("x-wr-calname", vText(str(name)))
    stamp = timezone.now().astimezone(UTC)
    for meeting in meetings:
        zone = venue_zone(meeting)
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@commit-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start.astimezone(zone))
        event.add("dtend", meeting.end.astimezone(zone))
        event.add("summary", vText(meeting.title))
        event.add("description", vText(str(meeting.get_meeting_type_display())))
        if meeting.venue:
            event.add("location", vText(meeting.venue))
        if meeting.url:
            event.add("url", absolute_url(meeting.url))
        calendar.add_component(event)
    # One VTIMEZONE for each TZID the events use (UTC needs none).
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(meetings: Iterable, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(meetings, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Feeds are personal or change often; shared caches must not keep them.
    response["Cache-Control"] = "private, max-age=300"
    return response
