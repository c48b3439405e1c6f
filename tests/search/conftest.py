import os

import pytest

from search import elastic, indexing


def engine_url(settings):
    url = settings.TEST_ELASTICSEARCH_URL
    if not url:
        message = "Elasticsearch is not running: start it with scripts/search-engine start (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def use_elasticsearch(settings, db):
    """The real engine, holding exactly the documents of this test's
    database state (tests run in transactions the engine cannot see)."""
    settings.ELASTICSEARCH_URL = engine_url(settings)
    indexing.reindex()
    yield
    elastic.reset()


@pytest.fixture
def use_database(settings, db):
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    request.getfixturevalue(f"use_{request.param}")
    return request.param


@pytest.fixture
def unreachable_engine(settings, db):
    """An engine URL where nothing listens: the real failure mode of a
    stopped server, without stopping the shared one."""
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    yield
    elastic.reset()


def sync_engine():
    """Push what the outbox holds and make it visible to searches."""
    indexing.retry_now()
    indexing.push_pending(refresh=True)
