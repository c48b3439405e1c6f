"""One number names the current state of the published content. Every cache
key carries it, so changing it purges every page at once: a case appears on
its own page, the case index, home, award and seminar pages and in other
cases' "similar" lists, and one bump is never stale where a list of pages to
purge could miss one. Entries under old numbers age out by their timeout."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

KEY = "pagecache:generation"

# A purge this process could not store because the shared cache was
# unreachable: made again as soon as it answers, or Redis, back with its old
# number, would serve pages cached before the publish.
_missed = False


def current():
    if _missed:
        bump()
    value = cache.get(KEY)
    if value is None:
        # A fresh number, never a reused one: a cache that lost this key may
        # still hold entries under old numbers.
        value = time.time_ns()
        cache.add(KEY, value, timeout=None)
        value = cache.get(KEY, value)
    return value


def memoize(name, compute):
    """compute() once per state of the content (CONTENT_CACHE_SECONDS > 0):
    any publish starts a new generation, so the value is never stale; it
    is for site-wide figures that cost a scan, such as the home page's counts."""
    seconds = settings.CONTENT_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = f"pagecache:{current()}:memo:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def bump():
    global _missed
    value = time.time_ns()
    cache.set(KEY, value, timeout=None)
    # Another process's bump in between also purged: one more is harmless.
    _missed = cache.get(KEY) != value


def retry_missed_purge():
    """For processes that serve no page, where current() would retry it:
    `manage.py worker` publishing on schedule (PERIODIC_JOBS)."""
    if not _missed:
        return None
    bump()
    return "ページキャッシュの消去を再実行しました" if not _missed else None


def bump_on_commit():
    """After the commit: a request that reads the new number then also reads
    the new content, so it can never store old content under it."""
    transaction.on_commit(bump)
