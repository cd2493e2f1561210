"""The meetings section of the home page and the "My meetings" slot of /me/."""

from __future__ import annotations

from django.utils import timezone

from meetings.models import MeetingPage
from portal.permissions import filter_viewable, viewer_for_request
from portal.sections import SectionItem

HOME_LIMIT = 5


def _item(meeting: MeetingPage) -> SectionItem:
    return SectionItem(
        title=meeting.title,
        url=meeting.url or "",
        when=meeting.start,
        summary=str(meeting.get_meeting_type_display()),
    )


def upcoming_meetings(request) -> list[SectionItem]:
    """The next meetings this reader may see."""
    meetings = filter_viewable(
        viewer_for_request(request),
        MeetingPage.objects.live().filter(end__gte=timezone.now()).order_by("start"),
    )
    return [_item(meeting) for meeting in meetings[:HOME_LIMIT]]


def my_meetings(request) -> list[SectionItem]:
    """Upcoming meetings the member registered for (and may still see)."""
    if not request.user.is_authenticated:
        return []
    meetings = filter_viewable(
        viewer_for_request(request),
        MeetingPage.objects.live()
        .filter(
            end__gte=timezone.now(),
            registrations__user=request.user,
            registrations__response__in=["attending", "online"],
        )
        .order_by("start"),
    )
    return [_item(meeting) for meeting in meetings]
