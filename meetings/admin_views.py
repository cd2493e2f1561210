"""
The secretariat's way in to running meetings from the Wagtail admin: every meeting, with
links to its live agenda, minutes and registrations (the work itself is done on the
meeting page, where the same checks apply).
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.access import can_manage_meeting, can_view_meeting
from meetings.models import MeetingPage, Minutes
from portal import dates
from portal.permissions import viewer_for_request


def _minutes_state(meeting: MeetingPage) -> str:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        return _("no minutes yet")
    return _("minutes: %(state)s") % {"state": minutes.get_state_display().lower()}


def meetings_at_work(request):
    viewer = viewer_for_request(request)
    if not can_manage_meeting(viewer):
        raise PermissionDenied
    rows = []
    for meeting in MeetingPage.objects.live().order_by("-start"):
        if not can_view_meeting(viewer, meeting):
            continue
        url = meeting.url or ""
        links = [
            (_("Live agenda"), f"{url}#agenda"),
            (_("Minutes"), f"{url}#minutes"),
            (_("Write minutes"), reverse("meeting_minutes_edit", args=[meeting.pk])),
            (_("Registrations"), reverse("meeting_registrations", args=[meeting.pk])),
        ]
        rows.append(
            {
                "title": meeting.title,
                "detail": f"{dates.date_medium(meeting.start)} · {_minutes_state(meeting)}",
                "links": links if url else links[2:],
            }
        )
    return TemplateResponse(
        request,
        "portal/admin/staff_tool_list.html",
        {
            "page_title": _("Meetings: agenda and minutes"),
            "header_icon": "date",
            "intro": _("Published meetings, newest first. Drafts are edited under Pages."),
            "name_heading": _("Meeting"),
            "detail_heading": _("When and where the minutes stand"),
            "rows": rows,
            "empty": _("No meeting is published yet."),
        },
    )
