"""
The websocket session stack (portal.websocket_auth): the member of the session cookie
reaches the consumer, and the frames the consumer sends reach the server untouched.
"""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from portal.websocket_auth import WebsocketAuthMiddlewareStack
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _session_cookie_of_a_member() -> tuple[object, bytes]:
    user = UserFactory()
    client = Client()
    client.force_login(user)
    return user, f"sessionid={client.cookies['sessionid'].value}".encode()


async def _open(cookie: bytes | None):
    """Run the stack around an app that records what it was given."""
    seen = {}

    async def app(scope, receive, send):
        seen["user"] = scope["user"]
        seen["send"] = send

    async def server_send(message):
        pass

    headers = [(b"cookie", cookie)] if cookie else []
    scope = {"type": "websocket", "path": "/ws/x/", "headers": headers}
    await WebsocketAuthMiddlewareStack(app)(scope, None, server_send)
    return seen, server_send


async def test_the_member_of_the_session_cookie_reaches_the_consumer():
    user, cookie = await sync_to_async(_session_cookie_of_a_member)()

    seen, _ = await _open(cookie)

    assert await sync_to_async(lambda: seen["user"].pk)() == user.pk


async def test_without_a_session_the_consumer_sees_an_anonymous_visitor():
    seen, _ = await _open(None)

    assert await sync_to_async(lambda: seen["user"].is_authenticated)() is False


async def test_frames_go_to_the_server_without_a_session_wrapper_around_each():
    # Channels' own stack wraps every frame to save the session on HTTP responses, which a
    # websocket never sends: a fifth of a post's fan-out to 1,000 readers (bench/README.md).
    _, cookie = await sync_to_async(_session_cookie_of_a_member)()

    seen, server_send = await _open(cookie)

    assert seen["send"] is server_send
