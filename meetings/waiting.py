"""The meetings' queues on the staff home: minutes awaiting sign-off, overdue actions."""

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.access import can_manage_meeting
from meetings.actions import delegations_unable_to_sign
from meetings.models import ActionItem, Minutes
from portal import dates
from portal.permissions import Viewer
from portal.staff_work import WaitingItem


def minutes_awaiting_sign_off(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_manage_meeting(viewer):
        return None
    items = []
    circulated = Minutes.objects.filter(state=Minutes.State.CIRCULATED).select_related("meeting")
    for minutes in circulated:
        missing = minutes.delegations_yet_to_sign()
        if not missing:
            detail = _("every delegation has signed: ready to adopt")
        else:
            why = dict(delegations_unable_to_sign(minutes.meeting))
            detail = "; ".join(
                f"{delegation} ({why[delegation]})" if delegation in why else str(delegation)
                for delegation in missing
            )
            detail = _("waiting for: %(delegations)s") % {"delegations": detail}
        items.append(
            WaitingItem(
                _("Minutes of %(meeting)s") % {"meeting": minutes.meeting.title},
                f"{minutes.meeting.url}#minutes",
                detail,
            )
        )
    return items


def overdue_actions(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_manage_meeting(viewer):
        return None
    overdue = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATUSES, due_date__lt=timezone.localdate()
    ).select_related("meeting", "owner_organisation", "owner_country")
    return [
        WaitingItem(
            action.title,
            f"{action.meeting.url}#actions",
            _("%(owner)s, due %(date)s")
            % {"owner": action.owner, "date": dates.date_medium(action.due_date)},
        )
        for action in overdue[:50]
    ]
