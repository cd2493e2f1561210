"""The live thread over websockets: events after commit, checked per viewer, resumable."""

import asyncio
import json
import time

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction
from django.test import override_settings

from forums import actions
from portal.actions import do_revoke_membership
from portal.models import Membership, Role, StakeholderGroup
from tests.forums.conftest import (
    ORIGIN_HEADERS,
    member_of,
    session_headers,
    signed_in_client,
    viewer,
)
from tests.forums.live import next_message, nothing_but_presence, thread_socket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cso_thread(forums, people):
    return actions.do_create_thread(viewer(people.cso), forums.cso, title="SPA IV", body="Opening")


@pytest.fixture
def cso_colleague(groups):
    return member_of(groups.cso, display_name="Second CSO")


def headers_for(user):
    return session_headers(signed_in_client(user))


async def act(action, user, *args, **kwargs):
    """Run a forum action as `user` (rights computed in a thread, as the ORM needs)."""
    return await sync_to_async(lambda: action(viewer(user), *args, **kwargs))()


async def test_a_new_post_reaches_another_member_live_with_the_presence_count(
    cso_thread, people, cso_colleague
):
    headers = await sync_to_async(headers_for)(people.cso)
    communicator = thread_socket(cso_thread.pk, headers)
    connected, _ = await communicator.connect()
    assert connected
    presence = json.loads((await communicator.receive_output(timeout=5))["text"])
    assert (presence["type"], presence["reading"]) == ("presence", 1)
    # Stamped with when it was counted, so a page keeps the newest of crossing counts.
    assert abs(presence["at"] - time.time() * 1000) < 60_000

    await act(actions.do_create_post, cso_colleague, cso_thread, body="Live hello")

    message = await next_message(communicator)
    assert message["type"] == "post.new"
    assert "Live hello" in message["html"]
    assert "Second CSO" in message["html"]
    await communicator.disconnect()


async def test_readers_joining_together_end_on_the_count_of_all_of_them(
    cso_thread, people, cso_colleague
):
    first = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(people.cso))
    assert (await first.connect())[0]
    others = [
        thread_socket(cso_thread.pk, await sync_to_async(headers_for)(user))
        for user in (cso_colleague, people.cso)
    ]
    await asyncio.gather(*(other.connect() for other in others))
    # Counts come batched and in order: the last one the first reader gets is three.
    counts = []
    while not await first.receive_nothing(timeout=1):
        message = json.loads((await first.receive_output(timeout=1))["text"])
        if message["type"] == "presence":
            counts.append(message)
    assert counts
    assert counts[-1]["reading"] == 3
    assert [c["at"] for c in counts] == sorted(c["at"] for c in counts)
    for socket in (first, *others):
        await socket.disconnect()


async def test_nothing_is_sent_for_a_rolled_back_post(cso_thread, people, cso_colleague):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(people.cso))
    await communicator.connect()

    class Abandoned(Exception):
        pass

    def post_then_roll_back():
        try:
            with transaction.atomic():
                actions.do_create_post(viewer(cso_colleague), cso_thread, body="never happened")
                raise Abandoned
        except Abandoned:
            pass

    await sync_to_async(post_then_roll_back)()
    await act(actions.do_create_post, cso_colleague, cso_thread, body="real one")

    message = await next_message(communicator)
    assert "real one" in message["html"]
    await communicator.disconnect()


async def test_edit_hide_and_lock_events(cso_thread, people):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(people.cso))
    await communicator.connect()
    post = await sync_to_async(lambda: cso_thread.opening_post)()

    await act(actions.do_edit_post, people.cso, post, body="Edited text")
    edited = await next_message(communicator)
    await act(actions.do_hide_post, people.moderator, post, reason="Personal details")
    hidden = await next_message(communicator)
    await act(
        actions.do_set_thread_locked, people.moderator, cso_thread, locked=True, reason="Closed"
    )
    locked = await next_message(communicator)

    assert edited["type"] == "post.edited"
    assert "Edited text" in edited["html"]
    # The author still sees their hidden post (marked); its content is not news to them.
    assert hidden["type"] == "post.hidden"
    assert hidden["post_id"] == post.pk
    assert locked["type"] == "thread.locked"
    await communicator.disconnect()


async def test_a_hidden_post_is_withdrawn_from_other_readers_without_its_content(
    cso_thread, people, cso_colleague
):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(cso_colleague))
    await communicator.connect()
    post = await sync_to_async(lambda: cso_thread.opening_post)()

    await act(actions.do_hide_post, people.moderator, post, reason="Spam")

    assert await next_message(communicator) == {
        "type": "post.hidden",
        "event_id": await sync_to_async(lambda: cso_thread.events.last().pk)(),
        "post_id": post.pk,
    }
    await communicator.disconnect()


