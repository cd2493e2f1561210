"""
Reads about meetings that the views, exports, feeds and commands share: registration
lists, minutes revision diffs, who answers for an action, open actions and calendar
tokens. Nothing here writes; writes are in `meetings.actions`. What a viewer may see
is decided by `meetings.access`.
"""

from __future__ import annotations

import difflib

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.access import can_manage_meeting, filter_viewable_actions
from meetings.models import ActionItem, CalendarToken, MeetingPage, MinutesRevision
from meetings.models.calendar import hash_calendar_token
from portal.actions import ActionRefused
from portal.models import Membership, User
from portal.permissions import Viewer


def registration_rows(viewer: Viewer, meeting: MeetingPage) -> list[list[str]]:
    """The secretariat's list of registrations, as rows for the page and the exports."""
    if not can_manage_meeting(viewer):
        raise ActionRefused(_("Only the secretariat can do this."))
    rows = []
    for registration in meeting.registrations.select_related("user__organisation", "user__country"):
        user = registration.user
        rows.append(
            [
                user.display_name or user.get_full_name() or user.email,
                user.email,
                user.organisation.name if user.organisation else "",
                user.country.code if user.country else "",
                registration.get_response_display(),
                timezone.localtime(registration.updated_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def registration_headers() -> list[str]:
    return [_("Name"), _("Email"), _("Organisation"), _("Country"), _("Response"), _("Changed")]


def revision_diff(older: MinutesRevision | None, newer: MinutesRevision) -> list[tuple[str, str]]:
    """The change from `older` to `newer`, line by line: ("+"|"-"|" ", text)."""
    before = older.text.splitlines() if older else []
    lines = []
    for line in difflib.ndiff(before, newer.text.splitlines()):
        if line.startswith("? "):
            continue
        lines.append((line[0], line[2:]))
    return lines


def action_owners(action: ActionItem):
    """Who answers for an action: its organisation's people or the country's delegates."""
    users = User.objects.filter(is_active=True, suspended_at__isnull=True)
    if action.owner_organisation_id:
        return users.filter(organisation=action.owner_organisation)
    return users.filter(
        memberships__group__role="government",
        memberships__group__country=action.owner_country,
        memberships__status=Membership.Status.APPROVED,
    ).distinct()


def open_actions_for(viewer: Viewer):
    """Open actions `viewer` may see (see `meetings.access`), the most urgent first."""
    return (
        filter_viewable_actions(
            viewer, ActionItem.objects.filter(status__in=ActionItem.OPEN_STATUSES)
        )
        .select_related("meeting", "owner_organisation", "owner_country", "decision")
        .order_by("due_date", "pk")
    )


def find_calendar_token(token: str) -> CalendarToken | None:
    """The live token with this secret, or None (unknown, revoked, or inactive account)."""
    return (
        CalendarToken.objects.filter(
            token_hash=hash_calendar_token(token),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
        .first()
    )
