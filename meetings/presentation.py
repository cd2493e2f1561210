"""
What a meeting page shows to one reader: times in two zones, the agenda with the
papers this reader may open, registration, minutes and follow-up. Visibility is
decided by `meetings.access` (which asks `portal.permissions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from meetings.access import (
    can_manage_meeting,
    can_register,
    can_see_online_link,
    can_view_minutes,
    delegations_of,
    filter_viewable_actions,
    filter_viewable_decisions,
)
from meetings.live_agenda import current_item_id
from meetings.models.minutes import Minutes
from meetings.timezones import VENUE_TIME_ZONES, format_in_zone, reader_zone_name
from portal.dates import datetime_in_zone, zone_label
from portal.models import Membership, Role
from portal.permissions import can_view, viewer_for_request


@dataclass(frozen=True)
class PaperForReader:
    """A paper as one reader sees it: its title and link, or only that it is restricted."""

    title: str
    url: str
    restricted: bool


def papers_for_reader(viewer, papers) -> list[PaperForReader]:
    # Decision: a paper the reader may not see is listed as "restricted paper" with no
    # title and no link, so the agenda is complete but nothing about the paper leaks.
    shown = []
    for paper in papers:
        if can_view(viewer, paper):
            url = paper.document.url if paper.document else ""
            shown.append(PaperForReader(paper.title, url, restricted=False))
        else:
            shown.append(PaperForReader("", "", restricted=True))
    return shown


def _delegations_with_typed_comment(request, viewer, meeting) -> list:
    """
    The viewer's delegations, each with the comment typed for it when a refused comment
    shows the page again (so it is not lost); a comment posted for no delegation of theirs
    goes back into the first box. NUL bytes, the usual reason for the refusal, are dropped.
    """
    delegations = delegations_of(viewer, meeting)
    typed = request.POST.get("text", "") if request.method == "POST" else ""
    for delegation in delegations:
        delegation.typed_comment = ""
    if typed and delegations:
        posted = request.POST.get("delegation", "").strip()
        target = next((d for d in delegations if str(d.pk) == posted), delegations[0])
        target.typed_comment = typed.replace("\x00", "")
    return delegations


def meeting_page_context(request, meeting) -> dict:
    viewer = viewer_for_request(request)
    zone_name = reader_zone_name(request)
    papers = list(meeting.papers.select_related("document").prefetch_related("allowed_groups"))
    agenda = []
    numbered = set()
    for item in meeting.agenda_items.all():
        item_papers = [p for p in papers if p.agenda_number and p.agenda_number == item.number]
        numbered.update(p.pk for p in item_papers)
        agenda.append((item, papers_for_reader(viewer, item_papers)))
    other_papers = papers_for_reader(viewer, [p for p in papers if p.pk not in numbered])

    registration = None
    if viewer.is_authenticated:
        registration = meeting.registrations.filter(user=viewer.user).first()
    attending = meeting.registrations.filter(response="attending").count()
    now = timezone.now()
    registration_closed = meeting.end < now or (
        meeting.registration_deadline is not None and now > meeting.registration_deadline
    )

    minutes = getattr(meeting, "minutes", None) if meeting.pk else None
    # A delegate of this meeting whose second factor is missing or unused sees no minutes
    # and no way to sign; without being told, the sign-off would wait for them in silence.
    delegate_needs_second_factor = (
        minutes is not None
        and minutes.state == Minutes.State.CIRCULATED
        and Role.GOVERNMENT in viewer.roles_awaiting_mfa
        and Membership.objects.filter(
            user=viewer.user,
            status=Membership.Status.APPROVED,
            group__in=meeting.delegations.all(),
        ).exists()
    )
    if minutes is not None and not can_view_minutes(viewer, minutes):
        minutes = None

    return {
        "viewer": viewer,
        "is_manager": can_manage_meeting(viewer),
        "reader_zone": zone_name,
        "zone_choices": VENUE_TIME_ZONES,
        "venue_start": format_in_zone(meeting.start, meeting.venue_timezone),
        "venue_end": format_in_zone(meeting.end, meeting.venue_timezone),
        "reader_start": format_in_zone(meeting.start, zone_name),
        "reader_end": format_in_zone(meeting.end, zone_name),
        "venue_zone_label": zone_label(meeting.venue_timezone, meeting.start),
        "reader_zone_label": zone_label(zone_name, meeting.start),
        "same_zone": zone_name == meeting.venue_timezone,
        "agenda": agenda,
        "current_item_id": current_item_id(meeting) if meeting.pk else None,
        "live_agenda_path": f"/ws/meetings/{meeting.pk}/agenda/" if meeting.pk else "",
        "other_papers": other_papers,
        "registration": registration,
        "can_register": can_register(viewer, meeting) and not registration_closed,
        "registration_closed": registration_closed,
        "registration_deadline": (
            datetime_in_zone(meeting.registration_deadline, meeting.venue_timezone)
            if meeting.registration_deadline
            else ""
        ),
        "attending_count": attending,
        "online_link": (
            meeting.online_link if can_see_online_link(viewer, meeting, registration) else ""
        ),
        "minutes": minutes,
        "missing_sign_offs": (
            minutes.delegations_yet_to_sign()
            if minutes is not None and minutes.state == Minutes.State.CIRCULATED
            else []
        ),
        "sign_off_deadline": (
            datetime_in_zone(minutes.sign_off_deadline, meeting.venue_timezone)
            if minutes is not None and minutes.sign_off_deadline
            else ""
        ),
        "waivers": list(minutes.waivers.select_related("delegation")) if minutes else [],
        # A refused adoption without every sign-off shows the page again with the reason
        # that was typed, so it is not lost.
        "typed_adoption_reason": request.POST.get("reason", "") if request.method == "POST" else "",
        "typed_sign_off_deadline": (
            request.POST.get("sign_off_deadline", "") if request.method == "POST" else ""
        ),
        "my_delegations": _delegations_with_typed_comment(request, viewer, meeting)
        if minutes
        else [],
        "delegate_needs_second_factor": delegate_needs_second_factor,
        "decisions": filter_viewable_decisions(viewer, meeting.decisions.all()),
        "action_items": filter_viewable_actions(
            viewer,
            meeting.action_items.select_related("owner_organisation", "owner_country", "decision"),
        ),
    }
