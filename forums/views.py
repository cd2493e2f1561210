"""Forum pages that work without JavaScript. Every write goes through forums.actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import actions
from forums.access import (
    can_edit_post,
    can_handle_case,
    can_open_thread,
    can_post_in_forum,
    can_read_forum,
    can_read_thread,
    can_reply,
    can_see_post,
    moderation_log,
    open_flags_for,
    thread_posts,
    viewable_forums,
    viewable_threads,
)
from forums.events import last_event_id
from forums.forms import (
    CaseStepForm,
    FlagForm,
    ModerationForm,
    PostForm,
    ThreadForm,
)
from forums.models import Flag, Forum, Post, SafeguardingCase, Thread, Watch
from forums.rendering import author_name, post_context, posting_name
from portal.actions import ActionRefused
from portal.permissions import can_moderate, viewer_for_request
from portal.refusals import refuse

THREADS_PER_PAGE = 30


def _refuse(request):
    """Anonymous people are sent to sign in; signed-in people are not told the thing exists."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _readable_thread(request, pk: int):
    viewer = viewer_for_request(request)
    # The forum's groups decide who reads each post (and each quote): loaded once here,
    # not once per post.
    threads = Thread.objects.select_related("forum").prefetch_related("forum__allowed_groups")
    thread = get_object_or_404(threads, pk=pk)
    if not can_read_thread(viewer, thread):
        return viewer, None
    if not can_open_thread(viewer, thread):
        raise Http404
    return viewer, thread


def _readable_post(request, pk: int):
    viewer = viewer_for_request(request)
    post = get_object_or_404(Post.objects.select_related("thread__forum", "author"), pk=pk)
    # These pages show the thread's title: not to those it is not listed to.
    if not can_see_post(viewer, post) or not can_open_thread(viewer, post.thread):
        return viewer, None
    return viewer, post


def forum_index(request):
    viewer = viewer_for_request(request)
    return render(request, "forums/forum_index.html", {"forums": viewable_forums(viewer)})


def forum_detail(request, slug: str):
    viewer = viewer_for_request(request)
    forum = get_object_or_404(Forum, slug=slug)
    if not can_read_forum(viewer, forum):
        return _refuse(request)
    threads = viewable_threads(viewer).filter(forum=forum).prefetch_related("tags")
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/forum.html",
        {"forum": forum, "threads": page, "can_start": can_post_in_forum(viewer, forum)},
    )


def thread_new(request, slug: str):
    viewer = viewer_for_request(request)
    forum = get_object_or_404(Forum, slug=slug)
    if not can_read_forum(viewer, forum):
        return _refuse(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ThreadForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                thread = actions.do_create_thread(
                    viewer,
                    forum,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.tag_list(),
                )
            except actions.RateLimited as refusal:
                return _rate_limited(request, refusal, forum.get_absolute_url())
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                if thread.opening_post.status == Post.Status.PENDING:
                    messages.info(
                        request, _("Your thread will appear once a moderator approves it.")
                    )
                return redirect(thread)
        status = 400
    context = {"forum": forum, "form": form, "posting_as": posting_name(viewer, forum)}
    return render(request, "forums/thread_form.html", context, status=status)


def _thread_page(request, viewer, thread, form=None, status=200):
    posts = thread_posts(viewer, thread).select_related("author", "quoted_post__author")
    # The name each reader sees depends only on the author: worked out once per author,
    # for the posts and the posts they quote alike.
    names: dict[int | None, str] = {}
    entries = []
    for post in posts:
        post.thread = thread
        entries.append(post_context(viewer, post, names=names))
    watching = (
        viewer.user is not None and Watch.objects.filter(user=viewer.user, thread=thread).exists()
    )
    context = {
        "thread": thread,
        "forum": thread.forum,
        "entries": entries,
        "form": form or PostForm(),
        "can_reply": can_reply(viewer, thread),
        "posting_as": posting_name(viewer, thread.forum) if viewer.user is not None else "",
        "watching": watching,
        "last_event_id": last_event_id(thread),
    }
    return render(request, "forums/thread.html", context, status=status)


def thread_detail(request, pk: int):
    viewer, thread = _readable_thread(request, pk)
    if thread is None:
        return _refuse(request)
    return _thread_page(request, viewer, thread)


def _rate_limited(request, refusal, back_url: str, text: str = ""):
    return render(
        request,
        "forums/rate_limited.html",
        {"message": str(refusal), "back_url": back_url, "text": text},
        status=429,
    )


@require_POST
def thread_reply(request, pk: int):
    viewer, thread = _readable_thread(request, pk)
    if thread is None:
        return _refuse(request)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, viewer, thread, form, status=400)
    quoted = None
    if form.cleaned_data.get("quote") is not None:
        quoted = Post.objects.filter(pk=form.cleaned_data["quote"], thread=thread).first()
        if quoted is None:
            form.add_error(None, _("You can only quote a post of this thread that you can see."))
            return _thread_page(request, viewer, thread, form, status=400)
    try:
        post = actions.do_create_post(
            viewer, thread, body=form.cleaned_data["body"], quoted_post=quoted
        )
    except actions.RateLimited as refusal:
        return _rate_limited(request, refusal, thread.get_absolute_url(), form.cleaned_data["body"])
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return _thread_page(request, viewer, thread, form, status=400)
    if post.status == Post.Status.PENDING:
        messages.info(request, _("Thank you. Your post will appear once a moderator approves it."))
    return redirect(f"{thread.get_absolute_url()}#post-{post.pk}")


