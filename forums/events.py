"""
Live events of a thread: recorded in the database with the write, pushed to open
websockets only after the transaction commits, and rendered for each viewer when
sent (what a viewer sees depends on who they are).
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import hmac
import logging
import pickle  # nosec B403: only of what the portal's own processes sign (below)

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import DatabaseError, connection, transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

from forums.access import can_read_thread, can_see_deletion, can_see_post
from forums.models import Post, Thread, ThreadEvent
from forums.rendering import post_context
from portal.permissions import (
    Viewer,
    appears_by_pseudonym,
    can_handle_safeguarding,
    can_moderate,
)

# What a client is told a safeguarding hold and its lifting are: the same as moderation.
CLIENT_KIND = {
    ThreadEvent.Kind.POST_HELD: ThreadEvent.Kind.POST_HIDDEN,
    ThreadEvent.Kind.POST_RELEASED: ThreadEvent.Kind.POST_RESTORED,
}
logger = logging.getLogger(__name__)
# Related rows every payload reads, loaded with the event.
EVENT_RELATED = ("post__author", "post__quoted_post__author", "post__thread__forum", "thread")

# A reconnecting client gets at most this many missed events; beyond that it reloads the page.
MAX_RESUME_EVENTS = 500


def thread_group(thread_id: int) -> str:
    return f"forums.thread.{thread_id}"


# The rights and live generations read before the write that records an event, when its
# writer vouches that everything the event's judgement reads was read after them.
_read_since: contextvars.ContextVar[tuple[int, int] | None] = contextvars.ContextVar(
    "forums_read_since", default=None
)
SNAPSHOT_SALT = "forums.events.snapshot"
# Raised when what a snapshot holds changes shape: another release's snapshots are ignored.
SNAPSHOT_VERSION = 1


def generations() -> tuple[int, int] | None:
    """
    The rights generation (portal.permissions.rights_generation) and the live generation,
    a number the database raises, in the same transaction, with every change to what an
    event's judgement reads besides rights (triggers: forums/migrations/0005), in one
    query. None when either row is missing: it then vouches for nothing.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT value FROM portal_rights_generation WHERE id = 1), "
                "(SELECT value FROM forums_live_generation WHERE id = 1)"
            )
            rights, live = cursor.fetchone()
    except DatabaseError:
        # E.g. a release started before its migration: nothing travels, all is read.
        logger.warning("The rights and live generations could not be read", exc_info=True)
        return None
    return None if rights is None or live is None else (rights, live)


@contextlib.contextmanager
def read_since(since: tuple[int, int] | None):
    """
    Within this block, the thread, its forum, the viewer and the posts a new post's event
    is recorded with were read after `generations()` returned `since`: the event carries
    them to the server processes, which use them while both generations stay there.
    Only the first new post's event recorded in the block does (the one the block is for).
    """
    token = _read_since.set(since)
    try:
        yield
    finally:
        _read_since.reset(token)


def record_event(thread: Thread, kind: str, post: Post | None = None) -> ThreadEvent:
    event = ThreadEvent.objects.create(thread=thread, kind=kind, post=post)
    since = None
    if kind == ThreadEvent.Kind.POST_NEW and post is not None:
        since = _read_since.get()
        _read_since.set(None)

    def push():
        message = {"type": "thread.event", "event_id": event.pk}
        if since is not None:
            try:
                message["snapshot"] = _snapshot(event, since)
            except Exception:
                # The server processes then read the event themselves, as they can always.
                logger.exception("Event %s of thread %s sent without its data", event.pk, thread.pk)
        try:
            async_to_sync(get_channel_layer().group_send)(thread_group(thread.pk), message)
        except (RedisError, OSError) as error:
            # The event is stored: open threads pick it up when the layer is back
            # (forums.consumers, the catch-up sweep) and reconnecting pages resume from it.
            # The write it belongs to has committed and must not look failed.
            logger.warning(
                "Event %s of thread %s not pushed live (%s); readers will catch up.",
                event.pk,
                thread.pk,
                type(error).__name__,
            )

    transaction.on_commit(push)
    return event


def _without_secrets(member):
    """A copy of `member` without what no judgement reads and no message should carry."""
    if member is None:
        return None
    member = copy.copy(member)
    for name in ("password", "email", "last_login"):
        member.__dict__.pop(name, None)
    # Worked out here (one query) rather than in every server process.
    appears_by_pseudonym(member)
    return member


def _signature(data: bytes) -> bytes:
    return salted_hmac(SNAPSHOT_SALT, data, algorithm="sha256").digest()


