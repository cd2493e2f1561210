"""iCalendar (RFC 5545) files of meetings, built with the `icalendar` library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from portal.notifications import absolute_url


def build_calendar(meetings: Iterable, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//COMMIT Portal//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@commit-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start.astimezone(UTC))
        event.add("dtend", meeting.end.astimezone(UTC))
        event.add("summary", meeting.title)
        event.add("description", str(meeting.get_meeting_type_display()))
        if meeting.venue:
            event.add("location", meeting.venue)
        if meeting.url:
            event.add("url", absolute_url(meeting.url))
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(meetings: Iterable, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(meetings, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Feeds are personal or change often; shared caches must not keep them.
    response["Cache-Control"] = "private, max-age=300"
    return response
