"""A locked database: a real exclusive lock taken by another connection on
the site's SQLite file, not a mocked view."""

import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT, server_env

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

SCRIPT = textwrap.dedent(
    """
    import sqlite3, sys, time
    import django
    django.setup()
    from django.db import connections
    # Wait 0.2 s for a lock instead of SQLite's default 5 s.
    connections["default"].settings_dict["OPTIONS"]["timeout"] = 0.2
    from django.test import Client

    client = Client()
    def show(label, response):
        body = response.content.decode()
        print(label, response.status_code, response.get("Retry-After", "-"), "Traceback" in body, "503" in body)

    for url in sys.argv[2:]:
        show("before", client.get(url))
    lock = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    for url in sys.argv[2:]:
        started = time.monotonic()
        show("locked", client.get(url))
        assert time.monotonic() - started < 3
    lock.execute("ROLLBACK")
    lock.close()
    for url in sys.argv[2:]:
        show("after", client.get(url))
    """
)

URLS = ["/", "/cases/", "/search/?q=IoT", "/api/search/?q=IoT", "/supports/finder/"]


def test_a_locked_database_gives_503_with_retry_after_and_recovers(database_copy):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(database_copy), *URLS],
        cwd=ROOT,
        env=server_env(database_copy),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line.split() for line in result.stdout.splitlines()]
    assert len(lines) == 3 * len(URLS)
    for phase, status, retry_after, traceback, says_503 in lines:
        assert traceback == "False"
        if phase == "locked":
            assert (status, retry_after, says_503) == ("503", "30", "True")
        else:
            assert status == "200", (phase, status)
