"""
Posting rate limits, counted in the shared cache (Redis in production) so every
worker sees the same count.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
KEY_PREFIX = "forums:posts"
DEFAULT_POSTS_PER_MINUTE = 6


def posts_per_minute() -> int:
    return getattr(settings, "FORUMS_POSTS_PER_MINUTE", DEFAULT_POSTS_PER_MINUTE)


def take_posting_slot(user) -> bool:
    """Count one post for `user` in the current minute; False if they are over the limit."""
    window = int(time.time() // 60)
    key = f"{KEY_PREFIX}:{user.pk}:{window}"
    try:
        cache.add(key, 0, timeout=90)
        try:
            count = cache.incr(key)
        except ValueError:
            # The key expired between add and incr: this is the first post of a new window.
            cache.set(key, 1, timeout=90)
            count = 1
    except (RedisError, OSError) as error:
        # Without the shared counter (Redis restarting) posts are let through uncounted:
        # members keep talking for the seconds of an outage rather than losing their text.
        logger.warning("Posting rate not counted for user %s (%s)", user.pk, type(error).__name__)
        return True
    return count <= posts_per_minute()
