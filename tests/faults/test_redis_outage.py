"""
Redis stops while a thread is open: members can still post (their posts are stored), live
updates resume when Redis is back, and an open thread catches up on what it missed, so no
post is lost to its readers. The cache, the sessions' cache and the channel layer all reach
the real Redis through a proxy the test cuts (sessions kept as in production: portal.sessions).
"""

import asyncio
import json
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from redis.exceptions import RedisError

from config.settings.base import redis_services
from forums import consumers
from forums.events import thread_group
from forums.models import Post
from portal.models import AccessLevel, Role
from tests.forums.conftest import session_headers, signed_in_client
from tests.forums.factories import ForumFactory, ThreadFactory
from tests.forums.live import next_message, thread_socket
from tests.portal.factories import StakeholderGroupFactory, member_of

pytestmark = [pytest.mark.faults, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

# The catch-up sweep looks every second here (5 s in production) and leaves events younger
# than 6 s to the layer: a post that arrives sooner came through Redis.
SWEEP_EVERY_S = 1
LEFT_TO_THE_LAYER_S = 6


@pytest.fixture
def redis_through_proxy(settings, fault_proxy, monkeypatch):
    monkeypatch.setattr(consumers, "CATCH_UP_EVERY_S", SWEEP_EVERY_S)
    monkeypatch.setattr(consumers, "IN_FLIGHT_S", LEFT_TO_THE_LAYER_S)
    proxy = fault_proxy(settings.REDIS_URL)
    settings.CACHES, settings.CHANNEL_LAYERS = redis_services(proxy.url_through(settings.REDIS_URL))
    settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"faults-{uuid.uuid4().hex[:8]}"
    settings.SESSION_ENGINE = "portal.sessions"  # as config.settings.production has it
    return proxy


def open_thread():
    members = StakeholderGroupFactory(name="CSO members", role=Role.CSO)
    author = member_of(members, display_name="Posting Member")
    reader = member_of(members, display_name="Reading Member")
    forum = ForumFactory(slug="general", access_level=AccessLevel.PUBLIC)
    thread = ThreadFactory(author=author, forum=forum, title="Recruitment fees")
    return thread, signed_in_client(author), session_headers(signed_in_client(reader))


async def post(client, thread, body: str) -> int:
    response = await sync_to_async(client.post)(
        f"/forums/threads/{thread.pk}/reply/", {"body": body}
    )
    return response.status_code


async def live_post_texts(socket, until: str, timeout: float) -> list[str]:
    """The texts of the posts that arrive, until one containing `until`."""
    texts = []
    while True:
        message = await next_message(socket, timeout=timeout)
        assert message["type"] == "post.new", message
        texts.append(message["html"])
        if until in message["html"]:
            return texts


async def layer_delivers_again(socket, thread, timeout: float) -> None:
    """Wait until a message published to the thread's group reaches the open socket."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            await get_channel_layer().group_send(
                thread_group(thread.pk), {"type": "presence.update", "reading": 1, "at": 0}
            )
        except (RedisError, OSError):
            await asyncio.sleep(0.2)
            continue
        while not await socket.receive_nothing(timeout=0.5):
            frame = json.loads((await socket.receive_output())["text"])
            assert frame["type"] == "presence", frame
            return
    pytest.fail(f"the channel layer delivered nothing within {timeout} s of Redis's return")


async def test_posts_made_while_redis_is_down_are_stored_and_reach_open_threads(
    redis_through_proxy,
):
    proxy = redis_through_proxy
    thread, author, reader_headers = await sync_to_async(open_thread)()
    socket = thread_socket(thread.pk, reader_headers)
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "resume", "after": 0})
    await live_post_texts(socket, until="Opening post", timeout=10)

    assert await post(author, thread, "Before the outage") == 302
    await live_post_texts(socket, until="Before the outage", timeout=10)

    proxy.cut()
    # Posting works and the post is stored, though nothing can be pushed live.
    assert await post(author, thread, "During the outage") == 302
    assert await sync_to_async(Post.objects.filter(body="During the outage").exists)()

    # The open thread catches up on the post it was never sent (from the database).
    await live_post_texts(socket, until="During the outage", timeout=LEFT_TO_THE_LAYER_S + 10)

    proxy.restore()
    # Live updates flow through Redis again: a new post arrives before the sweep would
    # have sent it.
    await layer_delivers_again(socket, thread, timeout=15)
    assert await post(author, thread, "After the outage") == 302
    await live_post_texts(socket, until="After the outage", timeout=LEFT_TO_THE_LAYER_S - 1)
    await socket.disconnect()
