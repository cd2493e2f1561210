"""Quotes refer to the quoted post and are rendered for each reader when shown."""

import pytest
from asgiref.sync import sync_to_async

from forums import actions
from forums.models import Post
from portal.actions import do_delete_account
from tests.forums.conftest import member_of, session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

UNAVAILABLE = "a post that is no longer available"


def _open_youth_forum(forums):
    forums.youth.premoderate_new_members = False
    forums.youth.save()


def test_a_moderators_quote_shows_every_reader_only_the_name_they_may_see(forums, people):
    _open_youth_forum(forums)
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="Posters")
    actions.do_create_post(
        viewer(people.moderator), thread, body="Good idea", quoted_post=thread.opening_post
    )

    friend = signed_in_client(people.youth_friend).get(thread.get_absolute_url()).content.decode()
    moderator = signed_in_client(people.moderator).get(thread.get_absolute_url()).content.decode()

    assert "Linh Nguyen" not in friend
    assert friend.count("Posters") == 2  # the post and the quote of it
    assert "MekongDreamer (Linh Nguyen)" in moderator
    reply = thread.posts.last()
    assert "Linh" not in reply.body
    assert "Linh" not in reply.body_html


def test_a_quote_follows_the_author_deleting_their_account(forums, people):
    _open_youth_forum(forums)
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="Posters")
    actions.do_create_post(
        viewer(people.youth_friend), thread, body="Yes", quoted_post=thread.opening_post
    )

    do_delete_account(people.youth)

    page = signed_in_client(people.moderator).get(thread.get_absolute_url()).content.decode()
    assert "MekongDreamer" not in page
    assert "Former member" in page


def test_a_quote_of_a_post_deleted_later_no_longer_shows_its_text(forums, people, groups):
    thread = actions.do_create_thread(
        viewer(people.cso), forums.cso, title="T", body="Draft figure"
    )
    actions.do_create_post(
        viewer(people.moderator), thread, body="Noted", quoted_post=thread.opening_post
    )

    actions.do_delete_post(viewer(people.cso), thread.opening_post)

    page = signed_in_client(people.cso).get(thread.get_absolute_url()).content.decode()
    assert "Draft figure" not in page
    assert UNAVAILABLE in page


def test_an_author_quoting_their_hidden_post_does_not_bring_it_back(forums, people, groups):
    colleague = member_of(groups.cso, display_name="Second CSO")
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    hidden = actions.do_create_post(viewer(people.cso), thread, body="Rude remark")
    actions.do_hide_post(viewer(people.moderator), hidden, reason="Abusive")

    response = signed_in_client(people.cso).post(
        f"/forums/threads/{thread.pk}/reply/", {"body": "As I said", "quote": hidden.pk}
    )

    assert response.status_code == 302
    page = signed_in_client(colleague).get(thread.get_absolute_url()).content.decode()
    assert "As I said" in page
    assert "Rude remark" not in page
    assert UNAVAILABLE in page


def test_quoting_a_deleted_post_is_refused(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    gone = actions.do_create_post(viewer(people.cso), thread, body="Withdrawn figure")
    actions.do_delete_post(viewer(people.cso), gone)

    response = signed_in_client(people.moderator).post(
        f"/forums/threads/{thread.pk}/reply/", {"body": "Quoting", "quote": gone.pk}
    )

    assert response.status_code == 400
    assert not Post.objects.filter(body__contains="Withdrawn figure").exclude(pk=gone.pk).exists()


@pytest.mark.django_db(transaction=True)
async def test_a_live_quote_is_rendered_for_each_reader(forums, people):
    await sync_to_async(_open_youth_forum)(forums)
    thread = await sync_to_async(
        lambda: actions.do_create_thread(
            viewer(people.youth), forums.youth, title="T", body="Posters"
        )
    )()
    headers = await sync_to_async(lambda: session_headers(signed_in_client(people.youth_friend)))()
    communicator = thread_socket(thread.pk, headers)
    assert (await communicator.connect())[0]

    await sync_to_async(
        lambda: actions.do_create_post(
            viewer(people.moderator), thread, body="Good idea", quoted_post=thread.opening_post
        )
    )()
    message = await next_message(communicator)

    assert "Posters" in message["html"]
    assert "MekongDreamer" in message["html"]
    assert "Linh" not in message["html"]
    await communicator.disconnect()
