from channels.generic.websocket import AsyncJsonWebsocketConsumer

from portal.announcements import ANNOUNCEMENTS_GROUP


class AnnouncementConsumer(AsyncJsonWebsocketConsumer):
    """Relays site-wide announcements to a browser. Public: announcements are for everyone."""

    async def connect(self):
        await self.channel_layer.group_add(ANNOUNCEMENTS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(ANNOUNCEMENTS_GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The channel is one-way; tell a client that writes to it instead of ignoring it.
        await self.send_json({"type": "error", "reason": "This channel does not accept messages."})

    async def announcement_message(self, event):
        await self.send_json({"type": "announcement", "text": event["text"]})


# Private-use close code (4000-4999): the websocket counterpart of HTTP 404.
CLOSE_NOT_FOUND = 4404


class UnknownRouteConsumer(AsyncJsonWebsocketConsumer):
    """Closes websockets for unknown paths with a code, instead of a server error."""

    async def connect(self):
        await self.close(code=CLOSE_NOT_FOUND)
