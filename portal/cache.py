"""The shared cache (CACHE_URL) as a cache should fail: an unreachable Redis
behaves as an empty cache that keeps nothing, so a page view or a publish
never fails because of it. Pages are then rendered uncached, the counts
computed, and the search engine tried on every request, until Redis answers
again (README "Running on several servers")."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")


class TolerantRedisCache(RedisCache):
    """Django's Redis backend, where a failed call answers as a miss. After a
    failure Redis is left alone for `retry_after` seconds (an OPTIONS entry):
    otherwise each of a page's cache calls would wait out its own timeout."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def _attempt(self, call, fallback):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call()
        except RedisError as error:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning("shared cache unavailable for %g s, working without it: %s", self.retry_after, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._attempt(lambda: RedisCache.get(self, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(lambda: RedisCache.set(self, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(lambda: RedisCache.delete(self, key, version), False)

    def get_many(self, keys, version=None):
        return self._attempt(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(lambda: RedisCache.has_key(self, key, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: RedisCache.set_many(self, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        self._attempt(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        return self._attempt(lambda: RedisCache.clear(self), False)
