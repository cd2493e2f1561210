"""Bad input to the forums answers 4xx or an error frame, never a server error."""

import pytest
from asgiref.sync import sync_to_async

from forums import actions, consumers
from tests.forums.conftest import session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/forums/posts/{HUGE}/flag/",
        f"/forums/posts/{HUGE}/edit/",
        f"/forums/threads/{HUGE}/",
        f"/forums/safeguarding/{HUGE}/",
    ],
)
def test_huge_ids_in_forum_urls_are_not_found(forums, people, path):
    for user in (people.cso, people.moderator, people.safeguarding):
        assert signed_in_client(user).get(path).status_code == 404


@pytest.mark.parametrize(
    "path", [f"/forums/posts/{HUGE}/delete/", f"/forums/threads/{HUGE}/reply/"]
)
def test_huge_ids_in_forum_post_urls_are_not_found(forums, people, path):
    assert signed_in_client(people.cso).post(path, {"body": "x"}).status_code == 404


@pytest.mark.parametrize("quote", [HUGE, "-1", "abc", "0"])
def test_a_bad_quote_in_a_reply_is_refused_with_the_form(forums, people, quote):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")

    response = signed_in_client(people.cso).post(
        f"/forums/threads/{thread.pk}/reply/", {"body": "Hello", "quote": quote}
    )

    assert response.status_code == 400
    assert thread.posts.count() == 1


@pytest.mark.parametrize("field", ["post", "flag"])
def test_huge_ids_in_the_moderation_form_are_refused(forums, people, field):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    data = {"action": "dismiss", "post": thread.opening_post.pk, "flag": "1", "reason": "r"}
    data[field] = HUGE

    response = signed_in_client(people.moderator).post("/forums/moderation/act/", data)

    assert response.status_code == 400


def test_nul_bytes_in_a_reply_or_thread_are_refused(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    client = signed_in_client(people.cso)

    reply = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": "a\x00b"})
    new = client.post(f"/forums/{forums.cso.slug}/new/", {"title": "x\x00", "body": "b"})

    assert reply.status_code == 400
    assert new.status_code == 400
    with pytest.raises(actions.ActionRefused):
        actions.do_create_post(viewer(people.cso), thread, body="a\x00b")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "frame",
    [
        '{"type": "post", "body": "x", "quote": 99999999999999999999999}',
        '{"type": "post", "body": "x", "quote": -5}',
        '{"type": "post", "body": "x", "quote": true}',
        '{"type": "post", "body": "x", "quote": "1"}',
        '{"type": "post", "body": "x", "quote": 1.5}',
        '{"type": "post", "body": ["x"]}',
        '{"type": "post", "body": "nul \\u0000 byte"}',
        '{"type": "post", "body": {"a": 1}}',
        '{"type": "resume", "after": 99999999999999999999999}',
        '{"type": "resume", "after": true}',
        '{"type": "resume", "after": [1]}',
        '{"type": "resume", "after": 1e400}',
        '{"type": ["post"]}',
        '{"type": "\\u0000"}',
        '{"type": "post", "body": ' + "[" * 3000 + "]" * 3000 + "}",
        '{"type": "post", "body": ' + "[" * 500 + "]" * 500 + "}",
        "[" * 3000,
        "1" * 5000,
        '{"type": "resume", "after": ' + "9" * 5000 + "}",
    ],
)
async def test_bad_websocket_frames_get_an_error_frame(forums, people, frame):
    thread = await sync_to_async(actions.do_create_thread)(
        await sync_to_async(viewer)(people.cso), forums.cso, title="T", body="Opening"
    )
    headers = await sync_to_async(lambda: session_headers(signed_in_client(people.cso)))()
    communicator = thread_socket(thread.pk, headers)
    assert (await communicator.connect())[0]

    await communicator.send_to(text_data=frame)
    reply = await next_message(communicator)
    await communicator.send_json_to({"type": "resume", "after": 0})
    replay = await next_message(communicator)

    assert reply["type"] == "error"
    assert replay["type"] == "post.new"
    assert await sync_to_async(thread.posts.count)() == 1
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "frame",
    [
        {"type": "resume", "after": -1},
        {"type": "unknown"},
        {"type": "post", "body": 1},
        {"type": "post", "body": "x", "quote": "1"},
    ],
)
async def test_error_frames_are_in_the_readers_language(forums, people, frame, monkeypatch):
    # No catalogue is edited here: a stand-in gettext shows that the text goes through it.
    monkeypatch.setattr(consumers, "_", lambda text: f"[translated] {text}")
    thread = await sync_to_async(actions.do_create_thread)(
        await sync_to_async(viewer)(people.cso), forums.cso, title="T", body="Opening"
    )
    headers = await sync_to_async(lambda: session_headers(signed_in_client(people.cso)))()
    communicator = thread_socket(thread.pk, headers)
    assert (await communicator.connect())[0]

    await communicator.send_json_to(frame)
    reply = await next_message(communicator)
    await communicator.disconnect()

    assert reply["type"] == "error"
    assert reply["reason"].startswith("[translated] ")
