"""100 concurrent clients for 30 s through gunicorn, loopback only."""

import collections
import threading
import time

import pytest
import requests

from .conftest import Gunicorn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

CLIENTS = 100
SECONDS = 30
URLS = [
    "/search/?q=IoT",
    "/search/?q=見守り&field=health",
    "/api/search/?q=農業",
    "/cases/",
    "/cases/?field=health",
    "/cases/asmama-kosodate-share/",
]


def hammer(base, seconds, clients):
    counts = collections.Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset):
        session = requests.Session()
        session.trust_env = False  # loopback only, never through a proxy
        i = offset
        while time.monotonic() < stop:
            url = base + URLS[i % len(URLS)]
            i += 1
            try:
                status = session.get(url, timeout=30).status_code
                key = str(status) if status >= 500 else f"{status // 100}xx"
            except requests.RequestException as error:
                key = f"error:{type(error).__name__}"
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def test_hundred_clients_for_thirty_seconds_no_5xx_no_connection_errors(wal_database_copy):
    server = Gunicorn(wal_database_copy, workers=2, threads=8)
    try:
        counts = hammer(server.url, SECONDS, CLIENTS)
    finally:
        server.stop()
    print(f"load: {sum(counts.values())} requests, {dict(counts)}")
    assert counts["2xx"] > CLIENTS
    assert set(counts) == {"2xx"}, counts
