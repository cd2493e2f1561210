"""
The live agenda of a meeting: `ws/meetings/<id>/agenda/`.

One-way: the server sends the agenda state (current item, outcome notes) on connect
and whenever the secretariat changes it; a client may only ask for the state again
(`{"type": "refresh"}`). Permission is checked when the socket opens and again before
every message is sent, with the member's rights read afresh from the database.

Refusals follow `portal.refusals`: an anonymous visitor is told to sign in (4403);
a member who may not see the meeting gets the same answer as for a meeting that does
not exist (4404), so the socket reveals nothing about restricted meetings.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from meetings.access import can_view_meeting
from meetings.live_agenda import agenda_group, agenda_state
from meetings.models import MeetingPage
from portal.consumers import CLOSE_NOT_FOUND, CheckedJsonConsumer
from portal.permissions import ANONYMOUS, Viewer, viewer_for_scope

# Private-use close code: the websocket counterpart of "sign in first".
CLOSE_FORBIDDEN = 4403
MAX_FRAME_BYTES = 4 * 1024


class AgendaConsumer(CheckedJsonConsumer):
    max_frame_bytes = MAX_FRAME_BYTES
    meeting_id: int | None = None
    joined = False

    async def connect(self) -> None:
        self.meeting_id = self.scope["url_route"]["kwargs"]["meeting_id"]
        refusal = await self._refusal()
        if refusal is not None:
            await self.close(code=refusal)
            return
        await self.channel_layer.group_add(agenda_group(self.meeting_id), self.channel_name)
        self.joined = True
        await self.accept()
        # The state now, in case it changed between rendering the page and opening the socket.
        await self.send_json(await self._state())

    async def disconnect(self, code) -> None:
        if self.joined:
            self.joined = False
            await self.channel_layer.group_discard(agenda_group(self.meeting_id), self.channel_name)

    # From the browser ---------------------------------------------------------------

    async def receive_json(self, content, **kwargs) -> None:
        if content.get("type") == "refresh":
            await self._send_state()
        else:
            await self._error(_('Unknown message type; the only one accepted is "refresh".'))

    # From the channel layer ----------------------------------------------------------

    async def agenda_changed(self, message) -> None:
        await self._send_state()

    # ------------------------------------------------------------------------------

    async def _send_state(self) -> None:
        refusal = await self._refusal()
        if refusal is not None:
            await self.close(code=refusal)
            return
        await self.send_json(await self._state())

    @database_sync_to_async
    def _refusal(self) -> int | None:
        """The close code for this viewer now (rights read afresh), or None if they may see."""
        viewer = self._viewer()
        meeting = MeetingPage.objects.filter(pk=self.meeting_id).first()
        if meeting is not None and can_view_meeting(viewer, meeting):
            return None
        if not viewer.is_authenticated:
            return CLOSE_FORBIDDEN
        return CLOSE_NOT_FOUND

    @database_sync_to_async
    def _state(self) -> dict:
        return agenda_state(MeetingPage.objects.get(pk=self.meeting_id))

    def _viewer(self) -> Viewer:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return ANONYMOUS
        fresh = get_user_model().objects.filter(pk=user.pk).first()
        return viewer_for_scope({**self.scope, "user": fresh}) if fresh else ANONYMOUS
