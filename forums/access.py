"""
Who may read, post and moderate in the forums.

Sight of a forum is `portal.permissions.can_view` on its Forum (AccessControlled),
plus one forum rule: moderators read every forum, since they moderate all of them
(`forum_moderators_see_all`; a candidate for portal.permissions). Everything else
builds on the portal's roles, never on a rule of its own about groups.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from forums.models import Forum, Post, PostingSuspension, Thread
from portal.permissions import (
    Viewer,
    can_handle_safeguarding,
    can_moderate,
    can_view,
    filter_viewable,
)


def _forums(viewer: Viewer) -> QuerySet[Forum]:
    if can_moderate(viewer):
        return Forum.objects.all()
    return filter_viewable(viewer, Forum.objects.all())


def viewable_forums(viewer: Viewer) -> QuerySet[Forum]:
    return _forums(viewer).prefetch_related("allowed_groups")


def viewable_threads(viewer: Viewer) -> QuerySet[Thread]:
    """Threads in forums `viewer` may see whose opening post they may see."""
    threads = Thread.objects.filter(forum__in=_forums(viewer))
    if can_moderate(viewer):
        return threads
    published = Q(posts__status=Post.Status.PUBLISHED)
    if viewer.user is not None:
        published |= Q(posts__author=viewer.user)
    return threads.filter(published).distinct()


def can_read_forum(viewer: Viewer, forum: Forum) -> bool:
    return can_moderate(viewer) or can_view(viewer, forum)


def can_read_thread(viewer: Viewer, thread: Thread) -> bool:
    return can_read_forum(viewer, thread.forum)


def is_barred_from_posting(user) -> bool:
    return PostingSuspension.objects.filter(member=user, lifted_at__isnull=True).exists()


def can_post_in_forum(viewer: Viewer, forum: Forum) -> bool:
    """Approved members who may see the forum post in it; a public forum is read-only to others."""
    if not (viewer.is_member or viewer.is_secretariat):
        return False
    return can_read_forum(viewer, forum) and not is_barred_from_posting(viewer.user)


def can_reply(viewer: Viewer, thread: Thread) -> bool:
    if thread.locked and not can_moderate(viewer):
        return False
    return can_post_in_forum(viewer, thread.forum)


def can_see_post(viewer: Viewer, post: Post) -> bool:
    """Published posts for readers; pending and hidden ones for their author and moderators."""
    if not can_read_thread(viewer, post.thread):
        return False
    if post.status == Post.Status.PUBLISHED or can_moderate(viewer):
        return True
    return viewer.user is not None and post.author_id == viewer.user.pk


def can_edit_post(viewer: Viewer, post: Post) -> bool:
    if post.is_deleted or viewer.user is None:
        return False
    own = post.author_id == viewer.user.pk and can_post_in_forum(viewer, post.thread.forum)
    return own or can_moderate(viewer)


def can_handle_case(viewer: Viewer) -> bool:
    return can_handle_safeguarding(viewer)
