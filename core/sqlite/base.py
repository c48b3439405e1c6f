"""Django's SQLite backend, with writers taking the write lock up front.

A deferred SQLite transaction that reads before it writes (every publish
does) fails at once with "database is locked" when another connection
commits in between, and a busy site commits all the time: searches log their
queries. BEGIN IMMEDIATE makes such a writer queue for the lock instead.
Requests that only read (GET, HEAD; see portal.middleware) keep deferred
transactions, so readers never queue behind one another."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.backends.sqlite3 import base

reading = ContextVar("portal_sqlite_reading", default=False)


@contextmanager
def writing():
    """A write made on behalf of a reading request: its transaction queues
    for the lock like any writer's."""
    token = reading.set(False)
    try:
        yield
    finally:
        reading.reset(token)


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if self.transaction_mode is None and not reading.get():
            self.cursor().execute("BEGIN IMMEDIATE")
        else:
            super()._start_transaction_under_autocommit()
