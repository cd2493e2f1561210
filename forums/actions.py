"""
Every write in the forums goes through here.

Each function checks that the viewer may do it, writes, records the audit entry
(`portal.audit.record`, or a safeguarding case entry), queues notifications, and records
the thread event that open websockets receive once the transaction commits.
A refused action raises `ActionRefused` with a message for the person who tried.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.access import (
    can_edit_post,
    can_handle_case,
    can_open_thread,
    can_post_in_forum,
    can_read_thread,
    can_reply,
    can_see_post,
)
from forums.events import record_event
from forums.models import (
    Flag,
    Forum,
    ModerationVerb,
    Post,
    PostingSuspension,
    PostRevision,
    SafeguardingCase,
    SafeguardingCaseEntry,
    Thread,
    ThreadEvent,
    Watch,
)
from forums.rate_limits import posts_per_minute, take_posting_slot
from forums.rendering import mention_handle, mentioned_handles, render_markdown
from forums.signals import post_published
from portal.actions import ActionRefused, do_suspend_user
from portal.audit import record
from portal.models import Membership, Role
from portal.notifications import notify, notify_each, notify_staff, told_about
from portal.permissions import (
    Viewer,
    allowed_by_rights,
    can_moderate,
    viewers_for_background,
)

logger = logging.getLogger(__name__)

MAX_POST_LENGTH = 20_000
MAX_MENTIONS = 10
# A member's posts in a pre-moderated forum wait for approval until this many were approved.
TRUSTED_AFTER_APPROVED_POSTS = 2


class RateLimited(ActionRefused):
    """Too many posts too quickly (HTTP 429, a websocket error frame)."""


# Reading helpers used by the writes ---------------------------------------------------


def needs_premoderation(viewer: Viewer, forum: Forum) -> bool:
    if not forum.premoderate_new_members or can_moderate(viewer) or viewer.is_secretariat:
        return False
    approved = Post.objects.filter(
        author=viewer.user, thread__forum=forum, status=Post.Status.PUBLISHED
    ).count()
    return approved < TRUSTED_AFTER_APPROVED_POSTS


def _refuse_nul(text: str) -> None:
    # PostgreSQL cannot store a NUL character in text; no reader could see one anyway.
    if "\x00" in text:
        raise ActionRefused(_("The text contains a character that cannot be stored (NUL)."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    _refuse_nul(body)
    if not body:
        raise ActionRefused(_("Write something before posting."))
    if len(body) > MAX_POST_LENGTH:
        raise ActionRefused(
            _("A post is at most %(max)d characters; this one has %(length)d.")
            % {"max": MAX_POST_LENGTH, "length": len(body)}
        )
    return body


def _check_rate(viewer: Viewer) -> None:
    if can_moderate(viewer):
        return
    if not take_posting_slot(viewer.user):
        raise RateLimited(
            _(
                "You are posting too quickly: at most %(count)d posts a minute. "
                "Wait a minute and try again; your text has been kept."
            )
            % {"count": posts_per_minute()}
        )


# Threads and posts ----------------------------------------------------------------------


@transaction.atomic
def do_create_thread(
    viewer: Viewer,
    forum: Forum,
    *,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    related_page=None,
) -> Thread:
    if not can_post_in_forum(viewer, forum):
        raise ActionRefused(_("You cannot start a thread in this forum."))
    title = " ".join((title or "").split())
    _refuse_nul(title)
    if not title:
        raise ActionRefused(_("Give the thread a title."))
    if len(title) > 200:
        raise ActionRefused(_("A title is at most 200 characters."))
    body = _clean_body(body)
    _check_rate(viewer)
    thread = Thread.objects.create(
        forum=forum, title=title, author=viewer.user, related_page=related_page
    )
    if tags:
        thread.tags.add(*[tag.strip()[:100] for tag in tags if tag.strip()])
    _write_post(viewer, thread, body, quoted_post=None)
    _watch(viewer.user, thread)
    return thread


@transaction.atomic
def do_create_post(
    viewer: Viewer, thread: Thread, *, body: str, quoted_post: Post | None = None
) -> Post:
    if not can_read_thread(viewer, thread):
        raise ActionRefused(_("You cannot post in this thread."))
    if thread.locked and not can_moderate(viewer):
        raise ActionRefused(_("This thread is locked: nobody can reply to it any more."))
    if not can_reply(viewer, thread):
        raise ActionRefused(_("You cannot post in this thread."))
    body = _clean_body(body)
    # The quote is kept as a reference and rendered for each reader when shown: text
    # copied into the body would show everyone the quoter's view of it, for ever.
    if quoted_post is not None and (
        quoted_post.thread_id != thread.pk or not can_see_post(viewer, quoted_post)
    ):
        raise ActionRefused(_("You can only quote a post of this thread that you can see."))
    _check_rate(viewer)
    post = _write_post(viewer, thread, body, quoted_post=quoted_post)
    _watch(viewer.user, thread)
    return post


def _watch(user, thread: Thread) -> None:
    """
    `user` watches `thread` from now on, if they did not already: one statement, where
    get_or_create took up to four round trips inside a post's transaction (a read, then
    a savepoint around the insert).
    """
    Watch.objects.bulk_create([Watch(user=user, thread=thread)], ignore_conflicts=True)


def _write_post(viewer: Viewer, thread: Thread, body: str, *, quoted_post: Post | None) -> Post:
    pending = needs_premoderation(viewer, thread.forum)
    post = Post.objects.create(
        thread=thread,
        author=viewer.user,
        body=body,
        body_html=render_markdown(body),
        quoted_post=quoted_post,
        status=Post.Status.PENDING if pending else Post.Status.PUBLISHED,
    )
    record_event(thread, ThreadEvent.Kind.POST_NEW, post)
    if not pending:
        _published(post)
    return post


def _published(post: Post) -> None:
    """Bump the thread now; tell watchers and mentioned members once the post commits."""
    Thread.objects.filter(pk=post.thread_id).update(last_activity_at=timezone.now())
    post_published.send(sender=Post, post_id=post.pk)


# The notifications an announcement sends, by which a second run knows who was told.
ANNOUNCEMENT_KINDS = ("forums.mention", "forums.reply")


@transaction.atomic
def do_announce_published(post_id: int) -> None:
    """
    Tell watchers and mentioned members who may read it about a published post.

    Safe to run again (a task worker killed mid-task runs it again, portal/task_workers.py):
    in one transaction, so a run cut short tells nobody, and nobody already told about
    this post is told twice. Mail goes once the transaction commits.
    """
    post = (
        Post.objects.select_related("thread__forum", "author")
        .prefetch_related("thread__forum__allowed_groups")
        .filter(pk=post_id, status=Post.Status.PUBLISHED)
        .first()
    )
    if post is None or post.is_deleted:
        return  # hidden, deleted or sent back since it was queued: nobody is told
    thread = post.thread
    told = {post.author_id}
    already_told = set(told_about(post, ANNOUNCEMENT_KINDS))
    told |= already_told
    handles = list(mentioned_handles(post.body))[:MAX_MENTIONS]
    if handles:
        mentioned = [m for m in _members_mentioned(thread, handles) if m.pk not in told]
        told |= _tell(post, mentioned, "forums.mention", _("You were mentioned in “%(thread)s”"))
    watchers = [
        watch.user
        for watch in thread.watches.select_related("user").exclude(user_id__in=told)
        if watch.user.is_active
    ]
    told |= _tell(post, watchers, "forums.reply", _("New reply in “%(thread)s”"))
    # Runs in the task worker, under the id of the request that posted (portal/background.py):
    # "who was told about my post?" can be followed from the post's request to here.
    logger.info("Post %s announced to %d members", post.pk, len(told - already_told) - 1)


def _tell(post: Post, users: list, kind: str, title: str) -> set[int]:
    """Notify those of `users` who may be told of the published `post`; their ids."""
    thread = post.thread
    may_be_told = _may_be_told_each(thread, post, users)
    users = [user for user in users if user.pk in may_be_told]
    if users:
        notify_each(
            users,
            kind,
            title % {"thread": thread.title},
            url=f"{thread.get_absolute_url()}#post-{post.pk}",
            about=post,
        )
    return may_be_told


def _may_be_told_each(thread: Thread, post: Post, users: list) -> set[int]:
    """
    Which of `users` may be told of the published `post`: `_may_be_told`, judged once for
    each set of rights rather than once a member (four queries each, in the worker,
    while the post is being delivered live on the same cores). The rules read who
    someone is only for their own posts that others may not see (held, pending, hidden):
    a member with such a post in the thread is judged alone.
    """
    if not users:
        return set()
    viewers = viewers_for_background(users)
    alone = set(
        Post.objects.filter(thread=thread, author__in=[user.pk for user in users])
        .exclude(status=Post.Status.PUBLISHED)
        .filter(deleted_at__isnull=True)
        .values_list("author_id", flat=True)
    )
    return allowed_by_rights(viewers, lambda viewer: _may_be_told(viewer, post), alone=alone)


def _may_be_told(viewer: Viewer, post: Post) -> bool:
    # The notification names the thread: not to those it is not listed to (its opening
    # post held, say), even when they may see this post.
    return can_see_post(viewer, post) and can_open_thread(viewer, post.thread)


def _members_mentioned(thread: Thread, handles: list[str]):
    wanted = Q()
    for handle in handles:
        wanted |= Q(pseudonym__iexact=handle) | Q(display_name__iexact=handle)
    participants = Q(forum_posts__thread=thread) | Q(forum_watches__thread=thread)
    # Whether each candidate is a youth delegate (who appears by pseudonym), read with
    # the candidates rather than once per participant.
    youth = Membership.objects.filter(user=OuterRef("pk"), group__role=Role.YOUTH)
    candidates = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(wanted | participants)
        .distinct()
        .annotate(is_youth_delegate=Exists(youth))
    )
    mentioned = []
    for member in candidates:
        # The cache `portal.permissions.appears_by_pseudonym` reads before it queries.
        member.__dict__["_is_youth_delegate"] = member.is_youth_delegate
        if mention_handle(member, thread.forum).casefold() in handles:
            mentioned.append(member)
    return mentioned


@transaction.atomic
def do_edit_post(viewer: Viewer, post: Post, *, body: str) -> Post:
    if not can_edit_post(viewer, post):
        raise ActionRefused(_("You cannot edit this post."))
    if post.thread.locked and not can_moderate(viewer):
        raise ActionRefused(_("This thread is locked: posts can no longer be edited."))
    body = _clean_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=viewer.user)
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    record_event(post.thread, ThreadEvent.Kind.POST_EDITED, post)
    return post


@transaction.atomic
def do_delete_post(viewer: Viewer, post: Post) -> Post:
    """Soft delete: the row and its history stay for moderators; readers see a placeholder."""
    if not can_edit_post(viewer, post):
        raise ActionRefused(_("You cannot delete this post."))
    post.deleted_at = timezone.now()
    post.save(update_fields=["deleted_at"])
    # Flags on a deleted post leave the moderators' queue (nobody can read the post
    # there), so they are closed now, in the record, rather than left open for ever.
    # A safeguarding concern stays with the leads.
    if _open_flags(post).exists():
        _resolve_flags(viewer, post)
        _record(
            viewer,
            ModerationVerb.DELETE,
            _("The post was deleted: its flags are closed."),
            post=post,
        )
    record_event(post.thread, ThreadEvent.Kind.POST_DELETED, post)
    return post


def do_watch_thread(viewer: Viewer, thread: Thread) -> None:
    if viewer.user is None or not can_read_thread(viewer, thread):
        raise ActionRefused(_("Sign in to follow this thread."))
    _watch(viewer.user, thread)


def do_unwatch_thread(viewer: Viewer, thread: Thread) -> None:
    if viewer.user is not None:
        Watch.objects.filter(user=viewer.user, thread=thread).delete()


# Flags ----------------------------------------------------------------------------------


@transaction.atomic
def do_flag_post(viewer: Viewer, post: Post, *, reason: str, note: str = "") -> Flag:
    """
    Report a post. A safeguarding concern opens a case for the safeguarding leads only;
    the post stays as it is (hiding it could alert the person concerned) and its author
    is never told.
    """
    if viewer.user is None or not can_see_post(viewer, post):
        raise ActionRefused(_("You cannot flag this post."))
    if reason not in Flag.Reason.values:
        raise ActionRefused(_("Choose why you are flagging this post."))
    flag = Flag.objects.create(post=post, flagged_by=viewer.user, reason=reason, note=note[:5000])
    if reason == Flag.Reason.SAFEGUARDING:
        case = SafeguardingCase.objects.create(flag=flag, post=post)
        SafeguardingCaseEntry.objects.create(
            case=case, kind=SafeguardingCaseEntry.Kind.OPENED, author=viewer.user, text=note
        )
        # At once and by email, whatever the leads' digest settings; the message names
        # only the case, never the post, its author or the note.
        notify_staff(
            Role.SAFEGUARDING,
            "forums.safeguarding_flag",
            _("A possible safeguarding concern was flagged (case %(number)s)")
            % {"number": case.pk},
            reverse("forums:safeguarding_case", args=[case.pk]),
            email_now=True,
        )
    else:
        notify_staff(
            Role.MODERATOR,
            "forums.flag",
            _("A post was flagged: %(reason)s") % {"reason": flag.get_reason_display()},
            reverse("forums:moderation"),
        )
    return flag


# Moderation -------------------------------------------------------------------------------


def _require_moderator(viewer: Viewer) -> None:
    if not can_moderate(viewer):
        raise ActionRefused(_("Only moderators can do this."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Give a reason: it goes into the moderation record."))
    return reason


def _record(viewer: Viewer, kind: str, reason: str, *, post=None, thread=None, member=None):
    thread = thread or (post.thread if post else None)
    return record(
        viewer.user,
        kind,
        target=post or thread,
        subject=member or (post.author if post else None),
        changes={"thread": thread.pk} if thread is not None and post is not None else None,
        reason=reason,
    )


def _open_flags(post: Post):
    """The post's flags still open in the moderators' queue (not safeguarding concerns)."""
    return post.flags.exclude(reason=Flag.Reason.SAFEGUARDING).filter(resolved_at__isnull=True)


def _resolve_flags(viewer: Viewer, post: Post) -> None:
    _open_flags(post).update(resolved_at=timezone.now(), resolved_by=viewer.user)


def _refuse_held(post: Post) -> None:
    # Only a safeguarding lead lifts a hold (do_release_post_for_safeguarding); a moderator
    # hiding or restoring the post would undo it and tell the poster.
    if post.status == Post.Status.HELD:
        raise ActionRefused(
            _("This post is held by the safeguarding leads: only they can change it.")
        )


def _tell_author(post: Post, title: str, reason: str) -> None:
    if post.author is not None and post.author.is_active:
        notify(
            post.author,
            "forums.moderation",
            title,
            reason,
            post.thread.get_absolute_url(),
            about=post,
        )


@transaction.atomic
def do_approve_post(viewer: Viewer, post: Post, *, reason: str = "") -> Post:
    _require_moderator(viewer)
    if post.status != Post.Status.PENDING or post.is_deleted:
        raise ActionRefused(_("This post is not waiting for approval."))
    post.status = Post.Status.PUBLISHED
    post.save(update_fields=["status"])
    _record(viewer, ModerationVerb.APPROVE, reason or _("Approved"), post=post)
    record_event(post.thread, ThreadEvent.Kind.POST_NEW, post)
    _tell_author(
        post, _("Your post in “%(thread)s” is published") % {"thread": post.thread.title}, ""
    )
    _published(post)
    return post


@transaction.atomic
def do_hide_post(viewer: Viewer, post: Post, *, reason: str) -> Post:
    _require_moderator(viewer)
    _refuse_held(post)
    reason = _require_reason(reason)
    post.status = Post.Status.HIDDEN
    post.save(update_fields=["status"])
    _record(viewer, ModerationVerb.HIDE, reason, post=post)
    _resolve_flags(viewer, post)
    record_event(post.thread, ThreadEvent.Kind.POST_HIDDEN, post)
    _tell_author(
        post, _("A moderator hid your post in “%(thread)s”") % {"thread": post.thread.title}, reason
    )
    return post


@transaction.atomic
def do_restore_post(viewer: Viewer, post: Post, *, reason: str) -> Post:
    _require_moderator(viewer)
    _refuse_held(post)
    if post.is_deleted:
        raise ActionRefused(_("This post was deleted and cannot be restored."))
    reason = _require_reason(reason)
    post.status = Post.Status.PUBLISHED
    post.save(update_fields=["status"])
    _record(viewer, ModerationVerb.RESTORE, reason, post=post)
    record_event(post.thread, ThreadEvent.Kind.POST_RESTORED, post)
    _tell_author(
        post,
        _("Your post in “%(thread)s” is visible again") % {"thread": post.thread.title},
        reason,
    )
    return post


@transaction.atomic
def do_set_thread_locked(viewer: Viewer, thread: Thread, *, locked: bool, reason: str) -> Thread:
    _require_moderator(viewer)
    reason = _require_reason(reason)
    thread.locked = locked
    thread.save(update_fields=["locked"])
    kind = ModerationVerb.LOCK if locked else ModerationVerb.UNLOCK
    _record(viewer, kind, reason, thread=thread, member=thread.author)
    record_event(
        thread, ThreadEvent.Kind.THREAD_LOCKED if locked else ThreadEvent.Kind.THREAD_UNLOCKED
    )
    return thread


@transaction.atomic
def do_dismiss_flag(viewer: Viewer, flag: Flag, *, reason: str) -> Flag:
    _require_moderator(viewer)
    if flag.reason == Flag.Reason.SAFEGUARDING:
        raise ActionRefused(_("Safeguarding concerns are handled by the safeguarding leads."))
    reason = _require_reason(reason)
    flag.resolved_at = timezone.now()
    flag.resolved_by = viewer.user
    flag.save(update_fields=["resolved_at", "resolved_by"])
    _record(viewer, ModerationVerb.DISMISS, reason, post=flag.post)
    return flag


@transaction.atomic
def do_warn_member(viewer: Viewer, member, *, reason: str, post: Post | None = None):
    _require_moderator(viewer)
    reason = _require_reason(reason)
    action = _record(viewer, ModerationVerb.WARN, reason, post=post, member=member)
    notify(member, "forums.moderation", _("A warning from the forum moderators"), reason)
    return action


@transaction.atomic
def do_suspend_member(viewer: Viewer, member, *, reason: str, post: Post | None = None):
    """
    The secretariat suspends the whole account (portal); other moderators bar the member
    from posting in the forums until the secretariat decides.
    """
    _require_moderator(viewer)
    reason = _require_reason(reason)
    if viewer.is_secretariat:
        do_suspend_user(viewer, member, reason=reason)
    else:
        PostingSuspension.objects.create(member=member, reason=reason, created_by=viewer.user)
    action = _record(viewer, ModerationVerb.SUSPEND, reason, post=post, member=member)
    notify(member, "forums.moderation", _("You can no longer post in the forums"), reason)
    return action


# Safeguarding -----------------------------------------------------------------------------


def _require_safeguarding(viewer: Viewer) -> None:
    if not can_handle_case(viewer):
        raise ActionRefused(_("Only safeguarding leads can do this."))


@transaction.atomic
def do_add_case_note(viewer: Viewer, case: SafeguardingCase, *, text: str) -> SafeguardingCaseEntry:
    _require_safeguarding(viewer)
    text = (text or "").strip()
    if not text:
        raise ActionRefused(_("Write the case note."))
    return SafeguardingCaseEntry.objects.create(
        case=case, kind=SafeguardingCaseEntry.Kind.NOTE, author=viewer.user, text=text
    )


@transaction.atomic
def do_refer_case(
    viewer: Viewer, case: SafeguardingCase, *, referred_to: str, text: str = ""
) -> SafeguardingCaseEntry:
    _require_safeguarding(viewer)
    referred_to = (referred_to or "").strip()
    if not referred_to:
        raise ActionRefused(_("Say which organisation or service the case was referred to."))
    case.status = SafeguardingCase.Status.REFERRED
    case.save(update_fields=["status"])
    return SafeguardingCaseEntry.objects.create(
        case=case,
        kind=SafeguardingCaseEntry.Kind.REFERRAL,
        author=viewer.user,
        referred_to=referred_to[:200],
        text=(text or "").strip(),
    )


@transaction.atomic
def do_set_case_status(
    viewer: Viewer, case: SafeguardingCase, *, status: str, text: str = ""
) -> SafeguardingCaseEntry:
    _require_safeguarding(viewer)
    if status not in SafeguardingCase.Status.values:
        raise ActionRefused(_("Choose a status."))
    case.status = status
    case.save(update_fields=["status"])
    return SafeguardingCaseEntry.objects.create(
        case=case,
        kind=SafeguardingCaseEntry.Kind.STATUS,
        author=viewer.user,
        text=f"{case.get_status_display()}: {(text or '').strip()}".rstrip(": "),
    )


@transaction.atomic
def do_hide_post_for_safeguarding(
    viewer: Viewer, case: SafeguardingCase, *, reason: str
) -> SafeguardingCaseEntry:
    """
    A lead holds the post: other readers no longer see it, moderators cannot bring it
    back, and its author is not told (they still see it as before).
    """
    _require_safeguarding(viewer)
    reason = _require_reason(reason)
    post = case.post
    if post.status != Post.Status.HELD:
        post.status_before_hold = post.status
        post.status = Post.Status.HELD
        post.save(update_fields=["status", "status_before_hold"])
        record_event(post.thread, ThreadEvent.Kind.POST_HELD, post)
    return SafeguardingCaseEntry.objects.create(
        case=case, kind=SafeguardingCaseEntry.Kind.HIDDEN, author=viewer.user, text=reason
    )


@transaction.atomic
def do_release_post_for_safeguarding(
    viewer: Viewer, case: SafeguardingCase, *, reason: str
) -> SafeguardingCaseEntry:
    """A lead lifts the hold: the post returns to its earlier state; nobody is notified."""
    _require_safeguarding(viewer)
    reason = _require_reason(reason)
    post = case.post
    if post.status != Post.Status.HELD:
        raise ActionRefused(_("This post is not held."))
    post.status = post.status_before_hold or Post.Status.PUBLISHED
    post.status_before_hold = ""
    post.save(update_fields=["status", "status_before_hold"])
    record_event(post.thread, ThreadEvent.Kind.POST_RELEASED, post)
    return SafeguardingCaseEntry.objects.create(
        case=case, kind=SafeguardingCaseEntry.Kind.RELEASED, author=viewer.user, text=reason
    )


@transaction.atomic
def do_record_case_step(
    viewer: Viewer,
    case: SafeguardingCase,
    *,
    text: str = "",
    referred_to: str = "",
    status: str = "",
    post_action: str = "",
) -> list[SafeguardingCaseEntry]:
    """
    Record what a lead did in one submit: a referral, a status change, hiding or releasing
    the post, and the note (the reason of each step it goes with, else a note of its own).
    All or nothing, so a refusal leaves the case as it was and the form keeps what was typed.
    """
    _require_safeguarding(viewer)
    text, referred_to = (text or "").strip(), (referred_to or "").strip()
    status_before = case.status
    entries = []
    if referred_to:
        entries.append(do_refer_case(viewer, case, referred_to=referred_to, text=text))
    if status and status not in (status_before, case.status):
        entries.append(do_set_case_status(viewer, case, status=status, text=text))
    if post_action == "hide":
        entries.append(do_hide_post_for_safeguarding(viewer, case, reason=text))
    elif post_action == "release":
        entries.append(do_release_post_for_safeguarding(viewer, case, reason=text))
    elif post_action:
        raise ActionRefused(_("Choose what to do with the post."))
    if not entries:
        if not text:
            raise ActionRefused(
                _("Write a note, record a referral, change the status or act on the post.")
            )
        entries.append(do_add_case_note(viewer, case, text=text))
    return entries