async def test_a_member_removed_from_the_group_stops_receiving_at_once(
    cso_thread, people, cso_colleague, groups
):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(cso_colleague))
    await communicator.connect()
    await act(actions.do_create_post, people.cso, cso_thread, body="First")
    assert "First" in (await next_message(communicator))["html"]

    def revoke():
        secretariat_group = StakeholderGroup.objects.create(
            name="Secretariat", role=Role.SECRETARIAT
        )
        secretariat = viewer(member_of(secretariat_group))
        membership = Membership.objects.get(user=cso_colleague, group=groups.cso)
        do_revoke_membership(secretariat, membership, reason="Left the organisation")

    await sync_to_async(revoke)()
    await act(actions.do_create_post, people.cso, cso_thread, body="Second")

    assert await next_message(communicator) == {"type": "closed", "code": 4403}
    await communicator.disconnect()


async def test_reconnecting_with_resume_delivers_everything_missed_and_nothing_hidden(
    cso_thread, people, cso_colleague
):
    headers = await sync_to_async(headers_for)(cso_colleague)
    first = thread_socket(cso_thread.pk, headers)
    await first.connect()
    await act(actions.do_create_post, people.cso, cso_thread, body="Seen live")
    last_seen = (await next_message(first))["event_id"]
    await first.disconnect()

    # While the link is down: two posts, one of them hidden by a moderator.
    await act(actions.do_create_post, people.cso, cso_thread, body="Missed one")
    spam = await act(actions.do_create_post, people.cso, cso_thread, body="Spam!")
    await act(actions.do_hide_post, people.moderator, spam, reason="Spam")

    second = thread_socket(cso_thread.pk, headers)
    await second.connect()
    await second.send_json_to({"type": "resume", "after": last_seen})
    replayed = [await next_message(second) for _ in range(2)]

    assert replayed[0]["type"] == "post.new"
    assert "Missed one" in replayed[0]["html"]
    assert replayed[1] == {
        "type": "post.hidden",
        "event_id": replayed[1]["event_id"],
        "post_id": spam.pk,
    }
    assert all("Spam!" not in message.get("html", "") for message in replayed)
    assert await nothing_but_presence(second)
    await second.disconnect()


async def test_a_pending_post_reaches_moderators_but_not_other_members(forums, people):
    thread = await act(
        actions.do_create_thread, people.moderator, forums.youth, title="Campaign", body="Welcome"
    )
    member = thread_socket(thread.pk, await sync_to_async(headers_for)(people.youth_friend))
    moderator = thread_socket(thread.pk, await sync_to_async(headers_for)(people.moderator))
    await member.connect()
    await moderator.connect()

    await act(actions.do_create_post, people.youth, thread, body="New idea")

    to_moderator = await next_message(moderator)
    assert to_moderator["status"] == "pending"
    assert "MekongDreamer (Linh Nguyen)" in (to_moderator["html"])
    assert await nothing_but_presence(member)
    await member.disconnect()
    await moderator.disconnect()


async def test_readers_with_the_same_rights_differ_where_the_post_is_their_own(forums, people):
    """Judgements are shared by readers with the same rights, but never the author's."""
    thread = await act(
        actions.do_create_thread, people.moderator, forums.youth, title="Ideas", body="Welcome"
    )
    friend = thread_socket(thread.pk, await sync_to_async(headers_for)(people.youth_friend))
    author = thread_socket(thread.pk, await sync_to_async(headers_for)(people.youth))
    await friend.connect()
    await author.connect()

    await act(actions.do_create_post, people.youth, thread, body="My pending idea")

    own = await next_message(author)
    assert own["status"] == "pending"
    assert "My pending idea" in own["html"]
    assert await nothing_but_presence(friend)
    await friend.disconnect()
    await author.disconnect()


async def test_posting_over_the_websocket_and_its_rate_limit(cso_thread, people):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(people.cso))
    await communicator.connect()

    with override_settings(FORUMS_POSTS_PER_MINUTE=2):
        await communicator.send_json_to({"type": "post", "body": "via socket"})
        created = await next_message(communicator)
        await communicator.send_json_to({"type": "post", "body": "too fast"})
        refused = await next_message(communicator)

    assert "via socket" in created["html"]
    assert refused["type"] == "error"
    assert refused["code"] == "rate_limited"
    assert "at most 2 posts a minute" in refused["reason"]
    await communicator.disconnect()


@pytest.mark.parametrize(
    "frame",
    ['{"type": "dance"}', "not json", "[1, 2]", '{"type": "resume", "after": "x"}', "x" * 40_000],
)
async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(cso_thread, people, frame):
    communicator = thread_socket(cso_thread.pk, await sync_to_async(headers_for)(people.cso))
    await communicator.connect()

    await communicator.send_to(text_data=frame)
    reply = await next_message(communicator)
    await communicator.send_json_to({"type": "resume", "after": 0})
    replay = await next_message(communicator)

    assert reply["type"] == "error"
    assert replay["type"] == "post.new"
    await communicator.disconnect()


async def test_a_connection_from_another_origin_is_refused(cso_thread):
    communicator = thread_socket(cso_thread.pk, [(b"origin", b"https://evil.example")])

    connected, _ = await communicator.connect()

    assert not connected
    await communicator.disconnect()


async def test_an_unknown_thread_is_closed_with_4404(forums):
    communicator = thread_socket(999_999, ORIGIN_HEADERS)

    connected, code = await communicator.connect()

    assert (connected, code) == (False, 4404)
    await communicator.disconnect()
