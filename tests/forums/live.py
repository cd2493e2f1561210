"""Helpers for websocket tests of the forums."""

import json

from channels.testing import WebsocketCommunicator

from config.asgi import application


def thread_socket(thread_id: int, headers) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, f"/ws/forums/threads/{thread_id}/", headers=headers)


async def next_message(communicator, *, skip=("presence",), timeout=5):
    """The next frame that is not one of the `skip` types (presence counts come and go)."""
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return {"type": "closed", "code": output.get("code")}
        message = json.loads(output["text"])
        if message["type"] not in skip:
            return message


async def nothing_but_presence(communicator, timeout=0.5) -> bool:
    """True when nothing other than presence counts arrives within `timeout`."""
    while not await communicator.receive_nothing(timeout=timeout):
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] != "websocket.send" or json.loads(output["text"])["type"] != "presence":
            return False
    return True
