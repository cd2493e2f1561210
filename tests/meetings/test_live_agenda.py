"""The live agenda over websockets: permission at connect and per event, after commit only."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from config.asgi import application
from meetings import actions
from portal.models import AccessLevel, AuditEvent
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

# Transactional: the consumer reads the database from its own thread.
pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN_HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


def headers_for(people, persona: str) -> list[tuple[bytes, bytes]]:
    cookie = client_for(people, persona).cookies.get("sessionid")
    headers = list(ORIGIN_HEADERS)
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie.value}".encode()))
    return headers


async def open_agenda(meeting, people, persona: str) -> WebsocketCommunicator:
    headers = await sync_to_async(headers_for)(people, persona)
    return WebsocketCommunicator(application, f"/ws/meetings/{meeting.pk}/agenda/", headers)


async def next_frame(communicator) -> dict:
    output = await communicator.receive_output(timeout=5)
    if output["type"] == "websocket.close":
        return {"type": "closed", "code": output.get("code")}
    return json.loads(output["text"])


def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


async def as_secretariat(action, people, *args):
    """Run a meetings action as the secretariat (rights are read in a thread, as the ORM needs)."""
    return await sync_to_async(lambda: action(secretariat(people), *args))()


def agenda_item(meeting, number: str):
    return meeting.agenda_items.get(number=number)


async def test_a_member_sees_the_current_item_and_outcome_change_live(meetings, people):
    communicator = await open_agenda(meetings.members, people, "cso")
    connected, _ = await communicator.connect()
    assert connected
    opening = await next_frame(communicator)
    assert opening["type"] == "agenda"
    assert opening["current_item"] is None

    protocol = await sync_to_async(agenda_item)(meetings.members, "2")
    await as_secretariat(actions.do_set_current_agenda_item, people, meetings.members, protocol)
    update = await next_frame(communicator)
    assert update["current_item"] == protocol.pk

    await as_secretariat(
        actions.do_record_agenda_outcome,
        people,
        meetings.members,
        protocol,
        "Adopted with one amendment.",
    )
    update = await next_frame(communicator)
    outcomes = {item["number"]: item["outcome"] for item in update["items"]}
    assert outcomes == {"1": "", "2": "Adopted with one amendment."}
    await communicator.disconnect()


async def test_anyone_may_follow_a_public_meeting(meetings, people):
    communicator = await open_agenda(meetings.public, people, "anonymous")
    connected, _ = await communicator.connect()
    assert connected
    assert (await next_frame(communicator))["type"] == "agenda"
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("persona", "code"), [("cso", 4404), ("gov_kh", 4404), ("anonymous", 4403)]
)
async def test_a_viewer_without_rights_is_refused_at_connect(meetings, people, persona, code):
    communicator = await open_agenda(meetings.thai, people, persona)
    connected, close_code = await communicator.connect()
    assert not connected
    assert close_code == code
    await communicator.disconnect()


async def test_an_unknown_meeting_is_refused_like_a_restricted_one(meetings, people):
    communicator = WebsocketCommunicator(
        application,
        "/ws/meetings/999999/agenda/",
        await sync_to_async(headers_for)(people, "cso"),
    )
    connected, close_code = await communicator.connect()
    assert (connected, close_code) == (False, 4404)
    await communicator.disconnect()


async def test_a_delegate_of_the_meeting_follows_the_restricted_agenda(meetings, people):
    communicator = await open_agenda(meetings.thai, people, "gov_th")
    connected, _ = await communicator.connect()
    assert connected
    assert (await next_frame(communicator))["type"] == "agenda"
    await communicator.disconnect()


async def test_a_rolled_back_change_sends_nothing(meetings, people):
    communicator = await open_agenda(meetings.members, people, "cso")
    await communicator.connect()
    await next_frame(communicator)

    class Abandoned(Exception):
        pass

    def change_then_roll_back():
        try:
            with transaction.atomic():
                actions.do_set_current_agenda_item(
                    secretariat(people), meetings.members, agenda_item(meetings.members, "1")
                )
                raise Abandoned
        except Abandoned:
            pass

    await sync_to_async(change_then_roll_back)()
    assert await communicator.receive_nothing(timeout=0.5)
    assert not await sync_to_async(AuditEvent.objects.filter(verb="agenda.current").exists)()
    await communicator.disconnect()


async def test_a_viewer_who_lost_access_gets_no_more_updates(meetings, people):
    communicator = await open_agenda(meetings.members, people, "cso")
    await communicator.connect()
    await next_frame(communicator)

    def restrict_to_the_thai_delegation():
        meeting = meetings.members
        meeting.access_level = AccessLevel.GROUPS
        meeting.allowed_groups = [meetings.groups["Government delegates — Thailand"]]
        meeting.save_revision().publish()
        actions.do_set_current_agenda_item(secretariat(people), meeting, agenda_item(meeting, "1"))

    await sync_to_async(restrict_to_the_thai_delegation)()
    assert await next_frame(communicator) == {"type": "closed", "code": 4404}
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        ({"text_data": "not json"}, "not valid JSON"),
        ({"text_data": "[1, 2]"}, "must be a JSON object"),
        ({"text_data": '{"type": "set_current", "item": 1}'}, "Unknown message type"),
        ({"bytes_data": b"\x00\x01"}, "Send JSON text frames"),
        ({"text_data": json.dumps({"type": "refresh", "pad": "x" * 5000})}, "too large"),
    ],
)
async def test_a_bad_frame_gets_an_error_and_the_socket_stays_open(meetings, people, frame, reason):
    communicator = await open_agenda(meetings.members, people, "cso")
    await communicator.connect()
    await next_frame(communicator)
    if "bytes_data" in frame:
        await communicator.send_to(bytes_data=frame["bytes_data"])
    else:
        await communicator.send_to(text_data=frame["text_data"])
    error = await next_frame(communicator)
    assert error["type"] == "error"
    assert reason in error["reason"]

    await communicator.send_json_to({"type": "refresh"})
    assert (await next_frame(communicator))["type"] == "agenda"
    await communicator.disconnect()


def test_only_the_secretariat_moves_the_agenda(meetings, people):
    member = viewer_for_user(people.cso, mfa_ok=True)
    with pytest.raises(actions.ActionRefused):
        actions.do_set_current_agenda_item(
            member, meetings.members, agenda_item(meetings.members, "1")
        )
    with pytest.raises(actions.ActionRefused):
        actions.do_record_agenda_outcome(
            member, meetings.members, agenda_item(meetings.members, "1"), "Noted."
        )
    assert not AuditEvent.objects.filter(verb__startswith="agenda.").exists()


def test_an_item_of_another_meeting_is_refused(meetings, people):
    with pytest.raises(actions.ActionRefused, match="another meeting"):
        actions.do_set_current_agenda_item(
            secretariat(people), meetings.members, agenda_item(meetings.public, "1")
        )
