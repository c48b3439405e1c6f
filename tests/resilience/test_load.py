"""100 concurrent clients for 30 s through gunicorn, loopback only."""

import pytest

from .conftest import CLIENTS, Gunicorn, hammer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_hundred_clients_for_thirty_seconds_no_5xx_no_connection_errors(wal_database_copy):
    server = Gunicorn(wal_database_copy, workers=2, threads=8)
    try:
        counts = hammer(server.url)
    finally:
        server.stop()
    print(f"load: {sum(counts.values())} requests, {dict(counts)}")
    assert counts["2xx"] > CLIENTS
    assert set(counts) == {"2xx"}, counts
