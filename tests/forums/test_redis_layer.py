"""Through the Redis channel layer (as in production): a post reaches another reader live."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from forums import actions
from tests.forums.conftest import member_of, session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


async def test_a_post_travels_through_redis_to_an_open_thread(forums, people, groups):
    assert type(get_channel_layer()).__module__.startswith("channels_redis.")

    def setup():
        thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="b")
        reader = member_of(groups.cso, display_name="Reader")
        return thread, session_headers(signed_in_client(reader))

    thread, headers = await sync_to_async(setup)()
    communicator = thread_socket(thread.pk, headers)
    connected, _ = await communicator.connect()
    assert connected

    await sync_to_async(
        lambda: actions.do_create_post(viewer(people.cso), thread, body="Via Redis")
    )()

    message = await next_message(communicator, timeout=10)
    assert message["type"] == "post.new"
    assert "Via Redis" in message["html"]
    await communicator.disconnect()
