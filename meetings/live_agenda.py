"""
The live agenda of a meeting: which item is being discussed and the outcome notes.

A change is announced to the meeting's websocket group only after the transaction
that made it commits; each consumer then reads the state afresh for its viewer,
so a rolled-back change is never seen and a viewer who lost access gets nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

# The submodule, not the package: meeting pages import this module to render the agenda.
from meetings.models.live_agenda import LiveAgendaState

if TYPE_CHECKING:
    from meetings.models import MeetingPage


def agenda_group(meeting_id: int) -> str:
    return f"meetings.agenda.{meeting_id}"


def current_item_id(meeting: MeetingPage) -> int | None:
    return (
        LiveAgendaState.objects.filter(meeting=meeting)
        .values_list("current_item_id", flat=True)
        .first()
    )


def agenda_state(meeting: MeetingPage) -> dict:
    """What every viewer of the meeting may know about where the meeting stands."""
    return {
        "type": "agenda",
        "current_item": current_item_id(meeting),
        "items": [
            {"id": item.pk, "number": item.number, "title": item.title, "outcome": item.outcome}
            for item in meeting.agenda_items.all()
        ],
    }


def announce_agenda_change(meeting: MeetingPage) -> None:
    """Tell the open meeting pages to refresh their agenda, once the write has committed."""
    meeting_id = meeting.pk

    def push():
        async_to_sync(get_channel_layer().group_send)(
            agenda_group(meeting_id), {"type": "agenda.changed", "meeting_id": meeting_id}
        )

    transaction.on_commit(push)
