"""
A post written from a live socket travels with what its judgement reads (the thread, its
forum's audience, the post, its author), so the server processes need not read them
again; they use it only while nothing it was read with has changed (forums/events.py, the
live and rights generations raised by triggers). Each change that must send the pass
back to the database is tried here, and the answer a reader gets from the carried event
is compared with the answer from a fresh read.
"""

import pickle
from types import SimpleNamespace

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums import actions, consumers
from forums.consumers import CLOSE, _judge_event, rights_class
from forums.events import event_from_message, generations, thread_group
from forums.models import Forum, Post, Thread, Watch
from portal.models import AccessLevel, Membership, Role, StakeholderGroup, User
from portal.models.users import NameInForums
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


def carried(message) -> tuple:
    """(version, generations, event id, thread id, event) as the message carries them."""
    return pickle.loads(message["snapshot"][32:])  # noqa: S301 (written by the portal)


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
            carried_answer = judged(cso_thread, message, audience)
        assert not carried_reads(queries)
        assert carried_answer == judged(cso_thread, {"event_id": message["event_id"]}, audience)
        assert "Carried along" in carried_answer[0]
        # What travels through Redis: no password hash, no e-mail address.
        author = carried(message)[4].post.author
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
            carried_answer = judged(opening, message, audience)
        assert not carried_reads(queries)
        assert carried_answer == judged(opening, {"event_id": message["event_id"]}, audience)
        # The quoted author's pseudonym to a fellow youth delegate; the name behind it to
        # the quoted author (judged on their own) and to the moderator.
        assert "MekongDreamer" in carried_answer[0]
        assert "Linh Nguyen" not in carried_answer[0]
        assert "MekongDreamer (Linh Nguyen)" in carried_answer[1]
        assert "Linh Nguyen" in carried_answer[2]
        quoted_author = carried(message)[4].post.quoted_post.author
        assert {"password", "email", "last_login"}.isdisjoint(quoted_author.__dict__)

    await sync_to_async(check)()


# Each change below is made after a post (quoting the thread's opening post, by the
# thread's author) was written from a socket and before its pass; `place` holds what
# was set up before the post.


def restrict_the_forum(place):
    # As the admin edits it (a parental many-to-many is written when the forum is saved).
    forum = Forum.objects.get(pk=place.thread.forum_id)
    forum.allowed_groups.set([place.groups.moderators])
    forum.save()


def open_the_forum_to_youth_delegates(place):
    # One audience row, nothing else: the forum now shows pseudonyms.
    Forum.allowed_groups.through.objects.create(
        forum_id=place.thread.forum_id, stakeholdergroup=place.groups.youth
    )


def change_the_forums_access_level(place):
    Forum.objects.filter(pk=place.thread.forum_id).update(access_level=AccessLevel.MEMBERS)


def empty_the_forums_audiences_by_truncation(place):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE forums_forum_allowed_groups")


def move_the_thread(place):
    Thread.objects.filter(pk=place.thread.pk).update(forum=place.secret)


def lock_the_thread_in_hand_written_sql(place):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE forums_thread SET locked = true WHERE id = %s", [place.thread.pk])


def delete_the_thread(place):
    Thread.objects.filter(pk=place.thread.pk).delete()


def hide_the_post(place):
    Post.objects.filter(pk=place.post.pk).update(status=Post.Status.HIDDEN)


def delete_the_post(place):
    Post.objects.filter(pk=place.post.pk).update(deleted_at=timezone.now())


def hide_the_quoted_post(place):
    Post.objects.filter(pk=place.post.quoted_post_id).update(status=Post.Status.HIDDEN)


def give_the_author_a_pseudonym(place):
    User.objects.filter(pk=place.post.author_id).update(pseudonym="Hidden")


def rename_the_author(place):
    User.objects.filter(pk=place.post.author_id).update(display_name="Someone Else")


def the_quoted_author_changes_how_they_appear(place):
    current = User.objects.get(pk=place.quoted_author.pk).name_in_forums
    other = next(choice for choice in NameInForums.values if choice != current)
    User.objects.filter(pk=place.quoted_author.pk).update(name_in_forums=other)


def deactivate_the_author(place):
    User.objects.filter(pk=place.post.author_id).update(is_active=False)


def make_the_author_a_youth_delegate(place):
    Membership.objects.create(user_id=place.post.author_id, group=place.groups.youth)


def make_the_authors_group_a_youth_group(place):
    StakeholderGroup.objects.filter(pk=place.groups.cso.pk).update(role=Role.YOUTH)


def revoke_the_readers_membership(place):
    Membership.objects.filter(user=place.reader).update(status=Membership.Status.REVOKED)


