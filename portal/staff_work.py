"""
What is waiting for staff ("waiting for you"): each app registers its queues of work in
its `AppConfig.ready()`; a queue's provider receives the viewer and returns the items
waiting for them, or None when the queue is not theirs (it is then not shown at all).
The Wagtail dashboard panel and My portal show the same list, each item linking to where
the work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Membership, Organisation
from portal.permissions import Viewer, can_manage_memberships


@dataclass(frozen=True)
class WaitingItem:
    title: str
    url: str
    detail: str = ""


@dataclass
class StaffQueue:
    key: str
    title: Promise
    provider: Callable[[Viewer], Sequence[WaitingItem] | None]
    order: int = 100


QUEUES: dict[str, StaffQueue] = {}


def register_staff_queue(
    key: str,
    title: Promise,
    provider: Callable[[Viewer], Sequence[WaitingItem] | None],
    *,
    order: int = 100,
) -> None:
    QUEUES[key] = StaffQueue(key, title, provider, order)


def waiting_for(viewer: Viewer) -> list[tuple[StaffQueue, list[WaitingItem]]]:
    """The queues that are this viewer's work, each with what waits in it (maybe nothing)."""
    queues = []
    for queue in sorted(QUEUES.values(), key=lambda queue: (queue.order, queue.key)):
        items = queue.provider(viewer)
        if items is not None:
            queues.append((queue, list(items)))
    return queues


# The portal's own queues ---------------------------------------------------------------


def join_requests(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_manage_memberships(viewer):
        return None
    pending = Membership.objects.filter(status=Membership.Status.PENDING).select_related(
        "user", "group"
    )
    return [
        WaitingItem(
            _("%(person)s asks to join %(group)s")
            % {"person": membership.user.get_short_name(), "group": membership.group.name},
            reverse("portal_admin_decide_membership", args=[membership.pk]),
        )
        for membership in pending[:50]
    ]


def organisations_to_verify(viewer: Viewer) -> list[WaitingItem] | None:
    if not can_manage_memberships(viewer):
        return None
    return [
        WaitingItem(
            _("Verify %(organisation)s") % {"organisation": organisation.name},
            reverse("organisations:edit", args=[organisation.pk]),
        )
        for organisation in Organisation.objects.filter(verified=False).order_by("name")[:50]
    ]


register_staff_queue("join_requests", gettext_lazy("Join requests"), join_requests, order=10)
register_staff_queue(
    "organisations", gettext_lazy("Organisations to verify"), organisations_to_verify, order=20
)
