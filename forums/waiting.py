"""The forums' queues on the staff home: open flags (moderators), safeguarding cases (leads)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from forums.access import can_handle_case, open_flags_for
from forums.models import SafeguardingCase
from portal.permissions import Viewer, can_moderate
from portal.staff_work import WaitingItem


def open_flags(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_moderate(viewer):
        return None
    # The flags the queue shows this moderator, no more (forums.access.open_flags_for).
    count = len(open_flags_for(viewer))
    if not count:
        return []
    return [
        WaitingItem(
            _("%(count)d open flags in the moderation queue") % {"count": count},
            reverse("forums:moderation"),
        )
    ]


def open_safeguarding_cases(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_handle_case(viewer):
        return None
    cases = SafeguardingCase.objects.exclude(status=SafeguardingCase.Status.CLOSED)
    return [
        WaitingItem(
            _("Safeguarding case %(number)s (%(status)s)")
            % {"number": case.pk, "status": case.get_status_display()},
            reverse("forums:safeguarding_case", args=[case.pk]),
        )
        for case in cases[:50]
    ]
