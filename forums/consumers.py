"""
The live thread: `ws/forums/threads/<id>/`.

Permission is checked when the socket opens and again before every event is sent,
with the member's rights read afresh from the database, so a member removed from a
group (or suspended) stops receiving at once and the socket is closed.

Fan-out: the sockets of one process share one audience per thread (`ThreadAudience`):
one channel of the process joins the thread's group, and one pass per event reads the
event, the thread and the rights generation (which the database raises with every
change to anyone's rights), re-reads the rights of readers only when it moved, judges
readers with the same rights once and renders once per distinct view; a reader whose
rights changed, or who joined after the pass began, is checked alone. Why, with the
measurements: bench/README.md ("Forum fan-out: why one shared pass").

Each socket still gets its events in order: while it has slower work in hand (a
resume, a check alone, a close), what the audience has for it waits behind that work.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from forums import actions
from forums.access import can_open_thread, can_read_thread
from forums.events import (
    EVENT_RELATED,
    event_from_message,
    event_payload,
    events_after,
    events_since,
    generations,
    read_since,
    thread_group,
)
from forums.forms import MAX_ID
from forums.models import Post, Thread, ThreadEvent
from portal.actions import ActionRefused
from portal.consumers import CLOSE_NOT_FOUND, CheckedJsonConsumer
from portal.permissions import (
    ANONYMOUS,
    Viewer,
    rights_generation,
    rights_key,
    rights_of,
    viewer_for_scope,
)

# Private-use close codes: the websocket counterparts of HTTP 403 and 404.
CLOSE_FORBIDDEN = 4403
MAX_FRAME_BYTES = 32 * 1024
PRESENCE_TIMEOUT = 60 * 60


def is_event_or_post_id(value, *, allow_zero: bool = False) -> bool:
    """A JSON integer (not a boolean) in the range of a database id (a bigint)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return (0 if allow_zero else 1) <= value <= MAX_ID


def presence_key(thread_id: int) -> str:
    return f"forums:presence:{thread_id}"


def _change_presence(thread_id: int, delta: int) -> int:
    """
    Count open sockets on a thread in the shared cache (atomic incr/decr in Redis), so
    every worker reports the same number.
    """
    key = presence_key(thread_id)
    cache.add(key, 0, timeout=PRESENCE_TIMEOUT)
    try:
        count = cache.incr(key, delta)
    except ValueError:
        cache.set(key, max(delta, 0), timeout=PRESENCE_TIMEOUT)
        return max(delta, 0)
    if count < 0:
        cache.set(key, 0, timeout=PRESENCE_TIMEOUT)
        return 0
    cache.touch(key, PRESENCE_TIMEOUT)
    return count


# Shared fan-out ---------------------------------------------------------------------------

logger = logging.getLogger(__name__)

# What a reader's socket does with an event.
STALE = object()  # rights changed, or the reader is not in the pass: check alone
CLOSE = object()  # may no longer read the thread
# A socket that failed while being served is closed with this (clients reconnect and resume).
CLOSE_SERVER_ERROR = 1011
# The channel layer delivers at most once: an event published while Redis restarted never
# arrives. Each process compares the events it heard with the database this often, and has
# the readers of a thread that missed one resume from it.
CATCH_UP_EVERY_S = 5
# An event younger than this may still be on its way through the layer.
IN_FLIGHT_S = 3


