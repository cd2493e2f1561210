"""Starting threads and replying: pre-moderation, pseudonyms, quotes, edits, locks, limits."""

import pytest
from django.test import override_settings

from forums import actions
from forums.models import Post, PostRevision
from portal.actions import ActionRefused
from tests.forums.conftest import signed_in_client, viewer


def test_a_new_youth_forum_member_waits_for_approval_and_others_do_not_see_the_post(forums, people):
    thread = actions.do_create_thread(
        viewer(people.youth), forums.youth, title="Campaign ideas", body="Posters in schools"
    )
    post = thread.opening_post
    assert post.status == Post.Status.PENDING

    friend_page = signed_in_client(people.youth_friend).get(thread.get_absolute_url())
    own_page = signed_in_client(people.youth).get(thread.get_absolute_url())
    assert friend_page.status_code == 404
    assert "Posters in schools" in own_page.content.decode()
    assert "Awaiting approval" in own_page.content.decode()

    actions.do_approve_post(viewer(people.moderator), post)

    friend_page = signed_in_client(people.youth_friend).get(thread.get_absolute_url())
    assert "Posters in schools" in friend_page.content.decode()


def test_members_are_trusted_after_two_approved_posts(forums, people):
    moderator = viewer(people.moderator)
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="one")
    actions.do_approve_post(moderator, thread.opening_post)
    second = actions.do_create_post(viewer(people.youth), thread, body="two")
    actions.do_approve_post(moderator, second)

    third = actions.do_create_post(viewer(people.youth), thread, body="three")

    assert third.status == Post.Status.PUBLISHED


def test_the_cso_forum_does_not_premoderate(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="SPA IV", body="Input")

    assert thread.opening_post.status == Post.Status.PUBLISHED


def test_youth_forum_shows_pseudonyms_to_members_and_real_names_to_moderators(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="Hi", body="Hello")

    friend_page = signed_in_client(people.youth_friend).get(thread.get_absolute_url())
    moderator_page = signed_in_client(people.moderator).get(thread.get_absolute_url())

    assert "MekongDreamer" in friend_page.content.decode()
    assert "Linh Nguyen" not in friend_page.content.decode()
    assert "MekongDreamer (Linh Nguyen)" in moderator_page.content.decode()


def test_a_member_without_pseudonym_appears_as_member_and_a_deleted_account_as_former_member(
    forums, people
):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    people.youth_friend.pseudonym = ""
    people.youth_friend.save()
    thread = actions.do_create_thread(
        viewer(people.youth_friend), forums.youth, title="T", body="b"
    )
    actions.do_create_post(viewer(people.youth), thread, body="reply")
    people.youth.is_active = False
    people.youth.save()

    page = signed_in_client(people.moderator).get(thread.get_absolute_url()).content.decode()
    friend_view = signed_in_client(people.cso)  # not in the youth forum
    assert "Former member" in page
    assert friend_view.get(thread.get_absolute_url()).status_code == 404
    own = signed_in_client(people.youth_friend).get(thread.get_absolute_url()).content.decode()
    assert "Member (Dara Sok)" in own


def test_replying_by_plain_form_and_quoting(forums, people):
    thread = actions.do_create_thread(
        viewer(people.cso), forums.cso, title="T", body="Original point"
    )
    client = signed_in_client(people.cso)

    response = client.post(
        f"/forums/threads/{thread.pk}/reply/",
        {"body": "I agree", "quote": thread.opening_post.pk},
    )

    assert response.status_code == 302
    reply = thread.posts.last()
    assert reply.quoted_post == thread.opening_post
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count("Original point") == 2  # the post, and the quote of it in the reply


def test_an_empty_or_oversized_reply_re_renders_the_form_with_a_message(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="b")
    client = signed_in_client(people.cso)

    empty = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": ""})
    huge = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": "x" * 20_001})

    assert empty.status_code == 400
    assert huge.status_code == 400
    assert thread.posts.count() == 1


def test_editing_keeps_the_history_and_deleting_leaves_a_placeholder(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="first text")
    post = thread.opening_post
    client = signed_in_client(people.cso)

    client.post(f"/forums/posts/{post.pk}/edit/", {"body": "second text"})
    post.refresh_from_db()
    assert post.body == "second text"
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "first text"
    ]

    # A reply keeps the thread (a thread with no visible post is listed to nobody).
    actions.do_create_post(viewer(people.cso), thread, body="a reply")
    client.post(f"/forums/posts/{post.pk}/delete/")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "This post was deleted." in page
    assert "second text" not in page


def test_nobody_else_edits_a_post(forums, people, groups):
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="T", body="mine")

    response = signed_in_client(people.youth).post(
        f"/forums/posts/{thread.opening_post.pk}/edit/", {"body": "yours now"}
    )

    assert response.status_code == 404
    thread.opening_post.refresh_from_db()
    assert thread.opening_post.body == "mine"


def test_posting_to_a_locked_thread_is_refused_with_a_message(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="b")
    actions.do_set_thread_locked(viewer(people.moderator), thread, locked=True, reason="Done")

    with pytest.raises(ActionRefused, match="locked"):
        actions.do_create_post(viewer(people.cso), thread, body="more")
    response = signed_in_client(people.cso).post(
        f"/forums/threads/{thread.pk}/reply/", {"body": "more"}
    )
    assert response.status_code == 400
    assert "locked" in response.content.decode()


@override_settings(FORUMS_POSTS_PER_MINUTE=3)
def test_a_flood_of_posts_meets_the_rate_limit_with_a_429_page(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="b")
    client = signed_in_client(people.cso)

    statuses = [
        client.post(f"/forums/threads/{thread.pk}/reply/", {"body": f"reply {n}"}).status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]
    last = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": "keep this text"})
    assert last.status_code == 429
    assert "at most 3 posts a minute" in last.content.decode()
    assert "keep this text" in last.content.decode()
    assert thread.posts.count() == 3
