"""
Every websocket route, as every probing role, with real and hostile ids; then any frame.

A route is opened, sent its subscribe/resume frame, and listened to briefly: no frame may
carry a canary, and a socket that closes does so with a 4xxx code (or a normal close),
never by the application crashing. The property test sends frames of any shape (deep
JSON, wrong types, huge numbers, binary, not JSON) and then an unknown message type: the
consumer must still answer it with an error frame, or have closed with a 4xxx code.

The scenarios run through `async_to_sync` from the test's thread, so the consumers' ORM
work runs on that thread's connection and sees the module's uncommitted world.
"""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from config.asgi import application
from tests.security.test_url_enumeration import client_as
from tests.security.world import ROLES, leaked_canaries

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]


@pytest.fixture(autouse=True)
def keep_the_world_connection(monkeypatch):
    """
    Channels closes "old" connections around its ORM calls; inside the world's transaction
    that would end it. Its communicator suspends this only while a test awaits it.
    """
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


HOSTILE_IDS = ["0", str(2**64), str(10**30)]
# route template, the world's objects for its id, the frame that subscribes or resumes.
ROUTES = [
    ("/ws/announcements/", [], {"type": "subscribe"}),
    ("/ws/forums/threads/{id}/", ["thread", "cso_thread"], {"type": "resume", "after": 0}),
    ("/ws/meetings/{id}/agenda/", ["gov_meeting", "public_meeting"], {"type": "refresh"}),
    ("/ws/no-such-route/", [], {"type": "resume", "after": 0}),
]


def _cases():
    for template, symbols, frame in ROUTES:
        ids = ([f"@{symbol}" for symbol in symbols] + HOSTILE_IDS) if symbols else [None]
        for object_id in ids:
            for role in ROLES:
                path = template.format(id=object_id) if object_id else template
                yield pytest.param(template, object_id, frame, role, id=f"{path}-{role}")


def headers_for(world, role: str) -> list[tuple[bytes, bytes]]:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    cookie = client_as(world, role).cookies.get(django_settings.SESSION_COOKIE_NAME)
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie.value}".encode()))
    return headers


def path_for(world, template: str, object_id: str | None) -> str:
    if object_id is None:
        return template
    if object_id.startswith("@"):
        object_id = str(getattr(world, object_id[1:]).pk)
    return template.format(id=object_id)


async def listen(communicator, timeout: float = 0.5) -> list[dict]:
    """Everything the server sends until it is quiet (or closes)."""
    outputs = []
    while not await communicator.receive_nothing(timeout=timeout):
        output = await communicator.receive_output(timeout=timeout)
        outputs.append(output)
        if output["type"] == "websocket.close":
            break
    return outputs


def assert_closed_politely(outputs: list[dict], where: str) -> None:
    for output in outputs:
        if output["type"] == "websocket.close":
            code = output.get("code", 1000)
            assert code == 1000 or 4000 <= code < 5000, f"{where} closed with {code}"


def assert_no_canary(outputs: list[dict], where: str) -> None:
    for output in outputs:
        text = (output.get("text") or "").encode() + (output.get("bytes") or b"")
        assert not leaked_canaries(text), f"{where} sent {leaked_canaries(text)}"


@pytest.mark.parametrize(("template", "object_id", "frame", "role"), list(_cases()))
def test_websocket_route(template, object_id, frame, role, world):
    path = path_for(world, template, object_id)
    headers = headers_for(world, role)

    async def scenario():
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await communicator.connect(timeout=5)
        if not connected:
            assert code is None or code == 1000 or 4000 <= code < 5000, f"{path}: {code}"
            return []
        await communicator.send_json_to(frame)
        outputs = await listen(communicator)
        await communicator.disconnect()
        return outputs

    outputs = async_to_sync(scenario)()
    assert_no_canary(outputs, f"{path} as {role}")
    assert_closed_politely(outputs, f"{path} as {role}")


# Frames of every shape -------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([2**64, -(2**63) - 1, 10**30])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
messages = st.fixed_dictionaries(
    {"type": st.sampled_from(["resume", "post", "refresh", "subscribe", ""]) | json_values},
    optional={"after": json_values, "body": json_values, "quote": json_values},
)
frames = st.one_of(
    messages.map(lambda message: {"text": json.dumps(message)}),
    json_values.map(lambda value: {"text": json.dumps(value)}),
    st.integers(min_value=1, max_value=5000).map(lambda depth: {"text": "[" * depth}),
    st.integers(min_value=1, max_value=1500).map(
        lambda depth: {"text": '{"a":' * depth + "1" + "}" * depth}
    ),
    st.text(max_size=200).map(lambda text: {"text": text}),
    st.binary(max_size=200).map(lambda data: {"bytes": data}),
)
FRAMES = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# A member who may open each route (the public thread, the public meeting's agenda).
FUZZED_ROUTES = [
    ("/ws/announcements/", None),
    ("/ws/forums/threads/{id}/", "@thread"),
    ("/ws/meetings/{id}/agenda/", "@public_meeting"),
]


@pytest.mark.parametrize(("template", "object_id"), FUZZED_ROUTES)
@FRAMES
@given(frame=frames)
@example(frame={"text": "[" * 3000})
@example(frame={"text": json.dumps({"type": "resume", "after": 10**30})})
@example(frame={"text": json.dumps({"type": "post", "body": {"a": 1}, "quote": 2**64})})
@example(frame={"bytes": b"\x00\xff"})
def test_any_frame_is_answered_or_closed_politely(template, object_id, frame, world):
    path = path_for(world, template, object_id)
    headers = headers_for(world, "youth")

    async def scenario():
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await communicator.connect(timeout=5)
        assert connected, f"{path} refused a member: {code}"
        await listen(communicator, timeout=0.1)  # the greeting (presence count)
        # Straight to the app: the communicator's helper refuses empty frames.
        await communicator.send_input({"type": "websocket.receive", **frame})
        outputs = await listen(communicator, timeout=0.3)
        closed = any(output["type"] == "websocket.close" for output in outputs)
        if not closed:
            # Still usable: an unknown message type is answered with an error frame.
            await communicator.send_json_to({"type": "no-such-type"})
            later = await listen(communicator, timeout=0.3)
            outputs += later
            answers = [json.loads(o["text"]) for o in later if o.get("text")]
            assert any(answer.get("type") == "error" for answer in answers) or any(
                o["type"] == "websocket.close" for o in later
            ), f"{path} went silent after {frame!r}"
            await communicator.disconnect()
        return outputs

    outputs = async_to_sync(scenario)()
    assert_closed_politely(outputs, f"{path} after {frame!r}"[:300])
