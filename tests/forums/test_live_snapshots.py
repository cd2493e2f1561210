"""
A post written from a live socket travels with what its judgement reads (the thread, its
forum's audience, the post, its author), so the server processes need not read them
again; they use it only while nothing it was read with has changed (forums/events.py, the
live and rights generations raised by triggers). Each change that must send the pass
back to the database is tried here, and the answer a reader gets from the carried event
is compared with the answer from a fresh read.
"""

import pickle

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums import actions
from forums.consumers import CLOSE, _judge_event, rights_class
from forums.events import event_from_message, generations, thread_group
from forums.models import Forum, Post, Thread, Watch
from portal.models import AccessLevel, Membership, User
from tests.forums.conftest import make_forum, member_of, session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cso_thread(forums, people):
    return actions.do_create_thread(viewer(people.cso), forums.cso, title="SPA IV", body="Opening")


async def post_from_a_socket(author, thread, body, quote=None) -> dict:
    """Post as `author` from their socket; the layer message every server process gets."""
    layer = get_channel_layer()
    listener = await layer.new_channel()
    await layer.group_add(thread_group(thread.pk), listener)
    headers = await sync_to_async(lambda: session_headers(signed_in_client(author)))()
    socket = thread_socket(thread.pk, headers)
    connected, _ = await socket.connect()
    assert connected
    frame = {"type": "post", "body": body}
    if quote is not None:
        frame["quote"] = quote
    await socket.send_json_to(frame)
    assert body in (await next_message(socket))["html"]
    await socket.disconnect()
    while True:
        message = await layer.receive(listener)
        if message["type"] == "thread.event":
            await layer.group_discard(thread_group(thread.pk), listener)
            return message


def readers(*users) -> list[tuple]:
    """As a thread's audience hands them to the shared pass."""
    found = []
    for index, user in enumerate(users):
        reader = viewer(User.objects.get(pk=user.pk))
        found.append((f"socket-{index}", reader, None, rights_class(reader), None))
    return found


CARRIED = (
    '"forums_thread"',
    '"forums_forum"',
    '"forums_forum_allowed_groups"',
    '"forums_threadevent"',
    '"forums_post"',
    '"portal_user"',
    '"portal_membership"',
)


