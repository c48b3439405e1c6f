"""A publish on SQLite while other connections keep committing (a busy site:
every search logs its query). Real connections on a real WAL file."""

import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT, server_env

pytestmark = pytest.mark.django_db

SCRIPT = textwrap.dedent(
    """
    import sqlite3, sys, threading, time
    import django
    django.setup()
    from django.db import OperationalError, transaction
    from core.sqlite.base import reading
    from search.models import SearchDocument

    first, second = SearchDocument.objects.order_by("pk").values_list("pk", flat=True)[:2]
    stop = threading.Event()

    def busy_site():
        other = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
        while not stop.is_set():
            other.execute("UPDATE search_searchdocument SET attempts = attempts + 1 WHERE id = ?", [second])
            time.sleep(0.01)

    thread = threading.Thread(target=busy_site)
    thread.start()
    time.sleep(0.1)
    # As a GET (deferred) or as any other request or command (the default).
    token = reading.set(sys.argv[2] == "GET")
    try:
        with transaction.atomic():
            SearchDocument.objects.filter(pk=first).count()  # a publish reads first ...
            time.sleep(0.3)  # ... while the site commits ...
            SearchDocument.objects.filter(pk=first).update(attempts=7)  # ... then writes
        print("written")
    except OperationalError as error:
        print("failed:", error)
    finally:
        reading.reset(token)
        stop.set()
        thread.join()
    """
)


def transaction_under_load(database, method):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(database), method],
        cwd=ROOT,
        env=server_env(database),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_a_writer_queues_for_the_lock_instead_of_failing(wal_database_copy):
    assert transaction_under_load(wal_database_copy, "POST") == "written"


def test_a_deferred_transaction_is_what_fails_so_reads_alone_stay_deferred(wal_database_copy):
    # Why writers must not be deferred: the same transaction, begun as a GET's, fails.
    assert transaction_under_load(wal_database_copy, "GET") == "failed: database is locked"


def test_only_get_and_head_requests_count_as_reading(rf):
    from core.sqlite.base import reading
    from portal.middleware import ReadingRequestMiddleware

    seen = {}
    middleware = ReadingRequestMiddleware(lambda request: seen.setdefault(request.method, reading.get()))
    for method in ("get", "head", "post", "put", "delete", "options"):
        middleware(getattr(rf, method)("/"))
    assert seen == {"GET": True, "HEAD": True, "POST": False, "PUT": False, "DELETE": False, "OPTIONS": False}
    assert reading.get() is False