@require_POST
def thread_watch(request, pk: int):
    viewer, thread = _readable_thread(request, pk)
    if thread is None or viewer.user is None:
        return _refuse(request)
    if request.POST.get("watch") == "0":
        actions.do_unwatch_thread(viewer, thread)
        messages.info(request, _("You no longer follow this thread."))
    else:
        actions.do_watch_thread(viewer, thread)
        messages.info(request, _("You follow this thread: replies appear in your notifications."))
    return redirect(thread)


def post_edit(request, pk: int):
    viewer, post = _readable_post(request, pk)
    if post is None or not can_edit_post(viewer, post):
        return _refuse(request)
    form = PostForm(request.POST or None, initial={"body": post.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.do_edit_post(viewer, post, body=form.cleaned_data["body"])
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")
        status = 400
    return render(request, "forums/post_form.html", {"post": post, "form": form}, status=status)


@require_POST
def post_delete(request, pk: int):
    viewer, post = _readable_post(request, pk)
    if post is None:
        return _refuse(request)
    try:
        actions.do_delete_post(viewer, post)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(post.thread)


def post_flag(request, pk: int):
    viewer, post = _readable_post(request, pk)
    if post is None or viewer.user is None:
        return _refuse(request)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.do_flag_post(viewer, post, **form.cleaned_data)
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request, _("Thank you. The post has been passed to the right people.")
                )
                return redirect(post.thread)
        status = 400
    return render(request, "forums/flag_form.html", {"post": post, "form": form}, status=status)


# Moderation ---------------------------------------------------------------------------


def moderation_queue(request):
    viewer = viewer_for_request(request)
    if not can_moderate(viewer):
        return refuse(request, viewer)
    return _moderation_page(request, viewer, ModerationForm())


def _moderation_page(request, viewer, form, status=200):
    flags = open_flags_for(viewer)
    pending = Post.objects.filter(
        status=Post.Status.PENDING, deleted_at__isnull=True
    ).select_related("thread__forum", "author")

    # The queue names each post's thread: only threads listed to the moderator (not one
    # whose opening post is held, whose title is often the subject of a disclosure).
    thread_ids = {post.thread_id for post in pending}
    listed = set(viewable_threads(viewer).filter(pk__in=thread_ids).values_list("pk", flat=True))

    def with_name(post):
        return {"post": post, "author_name": author_name(viewer, post.author, post.thread.forum)}

    context = {
        # A post held for safeguarding is the leads' alone, flags on it included.
        "flags": [{"flag": flag, **with_name(flag.post)} for flag in flags],
        "pending": [with_name(post) for post in pending if post.thread_id in listed],
        "recent": moderation_log(viewer),
        "form": form,
    }
    return render(request, "forums/moderation_queue.html", context, status=status)


@require_POST
def moderation_act(request):
    viewer = viewer_for_request(request)
    if not can_moderate(viewer):
        return refuse(request, viewer)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return _moderation_page(request, viewer, form, status=400)
    post = (
        Post.objects.select_related("thread", "author").filter(pk=form.cleaned_data["post"]).first()
    )
    if post is None or not can_see_post(viewer, post):
        # Deleted posts, and posts held for safeguarding (the leads' alone), are not
        # moderated here: acting on them would undo a hold or alert the poster. The answer
        # is the one for a post that does not exist, so it does not tell of a hold.
        form.add_error(None, _("That post no longer exists."))
        return _moderation_page(request, viewer, form, status=400)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "approve":
            actions.do_approve_post(viewer, post, reason=reason)
        elif action == "hide":
            actions.do_hide_post(viewer, post, reason=reason)
        elif action == "restore":
            actions.do_restore_post(viewer, post, reason=reason)
        elif action in ("lock", "unlock"):
            actions.do_set_thread_locked(
                viewer, post.thread, locked=action == "lock", reason=reason
            )
        elif action == "warn":
            actions.do_warn_member(viewer, post.author, reason=reason, post=post)
        elif action == "suspend":
            actions.do_suspend_member(viewer, post.author, reason=reason, post=post)
        elif action == "dismiss":
            flag = Flag.objects.filter(pk=form.cleaned_data.get("flag"), post=post).first()
            if flag is None:
                raise ActionRefused(_("Choose the flag to dismiss."))
            actions.do_dismiss_flag(viewer, flag, reason=reason)
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return _moderation_page(request, viewer, form, status=400)
    messages.success(request, _("Done. The action is in the moderation record."))
    return redirect("forums:moderation")


# Safeguarding -------------------------------------------------------------------------


def safeguarding_queue(request):
    viewer = viewer_for_request(request)
    if not can_handle_case(viewer):
        return refuse(request, viewer)
    cases = SafeguardingCase.objects.select_related("post__thread__forum", "flag__flagged_by")
    return render(request, "forums/safeguarding_queue.html", {"cases": cases})


def safeguarding_case(request, pk: int):
    viewer = viewer_for_request(request)
    if not can_handle_case(viewer):
        return refuse(request, viewer)
    case = get_object_or_404(
        SafeguardingCase.objects.select_related("post__thread__forum", "post__author", "flag"),
        pk=pk,
    )
    post_held = case.post.status == Post.Status.HELD
    form = CaseStepForm(case=case, post_held=post_held)
    status = 200
    if request.method == "POST":
        form = CaseStepForm(request.POST, case=case, post_held=post_held)
        if form.is_valid():
            try:
                actions.do_record_case_step(viewer, case, **form.cleaned_data)
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
                # The refused step changed nothing; the page shows the case as it is.
                case.refresh_from_db()
            else:
                messages.success(request, _("Recorded in the case."))
                return redirect("forums:safeguarding_case", pk=case.pk)
        status = 400
    context = {
        "case": case,
        "author_name": author_name(viewer, case.post.author, case.post.thread.forum),
        "entries": case.entries.select_related("author"),
        "form": form,
    }
    return render(request, "forums/safeguarding_case.html", context, status=status)