def carried_reads(queries) -> list[str]:
    """Reads of what the event carries (the two generations aside)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "_generation" not in query["sql"] and any(t in query["sql"] for t in CARRIED)
    ]


def judged(thread, message, audience: list[tuple]) -> list:
    """What the shared pass decides for each reader of `audience` (see `readers`)."""
    by_class, own = _judge_event(thread.pk, message["event_id"], audience, message)
    return [
        own.get(channel, by_class.get(reader_class))
        for channel, _v, _r, reader_class, _g in audience
    ]


async def test_the_pass_judges_from_the_event_it_was_sent_and_reads_nothing_else(
    cso_thread, people, groups
):
    colleague = await sync_to_async(member_of)(groups.cso, display_name="Second CSO")
    message = await post_from_a_socket(people.cso, cso_thread, "Carried along")
    assert isinstance(message["snapshot"], bytes)

    def check():
        audience = readers(colleague, people.cso, people.moderator)
        with CaptureQueriesContext(connection) as queries:
            carried = judged(cso_thread, message, audience)
        assert not carried_reads(queries)
        assert carried == judged(cso_thread, {"event_id": message["event_id"]}, audience)
        assert "Carried along" in carried[0]
        # What travels through Redis: no password hash, no e-mail address.
        author = pickle.loads(message["snapshot"][32:]).post.author  # noqa: S301 (our own)
        assert {"password", "email", "last_login"}.isdisjoint(author.__dict__)

    await sync_to_async(check)()


async def test_a_quote_travels_with_its_author_and_names_them_as_each_reader_may_see(
    groups, people
):
    # Pseudonyms, without premoderation.
    youth = await sync_to_async(make_forum)("youth-open", AccessLevel.GROUPS, [groups.youth])
    opening = await sync_to_async(
        lambda: actions.do_create_thread(viewer(people.youth), youth, title="C", body="Posters?")
    )()
    first = await sync_to_async(lambda: Post.objects.filter(thread=opening).first())()
    # Before the post: a new membership moves the rights generation.
    third = await sync_to_async(member_of)(groups.youth, display_name="Third", pseudonym="Delta")
    message = await post_from_a_socket(people.youth_friend, opening, "Yes, posters", first.pk)

    def check():
        audience = readers(third, people.youth, people.moderator)
        with CaptureQueriesContext(connection) as queries:
            carried = judged(opening, message, audience)
        assert not carried_reads(queries)
        assert carried == judged(opening, {"event_id": message["event_id"]}, audience)
        # The quoted author's pseudonym to a fellow youth delegate; the name behind it to
        # the quoted author (judged on their own) and to the moderator.
        assert "MekongDreamer" in carried[0]
        assert "Linh Nguyen" not in carried[0]
        assert "MekongDreamer (Linh Nguyen)" in carried[1]
        assert "Linh Nguyen" in carried[2]

    await sync_to_async(check)()


def restrict_the_forum(thread, post, groups):
    # As the admin edits it (a parental many-to-many is written when the forum is saved).
    forum = Forum.objects.get(pk=thread.forum_id)
    forum.allowed_groups.set([groups.moderators])
    forum.save()


def restrict_the_forum_in_bulk(thread, post, groups):
    Forum.objects.filter(pk=thread.forum_id).update(access_level=AccessLevel.GROUPS)
    Forum.allowed_groups.through.objects.filter(forum_id=thread.forum_id).delete()


def move_the_thread(thread, post, groups):
    secret = make_forum("secret", AccessLevel.GROUPS, [groups.safeguarding])
    Thread.objects.filter(pk=thread.pk).update(forum=secret)


def hide_the_post(thread, post, groups):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)


def delete_the_post(thread, post, groups):
    Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now())


def give_the_author_a_pseudonym(thread, post, groups):
    User.objects.filter(pk=post.author_id).update(pseudonym="Hidden")


def make_the_author_a_youth_delegate(thread, post, groups):
    Membership.objects.create(user_id=post.author_id, group=groups.youth)


def revoke_the_readers_membership(thread, post, groups):
    Membership.objects.filter(group=groups.cso).exclude(user_id=post.author_id).update(
        status=Membership.Status.REVOKED
    )


def with_hand_written_sql(thread, post, groups):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE forums_thread SET locked = true WHERE id = %s", [thread.pk])


@pytest.mark.parametrize(
    "change",
    [
        restrict_the_forum,
        restrict_the_forum_in_bulk,
        move_the_thread,
        hide_the_post,
        delete_the_post,
        give_the_author_a_pseudonym,
        make_the_author_a_youth_delegate,
        revoke_the_readers_membership,
        with_hand_written_sql,
    ],
)
async def test_any_change_since_the_post_was_written_sends_the_pass_back_to_the_database(
    change, cso_thread, people, groups
):
    colleague = await sync_to_async(member_of)(groups.cso, display_name="Second CSO")
    message = await post_from_a_socket(people.cso, cso_thread, "Just before the change")

    def check():
        assert event_from_message(message, cso_thread.pk) is not None
        post = Post.objects.get(pk=pickle.loads(message["snapshot"][32:]).post_id)  # noqa: S301
        change(cso_thread, post, groups)
        assert event_from_message(message, cso_thread.pk) is None
        audience = readers(colleague)
        assert judged(cso_thread, message, audience) == judged(
            cso_thread, {"event_id": message["event_id"]}, audience
        )

    await sync_to_async(check)()


async def test_a_reader_shut_out_after_the_post_is_closed_not_sent_it(cso_thread, people, groups):
    colleague = await sync_to_async(member_of)(groups.cso, display_name="Second CSO")
    message = await post_from_a_socket(people.cso, cso_thread, "Not for the shut out")

    def check():
        restrict_the_forum(cso_thread, None, groups)
        assert judged(cso_thread, message, readers(colleague)) == [CLOSE]

    await sync_to_async(check)()


def test_writing_a_post_leaves_both_generations_where_they_were(cso_thread, people, forums):
    """Else no post would travel with its data, and every pass would read it again."""
    before = generations()
    quoted = Post.objects.filter(thread=cso_thread).first()
    actions.do_create_post(viewer(people.cso), cso_thread, body="Hello @Linh", quoted_post=quoted)
    actions.do_create_post(
        viewer(people.youth),
        cso_thread.__class__.objects.get(
            pk=actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="B").pk
        ),
        body="Pending, premoderated",
    )
    Watch.objects.get_or_create(user=people.moderator, thread=cso_thread)
    User.objects.filter(pk=people.cso.pk).update(last_login=timezone.now())
    actions.do_announce_published(quoted.pk)
    assert generations() == before


async def test_a_message_whose_signature_does_not_match_is_read_afresh(cso_thread, people, caplog):
    message = await post_from_a_socket(people.cso, cso_thread, "Signed")
    snapshot = message["snapshot"]
    forged = {**message, "snapshot": snapshot[:40] + bytes([snapshot[40] ^ 1]) + snapshot[41:]}

    def check():
        assert event_from_message(message, cso_thread.pk) is not None
        assert event_from_message(forged, cso_thread.pk) is None
        # Nor is a carried event used for another thread or another event.
        assert event_from_message(message, cso_thread.pk + 1) is None
        assert event_from_message({**message, "event_id": 0}, cso_thread.pk) is None

    await sync_to_async(check)()
    assert "bad signature" in caplog.text
