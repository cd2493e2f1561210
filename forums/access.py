"""
Who may read, post and moderate in the forums.

Sight of a forum is `portal.permissions.can_view` on its Forum (AccessControlled),
plus one forum rule: moderators read every forum, since they moderate all of them
(`forum_moderators_see_all`; a candidate for portal.permissions). Everything else
builds on the portal's roles, never on a rule of its own about groups.
"""

from __future__ import annotations

import copy

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from forums.models import Flag, Forum, ModerationVerb, Post, PostingSuspension, Thread
from portal.models import AuditEvent
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
    """
    The threads listed to `viewer` (forum page, home page, watched threads, the thread
    page and its socket), by the one post rule (`_visible_posts`):

    - a thread is listed when its opening post is visible to the viewer: the title
      belongs to the opening post, and is often the subject of what it says, so a
      thread whose opening post is held, pending or hidden shows its title only to
      those who may see that post;
    - a thread whose opening post was deleted (a published one, shown as a placeholder)
      stays listed while another of its posts is visible to the viewer, so a
      discussion is not lost with its first post; once none is, it goes.
    """
    visible = _visible_posts(viewer)
    opening = Subquery(
        Post.objects.filter(thread=OuterRef("pk")).order_by("created_at", "pk").values("pk")[:1]
    )
    opening_posts = Post.objects.filter(pk=OuterRef("opening_post_pk"))
    opening_visible = Exists(opening_posts.filter(visible))
    opening_placeholder = Exists(
        opening_posts.filter(deleted_at__isnull=False, status=Post.Status.PUBLISHED)
    )
    any_visible = Exists(Post.objects.filter(thread=OuterRef("pk")).filter(visible))
    return (
        Thread.objects.filter(forum__in=_forums(viewer))
        .annotate(opening_post_pk=opening)
        .filter(opening_visible | (opening_placeholder & any_visible))
    )


def can_open_thread(viewer: Viewer, thread: Thread) -> bool:
    """May `viewer` open this thread's page or socket: is it listed to them?"""
    return (
        can_read_thread(viewer, thread) and viewable_threads(viewer).filter(pk=thread.pk).exists()
    )


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


def _is_author(viewer: Viewer, post: Post) -> bool:
    return viewer.user is not None and post.author_id == viewer.user.pk


def can_see_post(viewer: Viewer, post: Post) -> bool:
    """
    May `viewer` read this post's text? The one rule for every path that shows a post:
    thread page, flag form, edit form, quotes, live events, resume, notifications.

    - deleted: nobody (the thread shows a placeholder where it was published);
    - published: everyone who may read the thread;
    - pending or hidden by a moderator: its author and the moderators;
    - held for safeguarding: its author (who must not be alerted, so sees it as before)
      and the safeguarding leads; not the moderators, who must not learn of the case.
    """
    if post.is_deleted or not can_read_thread(viewer, post.thread):
        return False
    if post.status == Post.Status.PUBLISHED:
        return True
    if post.status == Post.Status.HELD:
        return _is_author(viewer, post) or can_handle_safeguarding(viewer)
    return _is_author(viewer, post) or can_moderate(viewer)


def can_see_deletion(viewer: Viewer, post: Post) -> bool:
    """
    May `viewer` be told that this deleted post was deleted? Those who could see it
    before, and every reader of the thread for a published post (which leaves a
    placeholder); nobody else, who would learn of a post they never saw (and, for a
    moderator, of a safeguarding hold).
    """
    if not can_read_thread(viewer, post.thread):
        return False
    if post.status == Post.Status.PUBLISHED:
        return True
    before = copy.copy(post)
    before.deleted_at = None
    return can_see_post(viewer, before)


def _visible_posts(viewer: Viewer) -> Q:
    """`can_see_post` for the posts of a thread the viewer may read, as a query."""
    visible = Q(status=Post.Status.PUBLISHED)
    others = [Post.Status.PENDING, Post.Status.HIDDEN] if can_moderate(viewer) else []
    if can_handle_safeguarding(viewer):
        others.append(Post.Status.HELD)
    if others:
        visible |= Q(status__in=others)
    if viewer.user is not None:
        visible |= Q(author=viewer.user)
    return visible & Q(deleted_at__isnull=True)


def thread_posts(viewer: Viewer, thread: Thread) -> QuerySet[Post]:
    """
    The posts listed on a thread's page for `viewer`: those they may read, and a
    placeholder (no text) where a published post was deleted, so replies keep their place.
    """
    if not can_read_thread(viewer, thread):
        return Post.objects.none()
    placeholders = Q(deleted_at__isnull=False, status=Post.Status.PUBLISHED)
    return thread.posts.filter(_visible_posts(viewer) | placeholders)


def post_status_shown(viewer: Viewer, post: Post) -> str:
    """The status `viewer` is shown: only the safeguarding leads know of a hold."""
    if post.status == Post.Status.HELD and not can_handle_safeguarding(viewer):
        return Post.Status.PUBLISHED
    return post.status


def can_edit_post(viewer: Viewer, post: Post) -> bool:
    """Authors edit their own posts, moderators any post they may see (never a deleted one)."""
    if viewer.user is None or not can_see_post(viewer, post):
        return False
    own = _is_author(viewer, post) and can_post_in_forum(viewer, post.thread.forum)
    return own or can_moderate(viewer)


def can_handle_case(viewer: Viewer) -> bool:
    return can_handle_safeguarding(viewer)


def moderation_log(viewer: Viewer, limit: int = 30) -> QuerySet[AuditEvent]:
    """The latest moderation events (the moderators' log), for moderators only."""
    if not can_moderate(viewer):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(verb__in=ModerationVerb.values).select_related(
        "actor", "subject"
    )[:limit]


def open_flags_for(viewer: Viewer) -> list[Flag]:
    """
    The open (non-safeguarding) flags a moderator may see: on posts of threads listed to
    them and visible to them (a post held for safeguarding is the leads' alone, flags on
    it included). The moderation queue and the staff home count the same flags.
    """
    flags = list(
        Flag.objects.filter(resolved_at__isnull=True)
        .exclude(reason=Flag.Reason.SAFEGUARDING)
        .select_related("post__thread__forum", "post__author", "flagged_by")
    )
    thread_ids = {flag.post.thread_id for flag in flags}
    listed = set(viewable_threads(viewer).filter(pk__in=thread_ids).values_list("pk", flat=True))
    return [
        flag for flag in flags if flag.post.thread_id in listed and can_see_post(viewer, flag.post)
    ]
