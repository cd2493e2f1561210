"""The Redis channel layer carries a message from one process to a consumer in another."""

import asyncio
import os
import sys

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.conf import settings

from config.asgi import application

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


async def test_announcement_sent_by_another_process_reaches_an_open_websocket():
    assert isinstance(get_channel_layer(), RedisPubSubChannelLayer)
    communicator = WebsocketCommunicator(
        application,
        "/ws/announcements/",
        headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
    )
    connected, _ = await communicator.connect()
    assert connected

    sender = await asyncio.create_subprocess_exec(
        sys.executable,
        "manage.py",
        "announce",
        "Senior Officials Meeting papers are now online.",
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(sender.communicate(), timeout=60)
    assert sender.returncode == 0, stderr.decode()

    assert await communicator.receive_json_from(timeout=10) == {
        "type": "announcement",
        "text": "Senior Officials Meeting papers are now online.",
    }
    await communicator.disconnect()
