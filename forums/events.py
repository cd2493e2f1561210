"""
Live events of a thread: recorded in the database with the write, pushed to open
websockets only after the transaction commits, and rendered for each viewer when
sent (what a viewer sees depends on who they are).
"""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

from forums.access import can_edit_post, can_read_thread, can_see_post
from forums.models import Post, Thread, ThreadEvent
from forums.rendering import author_name
from portal.permissions import Viewer, can_moderate

# A reconnecting client gets at most this many missed events; beyond that it reloads the page.
MAX_RESUME_EVENTS = 500


def thread_group(thread_id: int) -> str:
    return f"forums.thread.{thread_id}"


def record_event(thread: Thread, kind: str, post: Post | None = None) -> ThreadEvent:
    event = ThreadEvent.objects.create(thread=thread, kind=kind, post=post)

    def push():
        async_to_sync(get_channel_layer().group_send)(
            thread_group(thread.pk), {"type": "thread.event", "event_id": event.pk}
        )

    transaction.on_commit(push)
    return event


def render_post(viewer: Viewer, post: Post) -> str:
    return render_to_string(
        "forums/includes/post.html",
        {
            "post": post,
            "author_name": author_name(viewer, post.author, post.thread.forum),
            "viewer_can_moderate": can_moderate(viewer),
            "can_edit": can_edit_post(viewer, post),
        },
    )


def event_payload(viewer: Viewer, event: ThreadEvent, renders: dict | None = None) -> dict | None:
    """
    What `viewer` is told about `event`, or None when it is none of their business.

    `renders` (optional, one dict per event) shares one rendering between viewers who
    would see the same HTML: the template depends on the viewer only through the
    author's name as they see it, whether they moderate and whether they may edit.
    """
    base = {"event_id": event.pk}
    if event.kind in (ThreadEvent.Kind.THREAD_LOCKED, ThreadEvent.Kind.THREAD_UNLOCKED):
        return {**base, "type": event.kind}
    post = event.post
    if post is None:
        return None
    if post.is_deleted:
        return {**base, "type": ThreadEvent.Kind.POST_DELETED, "post_id": post.pk}
    if not can_see_post(viewer, post):
        # Readers who saw the post must be able to remove it; they learn nothing else.
        if event.kind == ThreadEvent.Kind.POST_HIDDEN:
            return {**base, "type": ThreadEvent.Kind.POST_HIDDEN, "post_id": post.pk}
        return None
    if renders is None:
        return _post_payload(base, event, post, render_post(viewer, post))
    key = (
        author_name(viewer, post.author, post.thread.forum),
        can_moderate(viewer),
        can_edit_post(viewer, post),
    )
    if key not in renders:
        renders[key] = _post_payload(base, event, post, render_post(viewer, post))
    return renders[key]


def _post_payload(base: dict, event: ThreadEvent, post: Post, html: str) -> dict:
    return {**base, "type": event.kind, "post_id": post.pk, "status": post.status, "html": html}


def events_after(viewer: Viewer, thread: Thread, after: int) -> list[dict]:
    """Everything `viewer` may see that happened in `thread` after event `after`."""
    if not can_read_thread(viewer, thread):
        return []
    events = (
        ThreadEvent.objects.filter(thread=thread, pk__gt=after)
        .select_related("post__author", "post__thread__forum", "thread")
        .order_by("pk")[:MAX_RESUME_EVENTS]
    )
    return [payload for event in events if (payload := event_payload(viewer, event)) is not None]


def last_event_id(thread: Thread) -> int:
    return thread.events.order_by("-pk").values_list("pk", flat=True).first() or 0
