"""
Site-wide announcements pushed live to every open page.

The secretariat uses them for notices such as planned maintenance. This is
the one place that sends them: the send happens only after the surrounding
database transaction commits, so nobody is told about something that was
rolled back.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

ANNOUNCEMENTS_GROUP = "portal.announcements"
MAX_ANNOUNCEMENT_LENGTH = 500


def send_announcement(text: str) -> None:
    """Push `text` to every connected browser once the current transaction commits."""
    text = text.strip()
    if not text:
        raise ValueError("An announcement needs some text.")
    if len(text) > MAX_ANNOUNCEMENT_LENGTH:
        raise ValueError(
            f"An announcement is at most {MAX_ANNOUNCEMENT_LENGTH} characters; "
            f"this one has {len(text)}."
        )

    def push():
        async_to_sync(get_channel_layer().group_send)(
            ANNOUNCEMENTS_GROUP, {"type": "announcement.message", "text": text}
        )

    transaction.on_commit(push)