@dataclass(eq=False)
class ThreadAudience:
    """
    The open sockets of one thread in one server process, and the channel through which
    the layer hands the process each of the thread's events once.
    """

    thread_id: int
    readers: dict[str, ThreadConsumer] = field(default_factory=dict)
    channel: str | None = None
    # Joining the thread's group; sockets wait for it before they are accepted.
    joining: asyncio.Future | None = None
    listener: asyncio.Task | None = None
    sender: asyncio.Task | None = None
    # Events and presence counts in the order the layer gave them, each with its pass.
    outbox: asyncio.Queue = field(default_factory=asyncio.Queue)
    # Every event up to the watermark reached the readers (or they resumed past it); those
    # heard since are kept until the catch-up sweep has compared them with the database.
    watermark: int = 0
    heard: set[int] = field(default_factory=set)

    async def join_group(self, layer) -> None:
        self.channel = await layer.new_channel(prefix="forums.audience.")
        await layer.group_add(thread_group(self.thread_id), self.channel)
        # Read once subscribed: anything later is either heard or found missing.
        self.watermark = await database_sync_to_async(_last_event_id)(self.thread_id)
        self.listener = asyncio.ensure_future(self._listen(layer))
        self.sender = asyncio.ensure_future(self._send())

    async def leave_group(self, layer) -> None:
        for task in (self.listener, self.sender):
            if task is not None:
                task.cancel()
        if self.channel is not None:
            await layer.group_discard(thread_group(self.thread_id), self.channel)

    async def _listen(self, layer) -> None:
        """Start each event's pass as soon as it arrives; the sender keeps them in order."""
        while True:
            try:
                message = await layer.receive(self.channel)
            except Exception:
                # A layer that lost its server (the core layer reconnects on the next call).
                logger.exception("Thread %s audience could not receive", self.thread_id)
                await asyncio.sleep(1)
                continue
            if message.get("type") == "thread.event":
                event_id = message["event_id"]
                self.heard.add(event_id)
                readers = [
                    (
                        consumer.channel_name,
                        consumer.viewer,
                        consumer.rights,
                        consumer.rights_class,
                        consumer.generation,
                    )
                    for consumer in self.readers.values()
                ]
                passing = asyncio.ensure_future(
                    run_fan_out(self.thread_id, event_id, readers, message)
                )
                self.outbox.put_nowait((event_id, passing))
            elif message.get("type") == "presence.update":
                text = json.dumps(
                    {"type": "presence", "reading": message["reading"], "at": message.get("at", 0)}
                )
                self.outbox.put_nowait((None, text))

    def catch_up(self, recorded: list[int]) -> None:
        """Compare the events recorded since the watermark with those heard; resume if short."""
        missed = [event_id for event_id in recorded if event_id not in self.heard]
        if missed:
            logger.warning(
                "Thread %s: %s events never came through the layer; readers resume",
                self.thread_id,
                len(missed),
            )
            for consumer in list(self.readers.values()):
                # In line with live events; an event sent twice replaces itself on the page.
                consumer.catch_up_from(min(missed) - 1)
        self.watermark = max(recorded)
        self.heard = {event_id for event_id in self.heard if event_id > self.watermark}

    async def _send(self) -> None:
        while True:
            event_id, work = await self.outbox.get()
            if event_id is None:
                for consumer in list(self.readers.values()):
                    await consumer.deliver(event_id, work)
                continue
            try:
                outcomes, generation, confirmed = await work
            except Exception:
                # Every reader is then checked alone, as a socket on its own would be.
                logger.exception("Thread %s event %s: shared pass failed", self.thread_id, event_id)
                outcomes, generation, confirmed = {}, None, {}
            for channel_name, rights in confirmed.items():
                # Rights read at `generation` equal those the socket holds: they are
                # current until the generation moves again (unless the socket was
                # checked alone meanwhile and holds newer ones).
                consumer = self.readers.get(channel_name)
                if consumer is not None and consumer.rights is rights:
                    consumer.generation = generation
            for channel_name, consumer in list(self.readers.items()):
                outcome = outcomes.get(channel_name, STALE)
                if outcome is not None:
                    await consumer.deliver(event_id, outcome)
            if self.outbox.empty():
                collect_between_events()


