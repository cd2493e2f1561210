"""The ASGI application: websockets pass the origin check and reach the app's consumers."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from portal.announcements import send_announcement
from portal.consumers import CLOSE_NOT_FOUND

# Consumers close stale database connections around each event, so they need DB access.
pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN_HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


async def test_websocket_from_another_site_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/announcements/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect()

    assert not connected
    await communicator.disconnect()


async def test_unknown_websocket_path_is_closed_with_a_not_found_code():
    communicator = WebsocketCommunicator(application, "/ws/no-such-thing/", headers=ORIGIN_HEADERS)

    connected, code = await communicator.connect()

    assert not connected
    assert code == CLOSE_NOT_FOUND
    await communicator.disconnect()


async def test_announcement_reaches_an_open_page_after_commit():
    communicator = WebsocketCommunicator(application, "/ws/announcements/", headers=ORIGIN_HEADERS)
    connected, _ = await communicator.connect()
    assert connected

    await sync_to_async(send_announcement)("The portal will be down for maintenance at 18:00.")

    assert await communicator.receive_json_from(timeout=5) == {
        "type": "announcement",
        "text": "The portal will be down for maintenance at 18:00.",
    }
    await communicator.disconnect()


async def test_a_client_writing_to_the_announcement_channel_is_told_it_is_one_way():
    communicator = WebsocketCommunicator(application, "/ws/announcements/", headers=ORIGIN_HEADERS)
    await communicator.connect()

    await communicator.send_json_to({"text": "hello"})

    reply = await communicator.receive_json_from(timeout=5)
    assert reply["type"] == "error"
    await communicator.disconnect()


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_empty_or_overlong_announcements_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="announcement"):
        send_announcement(text)


@pytest.mark.parametrize("frame", ["[" * 3000, "not json", '"a string"', "{" * 1500])
async def test_announcement_channel_answers_bad_frames_and_stays_open(frame):
    communicator = WebsocketCommunicator(application, "/ws/announcements/", headers=ORIGIN_HEADERS)
    await communicator.connect()

    await communicator.send_to(text_data=frame)
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
    await communicator.send_to(bytes_data=b"\x00\xff")
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"

    await sync_to_async(send_announcement)("Still here.")
    assert (await communicator.receive_json_from(timeout=5))["text"] == "Still here."
    await communicator.disconnect()
