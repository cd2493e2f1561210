"""
The live thread: `ws/forums/threads/<id>/`.

Permission is checked when the socket opens and again before every event is sent,
with the member's rights read afresh from the database, so a member removed from a
group (or suspended) stops receiving at once and the socket is closed.
"""

from __future__ import annotations

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model
from django.core.cache import cache

from forums import actions
from forums.access import can_read_thread
from forums.events import event_payload, events_after, thread_group
from forums.models import Post, Thread, ThreadEvent
from portal.actions import ActionRefused
from portal.consumers import CLOSE_NOT_FOUND
from portal.permissions import ANONYMOUS, Viewer, viewer_for_scope

# Private-use close codes: the websocket counterparts of HTTP 403 and 404.
CLOSE_FORBIDDEN = 4403
MAX_FRAME_BYTES = 32 * 1024
PRESENCE_TIMEOUT = 60 * 60


def presence_key(thread_id: int) -> str:
    return f"forums:presence:{thread_id}"


def _change_presence(thread_id: int, delta: int) -> int:
    """
    Count open sockets on a thread in the shared cache (atomic incr/decr in Redis), so
    every worker reports the same number.
    """
    key = presence_key(thread_id)
    cache.add(key, 0, timeout=PRESENCE_TIMEOUT)
    try:
        count = cache.incr(key, delta)
    except ValueError:
        cache.set(key, max(delta, 0), timeout=PRESENCE_TIMEOUT)
        return max(delta, 0)
    if count < 0:
        cache.set(key, 0, timeout=PRESENCE_TIMEOUT)
        return 0
    cache.touch(key, PRESENCE_TIMEOUT)
    return count


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    thread_id: int | None = None
    joined = False

    async def connect(self):
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        viewer, thread = await self._load(self.thread_id)
        if thread is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if not await database_sync_to_async(can_read_thread)(viewer, thread):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.channel_layer.group_add(thread_group(self.thread_id), self.channel_name)
        self.joined = True
        await self.accept()
        count = await database_sync_to_async(_change_presence)(self.thread_id, 1)
        await self._broadcast_presence(count)

    async def disconnect(self, code):
        if not self.joined:
            return
        self.joined = False
        await self.channel_layer.group_discard(thread_group(self.thread_id), self.channel_name)
        count = await database_sync_to_async(_change_presence)(self.thread_id, -1)
        await self._broadcast_presence(count)

    async def _broadcast_presence(self, count: int) -> None:
        await self.channel_layer.group_send(
            thread_group(self.thread_id), {"type": "presence.update", "reading": count}
        )

    # From the browser ---------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self._error("Send JSON text frames.")
            return
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            await self._error("The message is too large.")
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self._error("The message is not valid JSON.")
            return
        if not isinstance(content, dict):
            await self._error("The message must be a JSON object.")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind == "resume":
            after = content.get("after", 0)
            if not isinstance(after, int) or isinstance(after, bool) or after < 0:
                await self._error("`after` must be the id of the last event received.")
                return
            await self._resume(after)
        elif kind == "post":
            await self._post(content)
        else:
            await self._error("Unknown message type.")

    async def _resume(self, after: int) -> None:
        viewer, thread = await self._load(self.thread_id)
        if thread is None or not await database_sync_to_async(can_read_thread)(viewer, thread):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        for payload in await database_sync_to_async(events_after)(viewer, thread, after):
            await self.send_json(payload)

    async def _post(self, content: dict) -> None:
        body = content.get("body")
        quote = content.get("quote")
        if not isinstance(body, str) or (quote is not None and not isinstance(quote, int)):
            await self._error("A post needs a text `body`.")
            return
        viewer, thread = await self._load(self.thread_id)
        if thread is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        try:
            await database_sync_to_async(self._create_post)(viewer, thread, body, quote)
        except actions.RateLimited as refusal:
            await self._error(str(refusal), code="rate_limited")
        except ActionRefused as refusal:
            await self._error(str(refusal))

    @staticmethod
    def _create_post(viewer: Viewer, thread: Thread, body: str, quote: int | None) -> None:
        quoted = Post.objects.filter(pk=quote, thread=thread).first() if quote else None
        actions.create_post(viewer, thread, body=body, quoted_post=quoted)

    # From the channel layer ----------------------------------------------------------

    async def thread_event(self, message):
        viewer, thread = await self._load(self.thread_id)
        if thread is None or not await database_sync_to_async(can_read_thread)(viewer, thread):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        payload = await database_sync_to_async(self._payload)(viewer, message["event_id"])
        if payload is not None:
            await self.send_json(payload)

    @staticmethod
    def _payload(viewer: Viewer, event_id: int) -> dict | None:
        event = (
            ThreadEvent.objects.select_related("post__author", "post__thread__forum", "thread")
            .filter(pk=event_id)
            .first()
        )
        return event_payload(viewer, event) if event is not None else None

    async def presence_update(self, message):
        await self.send_json({"type": "presence", "reading": message["reading"]})

    # ------------------------------------------------------------------------------

    async def _error(self, reason: str, code: str = "bad_request") -> None:
        await self.send_json({"type": "error", "code": code, "reason": reason})

    @database_sync_to_async
    def _load(self, thread_id: int) -> tuple[Viewer, Thread | None]:
        """The viewer with rights read now (not when the socket opened), and the thread."""
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            fresh = get_user_model().objects.filter(pk=user.pk).first()
            viewer = viewer_for_scope({**self.scope, "user": fresh}) if fresh else ANONYMOUS
        else:
            viewer = ANONYMOUS
        thread = Thread.objects.select_related("forum").filter(pk=thread_id).first()
        return viewer, thread