@dataclass
class EventFanOut:
    """The thread audiences of one event loop (one server process)."""

    audiences: dict[int, ThreadAudience] = field(default_factory=dict)
    # The presence broadcaster running, by thread, and the threads whose count changed
    # since it last read it.
    presence: dict[int, asyncio.Task] = field(default_factory=dict)
    presence_changed: set[int] = field(default_factory=set)
    # Finds events the layer lost (CATCH_UP_EVERY_S), while this process serves a thread.
    sweeper: asyncio.Task | None = None

    async def join(self, layer, consumer: ThreadConsumer) -> None:
        """Add the socket to its thread's audience, once this process hears the thread."""
        audience = self.audiences.get(consumer.thread_id)
        if audience is None:
            audience = self.audiences[consumer.thread_id] = ThreadAudience(consumer.thread_id)
            audience.joining = asyncio.ensure_future(audience.join_group(layer))
        audience.readers[consumer.channel_name] = consumer
        try:
            await asyncio.shield(audience.joining)
        except Exception:
            await self.leave(layer, consumer)
            raise
        if self.sweeper is None:
            self.sweeper = asyncio.ensure_future(self._sweep())

    async def _sweep(self) -> None:
        """Every CATCH_UP_EVERY_S: one query for all threads served here, then catch up."""
        try:
            while self.audiences:
                await asyncio.sleep(CATCH_UP_EVERY_S)
                audiences = {
                    thread_id: audience
                    for thread_id, audience in self.audiences.items()
                    if audience.joining is not None and audience.joining.done()
                }
                before = timezone.now() - timedelta(seconds=IN_FLIGHT_S)
                watermarks = {thread_id: a.watermark for thread_id, a in audiences.items()}
                try:
                    recorded = await database_sync_to_async(events_since)(watermarks, before)
                except Exception:
                    logger.exception("Live threads: the catch-up sweep could not read events")
                    continue
                for thread_id, event_ids in recorded.items():
                    audiences[thread_id].catch_up(event_ids)
        finally:
            self.sweeper = None

    async def leave(self, layer, consumer: ThreadConsumer) -> None:
        audience = self.audiences.get(consumer.thread_id)
        if audience is None:
            return
        audience.readers.pop(consumer.channel_name, None)
        if not audience.readers:
            # The next socket on the thread joins afresh.
            del self.audiences[consumer.thread_id]
            await audience.leave_group(layer)

    def drop(self, consumer: ThreadConsumer) -> None:
        """Out of the shared passes at once (the socket is closing; `leave` follows)."""
        audience = self.audiences.get(consumer.thread_id)
        if audience is not None:
            audience.readers.pop(consumer.channel_name, None)


_fan_outs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, EventFanOut] = (
    weakref.WeakKeyDictionary()
)


# A server process with an event sent and nothing else queued for its thread collects its
# young objects once this many have piled up, rather than the allocator doing it in the
# middle of the next event's delivery.
COLLECT_BETWEEN_EVENTS = 10_000


def collect_between_events() -> None:
    """
    Run now the young (or middle) collection that is coming anyway, if enough is waiting.
    Young collections at config/heap.py's thresholds took 7-25 ms in a server process with
    500 sockets open, and landed in the middle of a post's delivery (bench/README.md
    "Forum fan-out: the live generation"). Checked when an event has been handed to every
    socket of its thread and nothing else waits for the thread.
    """
    young, middle, _old = gc.get_count()
    if young >= COLLECT_BETWEEN_EVENTS:
        gc.collect(1 if middle + 1 >= gc.get_threshold()[1] else 0)


def fan_out_here() -> EventFanOut:
    loop = asyncio.get_running_loop()
    fan_out = _fan_outs.get(loop)
    if fan_out is None:
        fan_out = _fan_outs[loop] = EventFanOut()
    return fan_out


async def run_fan_out(
    thread_id: int, event_id: int, readers: list, message: dict | None = None
) -> tuple[dict[str, object], int | None, dict[str, tuple]]:
    """
    For each reader's channel: the text to send, None (nothing), CLOSE or STALE; the
    rights generation read; and the readers whose rights were re-read and found
    unchanged (channel: the rights they hold), current as of that generation.

    The rights are read on one worker thread while another loads the event and judges
    it; both only read, so neither queues on the one thread Channels gives the ORM
    behind whatever else this process writes (a post being created, a burst of
    connects). Each worker thread keeps its own database connection.
    """
    (generation, current), (by_class, own) = await asyncio.gather(
        read_rights(readers), judge_event(thread_id, event_id, readers, message)
    )
    outcomes, confirmed = {}, {}
    for channel_name, viewer, rights, reader_class, held_at in readers:
        if viewer.user is None or (generation is not None and held_at == generation):
            pass  # no rights, or none changed anywhere since this socket's were read
        elif current.get(viewer.user.pk) != rights:
            outcomes[channel_name] = STALE
            continue
        else:
            confirmed[channel_name] = rights
        if channel_name in own:
            outcomes[channel_name] = own[channel_name]
        else:
            outcomes[channel_name] = by_class[reader_class]
    return outcomes, generation, confirmed


def _read_rights(readers: list) -> tuple[int | None, dict[int, tuple]]:
    """
    The rights generation, then the rights of the readers whose socket read theirs at
    another generation (none, one query, while no one's rights change: re-reading
    1,000 readers' rights was 14-22 ms of every post).
    """
    generation = rights_generation()
    user_ids = [
        viewer.user.pk
        for _channel, viewer, _rights, _class, held_at in readers
        if viewer.user is not None and (generation is None or held_at != generation)
    ]
    return generation, (rights_of(user_ids) if user_ids else {})