def _snapshot(event: ThreadEvent, since: tuple[int, int]) -> bytes:
    """
    The event as its judgement reads it (the thread with its forum's audience, the post,
    the post it quotes, their authors) and the generations it was read at, pickled and
    signed together. Copies: the writer's own objects are left as they were.
    """
    thread = event.thread
    prefetch_related_objects([thread.forum], "allowed_groups")
    event = copy.copy(event)
    event.thread = thread
    if event.post is not None:
        post = event.post = copy.copy(event.post)
        post.thread = thread
        post.author = _without_secrets(post.author)
        if post.quoted_post is not None:
            quoted = post.quoted_post = copy.copy(post.quoted_post)
            quoted.author = _without_secrets(quoted.author)
    data = pickle.dumps(
        (SNAPSHOT_VERSION, tuple(since), event.pk, event.thread_id, event),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    return _signature(data) + data


def event_from_message(message: dict, thread_id: int) -> ThreadEvent | None:
    """
    The event a message carries, when nothing it was read with has changed since (both
    generations where the writer read them) and it is what the message names; else
    None, and the caller reads the event afresh.
    """
    snapshot = message.get("snapshot")
    if not isinstance(snapshot, bytes):
        return None
    signature, data = snapshot[:32], snapshot[32:]
    if not hmac.compare_digest(signature, _signature(data)):
        logger.warning("Thread %s: a live event with a bad signature was ignored", thread_id)
        return None
    try:
        version, since, event_id, event_thread_id, event = pickle.loads(data)  # noqa: S301  # nosec B301: signed by the portal, checked above
    except Exception:
        # E.g. written by a process of another release during a deployment.
        logger.warning("Thread %s: a live event's data could not be read", thread_id)
        return None
    if (
        version != SNAPSHOT_VERSION
        or (event_id, event_thread_id) != (message.get("event_id"), thread_id)
        or not isinstance(event, ThreadEvent)
        or (event.pk, event.thread_id) != (event_id, thread_id)
    ):
        return None
    if generations() != since:
        return None
    return event


def render_post(viewer: Viewer, post: Post, context: dict | None = None) -> str:
    return render_to_string(
        "forums/includes/post.html", context if context is not None else post_context(viewer, post)
    )


def _render_key(context: dict) -> tuple:
    quote = context["quote"]
    return (
        context["author_name"],
        context["status"],
        tuple(sorted(quote.items())) if quote else None,
        context["viewer_can_moderate"],
        context["can_edit"],
    )


def event_payload(viewer: Viewer, event: ThreadEvent, renders: dict | None = None) -> dict | None:
    """
    What `viewer` is told about `event`, or None when it is none of their business.

    `renders` (optional, one dict per event) shares one rendering between viewers who
    would see the same HTML: the template reads only `post_context`, so viewers with
    equal contexts share it.
    """
    base = {"event_id": event.pk}
    if event.kind in (ThreadEvent.Kind.THREAD_LOCKED, ThreadEvent.Kind.THREAD_UNLOCKED):
        return {**base, "type": event.kind}
    post = event.post
    if post is None:
        return None
    kind = CLIENT_KIND.get(event.kind, event.kind)
    if post.is_deleted:
        if not can_see_deletion(viewer, post):
            return None  # the id of a post they never saw is none of their business
        return {**base, "type": ThreadEvent.Kind.POST_DELETED, "post_id": post.pk}
    moderator_only = can_moderate(viewer) and not can_handle_safeguarding(viewer)
    if event.kind in CLIENT_KIND and moderator_only:
        # A moderator is told of a hidden post with its text and status, so a bare
        # "hidden" would tell them of a hold: they are told nothing of it, and its lifting
        # reaches them as an edit (the post as they saw it before).
        if event.kind == ThreadEvent.Kind.POST_HELD:
            return None
        kind = ThreadEvent.Kind.POST_EDITED
    if not can_see_post(viewer, post):
        # Readers who saw the post must be able to remove it; they learn nothing else.
        if kind == ThreadEvent.Kind.POST_HIDDEN:
            return {**base, "type": ThreadEvent.Kind.POST_HIDDEN, "post_id": post.pk}
        return None
    own = viewer.user is not None and post.author_id == viewer.user.pk
    if event.kind in CLIENT_KIND and own and not can_handle_safeguarding(viewer):
        # The author still sees a held post as before: nothing about a case reaches them.
        return None
    context = post_context(viewer, post)
    if renders is None:
        return _post_payload(base, kind, context, render_post(viewer, post, context))
    key = (kind, *_render_key(context))
    if key not in renders:
        renders[key] = _post_payload(base, kind, context, render_post(viewer, post, context))
    return renders[key]


def _post_payload(base: dict, kind: str, context: dict, html: str) -> dict:
    post_id = context["post"].pk
    return {**base, "type": kind, "post_id": post_id, "status": context["status"], "html": html}


def events_after(viewer: Viewer, thread: Thread, after: int) -> list[dict]:
    """Everything `viewer` may see that happened in `thread` after event `after`."""
    if not can_read_thread(viewer, thread):
        return []
    events = (
        ThreadEvent.objects.filter(thread=thread, pk__gt=after)
        .select_related(*EVENT_RELATED)
        .order_by("pk")[:MAX_RESUME_EVENTS]
    )
    return [payload for event in events if (payload := event_payload(viewer, event)) is not None]


def events_since(watermarks: dict[int, int], before) -> dict[int, list[int]]:
    """
    By thread: the ids of its events newer than its watermark and recorded before `before`
    (one query for all the threads a server process serves).
    """
    if not watermarks:
        return {}
    rows = ThreadEvent.objects.filter(
        thread_id__in=list(watermarks), pk__gt=min(watermarks.values()), created_at__lte=before
    ).values_list("thread_id", "pk")
    found: dict[int, list[int]] = {}
    for thread_id, pk in rows:
        if pk > watermarks[thread_id]:
            found.setdefault(thread_id, []).append(pk)
    return found


def last_event_id(thread: Thread) -> int:
    return thread.events.order_by("-pk").values_list("pk", flat=True).first() or 0
