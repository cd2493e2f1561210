"""What the forums contribute to the home page and to "My portal"."""

from __future__ import annotations

from django.http import HttpRequest

from forums.access import viewable_threads
from portal.permissions import viewer_for_request
from portal.sections import SectionItem

SECTION_SIZE = 5


def _items(threads) -> list[SectionItem]:
    return [
        SectionItem(
            title=thread.title,
            url=thread.get_absolute_url(),
            when=thread.last_activity_at,
            summary=thread.forum.name,
        )
        for thread in threads.select_related("forum")[:SECTION_SIZE]
    ]


def active_threads(request: HttpRequest) -> list[SectionItem]:
    """The most recently active threads this viewer may read."""
    viewer = viewer_for_request(request)
    return _items(viewable_threads(viewer).order_by("-last_activity_at"))


def watched_threads(request: HttpRequest) -> list[SectionItem]:
    """Threads the member follows that they may still read."""
    viewer = viewer_for_request(request)
    if viewer.user is None:
        return []
    watched = viewable_threads(viewer).filter(watches__user=viewer.user)
    return _items(watched.order_by("-last_activity_at"))