def _judge_event(
    thread_id: int, event_id: int, readers: list, message: dict | None = None
) -> tuple[dict, dict]:
    """
    What each rights class is sent, and what the authors of the post and of the post it
    quotes are sent on each of their sockets: the rules read who someone is only to
    compare them with those authors (own posts, own pseudonym), so for everyone else,
    readers whose viewers hold the same rights get the same answer, worked out once.

    The event, its thread and their forum come with the message when its writer read
    them and nothing they were read with has changed since (forums.events); otherwise
    they are read here.
    """
    event = event_from_message(message, thread_id) if message is not None else None
    if event is not None:
        thread = event.thread
    else:
        thread, event = _read_event(thread_id, event_id)
    if event is not None:
        # One thread object (its forum's audience loaded once) for every check below.
        event.thread = thread
        if event.post is not None and event.post.thread_id == thread.pk:
            event.post.thread = thread
    # The post's author, and the author of the post it quotes (whose own pending or
    # held post, and own name, they alone see), are judged on their own.
    authors = set()
    if event is not None and event.post is not None:
        authors = {event.post.author_id}
        if event.post.quoted_post is not None:
            authors.add(event.post.quoted_post.author_id)
    renders, texts, by_class, own = {}, {}, {}, {}
    for channel_name, viewer, _rights, reader_class, _held_at in readers:
        if viewer.user is not None and viewer.user.pk in authors:
            own[channel_name] = _reader_outcome(viewer, thread, event, renders, texts)
        elif reader_class not in by_class:
            by_class[reader_class] = _reader_outcome(viewer, thread, event, renders, texts)
    return by_class, own


def _read_event(thread_id: int, event_id: int) -> tuple[Thread | None, ThreadEvent | None]:
    thread = (
        Thread.objects.select_related("forum")
        .prefetch_related("forum__allowed_groups")
        .filter(pk=thread_id)
        .first()
    )
    event = (
        ThreadEvent.objects.select_related("post__author", "post__quoted_post__author")
        .filter(pk=event_id)
        .first()
        if thread is not None
        else None
    )
    return thread, event


read_rights = database_sync_to_async(_read_rights, thread_sensitive=False)
judge_event = database_sync_to_async(_judge_event, thread_sensitive=False)


_rights_classes: dict[tuple, int] = {}


def rights_class(viewer: Viewer) -> int:
    """
    A number shared by the viewers that hold the same rights, whoever they are (worked
    out when a socket's viewer is built, not for every reader on every event).
    """
    return _rights_classes.setdefault(rights_key(viewer), len(_rights_classes))


def _reader_outcome(viewer: Viewer, thread, event, renders: dict, texts: dict) -> object:
    if thread is None or not can_read_thread(viewer, thread):
        return CLOSE
    if event is None:
        return None
    if event.post is not None and event.post.thread_id != thread.pk:
        return STALE
    payload = event_payload(viewer, event, renders)
    if payload is None:
        return None
    # Shared payloads are the same object: encode each once (the payload is kept
    # alongside, so its id cannot be reused by another during the pass).
    if id(payload) not in texts:
        texts[id(payload)] = (payload, json.dumps(payload))
    return texts[id(payload)][1]


PRESENCE_BATCH_S = 0.25


async def _send_presence(channel_layer, thread_id: int, fan_out: EventFanOut) -> None:
    """
    Send the thread's count until no change is left unsent. One broadcaster per thread and
    process, so its sends leave in order: two overlapping ones could arrive swapped under
    load, leaving readers on the older count. Each count carries the time it was read, so
    a page also ignores an older count from another server process.
    """
    try:
        while thread_id in fan_out.presence_changed:
            await asyncio.sleep(PRESENCE_BATCH_S)
            fan_out.presence_changed.discard(thread_id)
            read_at = time.time_ns() // 1_000_000
            count = await database_sync_to_async(cache.get)(presence_key(thread_id), 0)
            await channel_layer.group_send(
                thread_group(thread_id),
                {"type": "presence.update", "reading": max(count, 0), "at": read_at},
            )
    finally:
        # No await between the last look at presence_changed and here: a change made
        # after it finds no broadcaster and starts one.
        fan_out.presence.pop(thread_id, None)