@pytest.mark.parametrize(
    "change",
    [
        restrict_the_forum,
        open_the_forum_to_youth_delegates,
        change_the_forums_access_level,
        empty_the_forums_audiences_by_truncation,
        move_the_thread,
        lock_the_thread_in_hand_written_sql,
        delete_the_thread,
        hide_the_post,
        delete_the_post,
        hide_the_quoted_post,
        give_the_author_a_pseudonym,
        rename_the_author,
        the_quoted_author_changes_how_they_appear,
        deactivate_the_author,
        make_the_author_a_youth_delegate,
        make_the_authors_group_a_youth_group,
        revoke_the_readers_membership,
    ],
)
async def test_any_change_since_the_post_was_written_sends_the_pass_back_to_the_database(
    change, cso_thread, people, groups
):
    def set_up():
        return SimpleNamespace(
            thread=cso_thread,
            groups=groups,
            quoted_author=people.cso,
            reader=member_of(groups.cso, display_name="Second CSO"),
            author=member_of(groups.cso, display_name="Third CSO"),
            secret=make_forum("secret", AccessLevel.GROUPS, [groups.safeguarding]),
            opening=Post.objects.filter(thread=cso_thread).first(),
        )

    place = await sync_to_async(set_up)()
    message = await post_from_a_socket(place.author, cso_thread, "Just before", place.opening.pk)

    def check():
        assert event_from_message(message, cso_thread.pk) is not None
        place.post = Post.objects.get(pk=carried(message)[4].post_id)
        change(place)
        assert event_from_message(message, cso_thread.pk) is None

    await sync_to_async(check)()


async def test_a_reader_shut_out_after_the_post_is_closed_not_sent_it(cso_thread, people, groups):
    colleague = await sync_to_async(member_of)(groups.cso, display_name="Second CSO")
    message = await post_from_a_socket(people.cso, cso_thread, "Not for the shut out")

    def check():
        restrict_the_forum(SimpleNamespace(thread=cso_thread, groups=groups))
        assert judged(cso_thread, message, readers(colleague)) == [CLOSE]

    await sync_to_async(check)()


async def test_the_generations_are_read_before_what_the_post_carries(
    cso_thread, people, groups, monkeypatch
):
    """
    The thread is moved to a forum for safeguarding leads just before the socket reads
    the generations: what the post then carries must have been read after that, so the
    reader shut out is closed. Were the thread read before the generations, its old forum
    would travel as current.
    """
    colleague = await sync_to_async(member_of)(groups.cso, display_name="Second CSO")
    secret = await sync_to_async(make_forum)("secret", AccessLevel.GROUPS, [groups.safeguarding])
    read_generations = consumers.generations

    def move_then_read():
        move_the_thread(SimpleNamespace(thread=cso_thread, secret=secret))
        return read_generations()

    monkeypatch.setattr(consumers, "generations", move_then_read)
    # A moderator, who may post in any forum.
    message = await post_from_a_socket(people.moderator, cso_thread, "After the move")

    def check():
        assert event_from_message(message, cso_thread.pk) is not None
        assert judged(cso_thread, message, readers(colleague)) == [CLOSE]

    await sync_to_async(check)()


def test_writing_a_post_leaves_both_generations_where_they_were(cso_thread, people, forums):
    """Else no post would travel with its data, and every pass would read it again."""
    before = generations()
    quoted = Post.objects.filter(thread=cso_thread).first()
    actions.do_create_post(
        viewer(people.cso), cso_thread, body="Hello @ForumModerator", quoted_post=quoted
    )
    youth_thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="B")
    actions.do_create_post(viewer(people.youth), youth_thread, body="Pending, premoderated")
    Watch.objects.get_or_create(user=people.safeguarding, thread=cso_thread)
    User.objects.filter(pk=people.cso.pk).update(last_login=timezone.now())
    actions.do_announce_published(Post.objects.filter(thread=cso_thread).last().pk)
    assert generations() == before


async def test_a_message_whose_signature_does_not_match_is_read_afresh(cso_thread, people, caplog):
    message = await post_from_a_socket(people.cso, cso_thread, "Signed")
    snapshot = message["snapshot"]

    def forged(at: int) -> dict:
        return {
            **message,
            "snapshot": snapshot[:at] + bytes([snapshot[at] ^ 1]) + snapshot[at + 1 :],
        }

    def check():
        assert event_from_message(message, cso_thread.pk) is not None
        # A bit changed in the signature, in the data, or in the generations signed with it.
        assert event_from_message(forged(3), cso_thread.pk) is None
        assert event_from_message(forged(len(snapshot) - 3), cso_thread.pk) is None
        # Other generations under the same signature.
        version, (rights, live), event_id, thread_id, event = carried(message)
        moved = pickle.dumps((version, (rights, live + 1), event_id, thread_id, event))
        assert (
            event_from_message({**message, "snapshot": snapshot[:32] + moved}, cso_thread.pk)
            is None
        )
        # Nor is a carried event used for another thread or another event.
        assert event_from_message(message, cso_thread.pk + 1) is None
        assert event_from_message({**message, "event_id": 0}, cso_thread.pk) is None

    await sync_to_async(check)()
    assert "bad signature" in caplog.text
