"""Who may read and post where, over HTTP and websockets, and who reaches the queues."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from forums import actions
from tests.forums.conftest import session_headers, signed_in_client, viewer
from tests.forums.live import thread_socket

PERSONAS = ["anonymous", "pending", "youth", "cso", "moderator", "safeguarding", "suspended"]

# persona -> forum -> (can read, can post)
EXPECTED = {
    "anonymous": {"general": (True, False), "youth": (False, False), "cso": (False, False)},
    "pending": {"general": (True, False), "youth": (False, False), "cso": (False, False)},
    "youth": {"general": (True, True), "youth": (True, True), "cso": (False, False)},
    "cso": {"general": (True, True), "youth": (False, False), "cso": (True, True)},
    "moderator": {"general": (True, True), "youth": (True, True), "cso": (True, True)},
    "safeguarding": {"general": (True, True), "youth": (False, False), "cso": (False, False)},
    "suspended": {"general": (True, False), "youth": (False, False), "cso": (False, False)},
}
QUEUES = {  # persona -> (moderation queue, safeguarding queue)
    "moderator": (True, False),
    "safeguarding": (False, True),
}


@pytest.fixture
def threads(forums, people):
    moderator = viewer(people.moderator)
    return {
        name: actions.do_create_thread(
            moderator, getattr(forums, name), title=f"{name} t", body="b"
        )
        for name in ("general", "youth", "cso")
    }


def client_for(people, persona):
    return signed_in_client(None if persona == "anonymous" else getattr(people, persona))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_and_posting_over_http(people, threads, persona):
    client = client_for(people, persona)
    for forum_name, (can_read, can_post) in EXPECTED[persona].items():
        thread = threads[forum_name]
        page = client.get(thread.get_absolute_url())
        forum_page = client.get(thread.forum.get_absolute_url())
        reply = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": f"by {persona}"})

        if can_read:
            assert page.status_code == forum_page.status_code == 200, forum_name
            assert thread.title in forum_page.content.decode()
        elif persona == "anonymous":
            assert page.status_code == 302
            assert page["Location"].startswith("/accounts/login/")
        else:
            assert page.status_code == forum_page.status_code == 404, forum_name
        if can_post:
            assert reply.status_code == 302, forum_name
        else:
            assert reply.status_code in (302, 400, 404), forum_name
            assert not thread.posts.filter(body=f"by {persona}").exists(), forum_name


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_forum_index_lists_only_forums_the_persona_may_read(people, threads, persona):
    page = client_for(people, persona).get("/forums/").content.decode()

    for forum_name, (can_read, _) in EXPECTED[persona].items():
        assert (threads[forum_name].forum.name in page) == can_read, forum_name


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_moderation_and_safeguarding_queues(people, persona):
    client = client_for(people, persona)
    may_moderate, may_safeguard = QUEUES.get(persona, (False, False))

    for url, allowed in (
        ("/forums/moderation/", may_moderate),
        ("/forums/safeguarding/", may_safeguard),
    ):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        elif persona == "anonymous":
            assert response.status_code == 302, url
        else:
            assert response.status_code == 404, url


@pytest.mark.django_db
def test_a_moderator_without_a_second_factor_in_this_session_has_no_moderator_rights(people):

    client = Client()
    client.force_login(people.moderator)

    # No queue, no flag: they are sent to set up (or use) their second factor instead.
    response = client.get("/forums/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/")
    assert b"flag" not in response.content


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("persona", PERSONAS)
async def test_websocket_connect_to_each_forum(people, threads, persona):
    headers = await sync_to_async(lambda: session_headers(client_for(people, persona)))()
    for forum_name, (can_read, _) in EXPECTED[persona].items():
        communicator = thread_socket(threads[forum_name].pk, headers)
        connected, code = await communicator.connect()

        assert connected == can_read, forum_name
        if not can_read:
            assert code == 4403
        await communicator.disconnect()