def _last_event_id(thread_id: int) -> int:
    newest = ThreadEvent.objects.filter(thread_id=thread_id).order_by("-pk")
    return newest.values_list("pk", flat=True).first() or 0


# The consumer -----------------------------------------------------------------------------


class ThreadConsumer(CheckedJsonConsumer):
    max_frame_bytes = MAX_FRAME_BYTES
    thread_id: int | None = None
    # Counted as reading (in the presence count).
    joined = False
    # The viewer this socket was last checked with, the rights it was built from, its
    # rights class, and the rights generation they are known current at (None: none).
    viewer: Viewer = ANONYMOUS
    rights = None
    rights_class: int | None = None
    generation: int | None = None
    # Work for this socket that must keep its place in line (None: nothing in hand).
    _in_hand: deque | None = None
    _working: asyncio.Task | None = None

    async def connect(self):
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        viewer, thread, rights, generation = await self._load_with_rights(self.thread_id)
        if thread is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if not await database_sync_to_async(can_open_thread)(viewer, thread):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.hold(viewer, rights, generation)
        # Events from the moment the process hears the thread are held until the accept.
        self._in_hand = deque()
        await fan_out_here().join(self.channel_layer, self)
        await self.accept()
        if self._in_hand:
            self._working = asyncio.ensure_future(self._work_through())
        else:
            self._in_hand = None
        count = await database_sync_to_async(_change_presence)(self.thread_id, 1)
        self.joined = True
        await self._broadcast_presence(count)

    def hold(self, viewer: Viewer, rights, generation: int | None) -> None:
        self.viewer, self.rights, self.rights_class = viewer, rights, rights_class(viewer)
        self.generation = generation

    async def disconnect(self, code):
        if self._working is not None:
            self._working.cancel()
        if self.thread_id is not None:
            await fan_out_here().leave(self.channel_layer, self)
        if not self.joined:
            return
        self.joined = False
        count = await database_sync_to_async(_change_presence)(self.thread_id, -1)
        await self._broadcast_presence(count)

    async def _broadcast_presence(self, count: int) -> None:
        """
        Tell the thread's readers how many are reading, at most once per PRESENCE_BATCH_S
        per thread and process: one broadcast per connect would send N² messages when N
        readers (re)connect together, e.g. after a server restart (measured: 1,000
        sockets still flooding after a minute).
        """
        fan_out = fan_out_here()
        fan_out.presence_changed.add(self.thread_id)
        if self.thread_id in fan_out.presence:
            return
        fan_out.presence[self.thread_id] = asyncio.ensure_future(
            _send_presence(self.channel_layer, self.thread_id, fan_out)
        )

    # From the browser ---------------------------------------------------------------

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind == "resume":
            after = content.get("after", 0)
            if not is_event_or_post_id(after, allow_zero=True):
                await self._error(_("`after` must be the id of the last event received."))
                return
            # In line with live events, so none overtakes the replay.
            self._later(self._resume, after)
        elif kind == "post":
            await self._post(content)
        else:
            await self._error(_("Unknown message type."))

    def catch_up_from(self, after: int) -> None:
        """Send what happened after event `after` (events the layer never delivered)."""
        self._later(self._resume, after)

    async def _resume(self, after: int) -> None:
        viewer, thread = await self._load(self.thread_id)
        if thread is None or not await database_sync_to_async(can_read_thread)(viewer, thread):
            await self._close_forbidden()
            return
        for payload in await database_sync_to_async(events_after)(viewer, thread, after):
            await self.send_json(payload)

    async def _post(self, content: dict) -> None:
        body = content.get("body")
        quote = content.get("quote")
        if not isinstance(body, str):
            await self._error(_("A post needs a text `body`."))
            return
        if quote is not None and not is_event_or_post_id(quote):
            await self._error(_("`quote` must be the id of a post in this thread."))
            return
        try:
            # One trip to the ORM thread: the rights read afresh, then the write.
            written = await database_sync_to_async(self._create_post)(body, quote)
        except actions.RateLimited as refusal:
            await self._error(str(refusal), code="rate_limited")
        except ActionRefused as refusal:
            await self._error(str(refusal))
        else:
            if not written:
                await self.close(code=CLOSE_NOT_FOUND)

    def _create_post(self, body: str, quote: int | None) -> bool:
        """Post as this socket's member; False when the thread is gone."""
        # First, so that everything read below is at least as new: the event then carries
        # it to the server processes (forums.events.read_since).
        since = generations()
        viewer, thread = self._read(self.thread_id)
        if thread is None:
            return False
        # Once, for the post's access checks and for the event's judgement.
        prefetch_related_objects([thread.forum], "allowed_groups")
        quoted = None
        if quote is not None:
            quoted = Post.objects.select_related("author").filter(pk=quote, thread=thread).first()
            if quoted is None:
                raise ActionRefused(_("You can only quote a post of this thread that you can see."))
            quoted.thread = thread
        with read_since(since):
            actions.do_create_post(viewer, thread, body=body, quoted_post=quoted)
        return True

    # From the thread's audience ------------------------------------------------------

    async def deliver(self, event_id: int | None, outcome) -> None:
        """
        Hand over what the shared pass decided for this socket: a JSON text is sent as it
        is, straight away unless other work for this socket is in hand; a stale reader is
        checked alone, a forbidden one closed, both in line.
        """
        if outcome is STALE:
            self._later(self._thread_event_alone, event_id)
        elif outcome is CLOSE:
            self._later(self._close_forbidden)
        elif self._in_hand is not None:
            self._later(self._send_text, outcome)
        else:
            await self._send_text(outcome)

    async def _send_text(self, text: str) -> None:
        try:
            await self.base_send({"type": "websocket.send", "text": text})
        except Exception:
            # A socket that went away mid-fan-out must not hold up the other readers.
            logger.debug("Live event not sent to %s", self.channel_name, exc_info=True)
            fan_out_here().drop(self)

    def _later(self, work, *args) -> None:
        if self._in_hand is None:
            self._in_hand = deque([(work, args)])
            self._working = asyncio.ensure_future(self._work_through())
        else:
            self._in_hand.append((work, args))

    async def _work_through(self) -> None:
        try:
            while self._in_hand:
                work, args = self._in_hand.popleft()
                await work(*args)
        except Exception:
            logger.exception("Live thread socket %s failed", self.channel_name)
            fan_out_here().drop(self)
            with contextlib.suppress(Exception):
                await self.close(code=CLOSE_SERVER_ERROR)
        finally:
            self._in_hand = None
            self._working = None

    async def _thread_event_alone(self, event_id: int) -> None:
        viewer, thread, rights, generation = await self._load_with_rights(self.thread_id)
        self.hold(viewer, rights, generation)
        if thread is None or not await database_sync_to_async(can_read_thread)(viewer, thread):
            await self._close_forbidden()
            return
        payload = await database_sync_to_async(self._payload)(viewer, event_id)
        if payload is not None:
            await self.send_json(payload)

    async def _close_forbidden(self) -> None:
        # Out of the shared passes at once: a closed socket is owed nothing more.
        fan_out_here().drop(self)
        await self.close(code=CLOSE_FORBIDDEN)

    @staticmethod
    def _payload(viewer: Viewer, event_id: int) -> dict | None:
        event = ThreadEvent.objects.select_related(*EVENT_RELATED).filter(pk=event_id).first()
        return event_payload(viewer, event) if event is not None else None

    # ------------------------------------------------------------------------------

    def _read(self, thread_id: int) -> tuple[Viewer, Thread | None]:
        """The viewer with rights read now (not when the socket opened), and the thread."""
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            fresh = get_user_model().objects.filter(pk=user.pk).first()
            viewer = viewer_for_scope({**self.scope, "user": fresh}) if fresh else ANONYMOUS
        else:
            viewer = ANONYMOUS
        thread = Thread.objects.select_related("forum").filter(pk=thread_id).first()
        return viewer, thread

    def _read_with_rights(
        self, thread_id: int
    ) -> tuple[Viewer, Thread | None, tuple | None, int | None]:
        """
        As `_read`, plus the rights the viewer stands for and the rights generation.
        The generation is read first and the rights next, so the rights are at least as
        new as the generation, and can only be older than the viewer, never newer: a
        change between the reads then looks like a change, and the next event is
        checked alone.
        """
        user = self.scope.get("user")
        authenticated = user is not None and user.is_authenticated
        generation = rights_generation()
        rights = rights_of([user.pk]).get(user.pk) if authenticated else None
        viewer, thread = self._read(thread_id)
        return viewer, thread, rights, generation

    _load = database_sync_to_async(_read)
    _load_with_rights = database_sync_to_async(_read_with_rights)
