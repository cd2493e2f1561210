"""
A published post is announced to its thread's watchers, judged together by their rights
(forums.actions._watchers_told), and each watcher's own unseen posts judged alone.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import Post, Watch
from portal.models import Notification
from portal.notifications import told_about
from tests.forums.conftest import member_of, viewer


@pytest.mark.parametrize("author_watches_first", [True, False])
def test_a_thread_listed_only_to_its_author_is_announced_only_to_them(
    forums, groups, author_watches_first
):
    """
    The opening post is hidden: the thread (and its title, which the notification names)
    is listed to its author, not to another member with the same rights, whichever of
    them the rights are judged with first.
    """
    author, other = member_of(groups.cso), member_of(groups.cso)
    thread = actions.do_create_thread(viewer(author), forums.cso, title="Quiet", body="Opening")
    Watch.objects.filter(thread=thread).delete()
    for member in (author, other) if author_watches_first else (other, author):
        Watch.objects.create(user=member, thread=thread)
    Post.objects.filter(thread=thread).update(status=Post.Status.HIDDEN)
    reply = Post.objects.create(
        thread=thread, author=member_of(groups.cso), body="Reply", body_html="<p>Reply</p>"
    )

    actions.do_announce_published(reply.pk)

    assert Notification.objects.filter(user=author, kind="forums.reply").count() == 1
    assert not Notification.objects.filter(user=other).exists()


def test_watchers_who_may_read_are_each_told_once(forums, groups, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    watchers = [member_of(groups.cso) for _ in range(4)]
    for member in watchers:
        actions.do_watch_thread(viewer(member), thread)
    outsider = member_of(groups.youth)
    Watch.objects.create(user=outsider, thread=thread)  # from before the forum was closed
    reply = Post.objects.create(thread=thread, author=people.cso, body="R", body_html="<p>R</p>")

    actions.do_announce_published(reply.pk)
    actions.do_announce_published(reply.pk)  # a task run again tells nobody twice

    for member in watchers:
        assert Notification.objects.filter(user=member, kind="forums.reply").count() == 1
    assert not Notification.objects.filter(user=outsider).exists()
    assert not Notification.objects.filter(user=people.cso).exists()  # the author


def _announce_queries(forums, groups, people, watchers: int) -> int:
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    for _ in range(watchers):
        actions.do_watch_thread(viewer(member_of(groups.cso)), thread)
    reply = Post.objects.create(thread=thread, author=people.cso, body="R", body_html="<p>R</p>")
    with CaptureQueriesContext(connection) as queries:
        actions.do_announce_published(reply.pk)
    assert Notification.objects.filter(kind="forums.reply", about_id=str(reply.pk)).count() == (
        watchers
    )
    return len(queries)


def test_announcing_does_not_cost_queries_per_watcher(forums, groups, people):
    _announce_queries(forums, groups, people, 1)  # the first pays for cached look-ups
    assert _announce_queries(forums, groups, people, 12) == _announce_queries(
        forums, groups, people, 3
    )


@pytest.mark.postgres
def test_who_was_already_told_is_found_without_reading_every_notification(forums, people):
    """
    An announcement first asks who was already told about the post. Without an index on
    what notifications are about, PostgreSQL read the whole table for it: 30-80 ms at
    130,000 notifications, in every announcement, beside every live delivery.
    """
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    post = thread.posts.get()
    about_type = ContentType.objects.get_for_model(Post)
    Notification.objects.bulk_create(
        Notification(
            user=people.cso,
            kind="forums.reply",
            title="New reply",
            about_type=about_type,
            about_id=str(post.pk + number),
        )
        for number in range(1, 20_001)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_notification")

    plan = told_about(post, actions.ANNOUNCEMENT_KINDS).explain()

    assert "notification_about" in plan, plan
