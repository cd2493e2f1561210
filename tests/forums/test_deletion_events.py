"""A deletion is told only to those who could see the post (or its placeholder)."""

import pytest

from forums import actions
from forums.events import events_after, last_event_id
from forums.models import Post
from tests.forums.conftest import viewer


@pytest.fixture
def open_youth_forum(forums):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    return forums.youth


def _deletions(user, thread, after) -> list[int]:
    return [
        event["post_id"]
        for event in events_after(viewer(user), thread, after)
        if event["type"] == "post.deleted"
    ]


def test_the_deletion_of_a_pending_post_reaches_only_its_author_and_the_moderators(forums, people):
    thread = actions.do_create_thread(
        viewer(people.moderator), forums.youth, title="T", body="Opening"
    )
    pending = actions.do_create_post(viewer(people.youth), thread, body="First words")
    assert pending.status == Post.Status.PENDING
    before = last_event_id(thread)

    actions.do_delete_post(viewer(people.youth), pending)

    assert _deletions(people.youth_friend, thread, before) == []
    assert _deletions(people.youth, thread, before) == [pending.pk]
    assert _deletions(people.moderator, thread, before) == [pending.pk]


def test_the_deletion_of_a_held_post_is_not_told_to_moderators(open_youth_forum, people):
    thread = actions.do_create_thread(
        viewer(people.youth_friend), open_youth_forum, title="T", body="x"
    )
    post = actions.do_create_post(viewer(people.youth), thread, body="help me")
    flag = actions.do_flag_post(viewer(people.youth_friend), post, reason="safeguarding")
    actions.do_hide_post_for_safeguarding(
        viewer(people.safeguarding), flag.safeguarding_case, reason="Possible disclosure"
    )
    post.refresh_from_db()
    assert post.status == Post.Status.HELD
    before = last_event_id(thread)

    actions.do_delete_post(viewer(people.youth), post)

    assert _deletions(people.moderator, thread, before) == []
    assert _deletions(people.youth_friend, thread, before) == []
    assert _deletions(people.youth, thread, before) == [post.pk]


def test_the_deletion_of_a_published_post_reaches_every_reader(open_youth_forum, people):
    thread = actions.do_create_thread(
        viewer(people.youth_friend), open_youth_forum, title="T", body="x"
    )
    post = actions.do_create_post(viewer(people.youth), thread, body="Regretted")
    before = last_event_id(thread)

    actions.do_delete_post(viewer(people.youth), post)

    assert _deletions(people.youth_friend, thread, before) == [post.pk]
