"""
How posts and authors appear: Markdown through an allow-list sanitiser, and names
behind pseudonyms where the audience includes young people.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.translation import gettext as _

from portal.permissions import Viewer, can_see_real_identity

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


def quote_markdown(author_name: str, body: str) -> str:
    quoted = "\n".join(f"> {line}" for line in body.splitlines())
    return f"> **{author_name}:**\n{quoted}\n\n"


def mentioned_handles(text: str) -> set[str]:
    return {handle.casefold() for handle in MENTION_PATTERN.findall(text)}


def mention_handle(user, forum) -> str:
    """How members @mention `user` in `forum`: the pseudonym where pseudonyms are used."""
    name = user.pseudonym if forum.uses_pseudonyms else user.public_name
    return "".join(name.split())


def author_name(viewer: Viewer, author, forum) -> str:
    """The name `viewer` sees for `author` in `forum`."""
    if author is None or not author.is_active:
        return _("Former member")
    if not forum.uses_pseudonyms:
        return author.public_name
    pseudonym = author.pseudonym or _("Member")
    if can_see_real_identity(viewer, author):
        return f"{pseudonym} ({author.public_name})"
    return pseudonym
