"""
Sessions read from the cache (Redis) and written through to the database, that keep
working from the database alone while the cache is down.

Django's `cached_db` store already falls back to the database when reading from the cache
fails, but then writes what it read back to the cache without a guard, so every signed-in
request failed for as long as Redis was restarting. Deleting a session (signing out) still
fails while the cache is down: a copy left in the cache would sign the member back in once
it returns.
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
CACHE_DOWN = (RedisError, OSError)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except CACHE_DOWN:
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except CACHE_DOWN as error:
            logger.warning("Session not cached (%s): read from the database", type(error).__name__)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except CACHE_DOWN:
            pass
        return DatabaseSessionStore.exists(self, session_key)
