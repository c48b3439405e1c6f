"""The real Elasticsearch of the test run (settings.TEST_ELASTICSEARCH_URL),
for the backend fixtures of tests/conftest.py and the tests that push the
outbox themselves."""

import os

import pytest

from search import indexing


def engine_url(settings):
    url = settings.TEST_ELASTICSEARCH_URL
    if not url:
        message = "Elasticsearch is not running: start it with scripts/search-engine start (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def sync_engine():
    """Push what the outbox holds and make it visible to searches."""
    indexing.retry_now()
    indexing.push_pending(refresh=True)
