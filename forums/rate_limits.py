"""
Posting rate limits, counted in the shared cache (Redis in production) so every
worker sees the same count.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

KEY_PREFIX = "forums:posts"
DEFAULT_POSTS_PER_MINUTE = 6


def posts_per_minute() -> int:
    return getattr(settings, "FORUMS_POSTS_PER_MINUTE", DEFAULT_POSTS_PER_MINUTE)


def take_posting_slot(user) -> bool:
    """Count one post for `user` in the current minute; False if they are over the limit."""
    window = int(time.time() // 60)
    key = f"{KEY_PREFIX}:{user.pk}:{window}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this is the first post of a new window.
        cache.set(key, 1, timeout=90)
        count = 1
    return count <= posts_per_minute()
