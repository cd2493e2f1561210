"""Websocket connections log under a request id: the proxy's, or one of their own."""

import pytest
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.json_logs import json_log_lines

ORIGIN = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


def socket_lines(lines) -> list[dict]:
    return [line for line in lines if line["message"].startswith("Websocket ")]


@pytest.mark.django_db(transaction=True)
async def test_a_connection_logs_under_the_proxy_s_request_id_and_echoes_it():
    communicator = WebsocketCommunicator(
        application,
        "/ws/announcements/",
        headers=[*ORIGIN, (b"x-request-id", b"socket-request-0001")],
    )
    with json_log_lines() as lines:
        # The handshake by hand, to read the accept's headers.
        await communicator.send_input({"type": "websocket.connect"})
        accept = await communicator.receive_output(timeout=5)
        assert accept["type"] == "websocket.accept"
        assert (b"x-request-id", b"socket-request-0001") in accept["headers"]
        await communicator.send_json_to({"type": "hello"})
        await communicator.receive_json_from(timeout=5)  # the one-way channel's error frame
        await communicator.disconnect()

    opened, closed = socket_lines(lines())
    assert opened["message"] == "Websocket opened"
    assert opened["path"] == "/ws/announcements/"
    assert opened["request_id"] == "socket-request-0001"
    assert closed["request_id"] == "socket-request-0001"


@pytest.mark.django_db(transaction=True)
async def test_a_connection_without_a_usable_id_gets_one_of_its_own():
    with json_log_lines() as lines:
        first = WebsocketCommunicator(
            application, "/ws/announcements/", headers=[*ORIGIN, (b"x-request-id", b"bad id!")]
        )
        second = WebsocketCommunicator(application, "/ws/announcements/", headers=ORIGIN)
        for communicator in (first, second):
            connected, _ = await communicator.connect()
            assert connected
            await communicator.disconnect()

    ids = [line["request_id"] for line in socket_lines(lines())]
    assert len(ids) == 4
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[0] != ids[2]
    assert "bad id!" not in ids


@pytest.mark.django_db(transaction=True)
async def test_a_refused_connection_logs_as_refused_under_its_id():
    stranger = WebsocketCommunicator(
        application,
        "/ws/announcements/",
        headers=[(b"origin", b"http://evil.example"), (b"x-request-id", b"socket-request-0002")],
    )
    with json_log_lines() as lines:
        connected, _ = await stranger.connect()

    assert not connected
    [refused] = socket_lines(lines())
    assert refused["message"] == "Websocket refused"
    assert refused["request_id"] == "socket-request-0002"
