"""
"My portal" (/my/): the member's own page. Apps add their slots (my meetings, my
threads, my consultation drafts, my reports) by registering a provider in their
`AppConfig.ready()`; a provider receives the request and returns what this member
may see.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.sections import SectionItem


@dataclass
class DashboardSlot:
    key: str
    title: Promise
    empty_message: Promise
    provider: Callable[[HttpRequest], Sequence[SectionItem]] | None = None


SLOTS: dict[str, DashboardSlot] = {
    "meetings": DashboardSlot("meetings", _("My meetings"), _("No upcoming meetings.")),
    "threads": DashboardSlot("threads", _("My threads"), _("You are not following any thread.")),
    "consultations": DashboardSlot(
        "consultations", _("My consultation drafts"), _("You have no consultation drafts.")
    ),
    "reports": DashboardSlot("reports", _("My reports"), _("You have no progress reports to do.")),
}


def register_dashboard_slot(
    key: str, provider: Callable[[HttpRequest], Sequence[SectionItem]]
) -> None:
    if key not in SLOTS:
        raise KeyError(f"Unknown dashboard slot {key!r}; expected one of {sorted(SLOTS)}.")
    SLOTS[key].provider = provider


def dashboard_slots(request: HttpRequest) -> list[tuple[DashboardSlot, Sequence[SectionItem]]]:
    return [
        (slot, tuple(slot.provider(request)) if slot.provider else ()) for slot in SLOTS.values()
    ]
