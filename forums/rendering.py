"""
How posts and authors appear: Markdown through an allow-list sanitiser, names behind
pseudonyms for young people, and quotes rendered for each reader when shown.
"""

from __future__ import annotations

import re

import markdown
import nh3

from forums.access import can_edit_post, can_see_post, post_status_shown
from forums.models import Post
from portal.permissions import (
    ANONYMOUS,
    Viewer,
    appears_by_pseudonym,
    can_moderate,
    member_name_for,
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "hr", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MENTION_PATTERN = re.compile(r"(?<![\w@])@([\w.\-]{2,60})")


def render_markdown(text: str) -> str:
    """Markdown to HTML, then only allow-listed tags and attributes survive (no scripts)."""
    html = markdown.markdown(text, extensions=["sane_lists", "fenced_code"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


def mentioned_handles(text: str) -> set[str]:
    return {handle.casefold() for handle in MENTION_PATTERN.findall(text)}


def mention_handle(user, forum) -> str:
    """
    How members @mention `user` in `forum`: the name others see, without spaces (so a
    youth delegate's real name never works as a handle); "" for no usable name.
    """
    if user is None or not user.is_active:
        return ""
    if not user.pseudonym and (forum.uses_pseudonyms or appears_by_pseudonym(user)):
        return ""  # shown as "Member": not a name anyone can be told apart by
    return "".join(author_name(ANONYMOUS, user, forum).split())


def author_name(viewer: Viewer, author, forum) -> str:
    """The name `viewer` sees for `author` in `forum` (the portal's rule, one place)."""
    return member_name_for(viewer, author, pseudonymous_place=forum.uses_pseudonyms)


def _name_once(viewer: Viewer, author, forum, names: dict | None) -> str:
    """`author_name`, remembered in `names` (by author) when given: one look-up per author."""
    if names is None:
        return author_name(viewer, author, forum)
    key = author.pk if author is not None else None
    if key not in names:
        names[key] = author_name(viewer, author, forum)
    return names[key]


def quote_of(viewer: Viewer, post: Post, *, names: dict | None = None) -> dict | None:
    """
    The post `post` quotes, as `viewer` may see it, rendered now (never stored in the
    quoting post): its author's name as this reader sees it, and its text only if this
    reader may see the quoted post; otherwise it is "no longer available".
    """
    if post.quoted_post_id is None:
        return None
    quoted = post.quoted_post
    if quoted is None:
        return {"available": False}
    if quoted.thread_id == post.thread_id:
        quoted.thread = post.thread  # one thread object: its forum's audience loaded once
    if not can_see_post(viewer, quoted):
        return {"available": False}
    return {
        "available": True,
        "post_id": quoted.pk,
        "author_name": _name_once(viewer, quoted.author, post.thread.forum, names),
        "html": quoted.body_html,
    }


def post_context(
    viewer: Viewer, post: Post, *, name: str | None = None, names: dict | None = None
) -> dict:
    """
    Everything `forums/includes/post.html` shows of `post` to `viewer` (`name`: the
    author's name for this viewer when already known; `names`: the names already worked
    out for this viewer, by author, shared by the posts of one page). The template uses
    nothing else, so two viewers with the same context see the same HTML.
    """
    if name is None:
        name = _name_once(viewer, post.author, post.thread.forum, names)
    return {
        "post": post,
        "author_name": name,
        "status": post_status_shown(viewer, post),
        "quote": None if post.is_deleted else quote_of(viewer, post, names=names),
        "viewer_can_moderate": can_moderate(viewer),
        "can_edit": can_edit_post(viewer, post),
    }


def posting_name(viewer: Viewer, forum) -> str:
    """The name other members will see on what `viewer` posts in `forum`."""
    return author_name(ANONYMOUS, viewer.user, forum)
