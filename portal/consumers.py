import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _

from portal.announcements import ANNOUNCEMENTS_GROUP

# Private-use close code (4000-4999): the websocket counterpart of HTTP 404.
CLOSE_NOT_FOUND = 4404


class UnknownRouteConsumer(AsyncJsonWebsocketConsumer):
    """Closes websockets for unknown paths with a code, instead of a server error."""

    async def connect(self):
        await self.close(code=CLOSE_NOT_FOUND)


class CheckedJsonConsumer(AsyncJsonWebsocketConsumer):
    """
    A consumer that answers bad frames with an error frame instead of crashing: binary or
    oversized frames, invalid JSON, JSON that is not an object. Subclasses set
    `max_frame_bytes` and handle good frames in `receive_json`.
    """

    max_frame_bytes = 4 * 1024

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if text_data is None:
            await self._error(_("Send JSON text frames."))
            return
        if len(text_data.encode()) > self.max_frame_bytes:
            await self._error(_("The message is too large."))
            return
        try:
            content = json.loads(text_data)
        except RecursionError:
            # '[' * 3000 fits in a small frame but nests deeper than the parser goes.
            await self._error(_("The message nests too deeply."))
            return
        except ValueError:
            await self._error(_("The message is not valid JSON."))
            return
        if not isinstance(content, dict):
            await self._error(_("The message must be a JSON object."))
            return
        await self.receive_json(content)

    async def _error(self, reason: str, code: str = "bad_request") -> None:
        await self.send_json({"type": "error", "code": code, "reason": reason})


class AnnouncementConsumer(CheckedJsonConsumer):
    """Relays site-wide announcements to a browser. Public: announcements are for everyone."""

    async def connect(self):
        await self.channel_layer.group_add(ANNOUNCEMENTS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(ANNOUNCEMENTS_GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The channel is one-way; tell a client that writes to it instead of ignoring it.
        await self._error(_("This channel does not accept messages."))

    async def announcement_message(self, event):
        await self.send_json({"type": "announcement", "text": event["text"]})
