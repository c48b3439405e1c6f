"""ELASTICSEARCH_URL naming several nodes: a node that refuses or does not
answer is passed over, and the index keeps a replica whenever a second node
can hold it."""

import socket

import pytest
from django.http import QueryDict

from search import elastic, indexing, service
from tests.engine import engine_url

DEAD_NODE = "http://127.0.0.1:9"


@pytest.mark.parametrize(
    "value, nodes",
    [
        ("http://a:9200", ["http://a:9200"]),
        (" http://a:9200 , http://b:9200,", ["http://a:9200", "http://b:9200"]),
        ("", []),
        (" , ", []),
    ],
)
def test_node_urls(value, nodes):
    assert elastic.node_urls(value) == nodes


def test_blank_entries_leave_the_engine_unconfigured(settings):
    settings.ELASTICSEARCH_URL = " , "
    assert not elastic.configured()


@pytest.fixture
def dead_node_first(settings, db):
    settings.ELASTICSEARCH_URL = f"{DEAD_NODE},{engine_url(settings)}"
    settings.ELASTICSEARCH_TIMEOUT = 2
    indexing.reindex()
    yield
    elastic.reset()


def test_a_refusing_node_is_passed_over_and_search_stays_on_elasticsearch(dead_node_first):
    for _ in range(4):  # whichever node the client tries first
        result = service.search(QueryDict("q=子育て"), log_query=False)
        assert result.backend == "elasticsearch" and result.count > 0
    assert elastic.available()


@pytest.fixture
def silent_node():
    """A node that accepts connections and never answers, as a machine that
    hangs or is dying does (a refusal needs a live kernel on the other end)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_a_node_that_does_not_answer_in_time_is_passed_over_too(settings, db, silent_node):
    engine = engine_url(settings)
    settings.ELASTICSEARCH_URL = engine
    indexing.reindex()
    settings.ELASTICSEARCH_URL = f"{silent_node},{engine}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    try:
        for _ in range(4):  # the client takes the nodes in turn: the silent one is tried
            result = service.search(QueryDict("q=子育て"), log_query=False)
            assert result.backend == "elasticsearch" and result.count > 0
        assert elastic.available()
    finally:
        elastic.reset()


def test_every_node_refusing_falls_back_to_the_database(settings, db):
    settings.ELASTICSEARCH_URL = f"{DEAD_NODE},http://127.0.0.1:10"
    try:
        result = service.search(QueryDict("q=子育て"), log_query=False)
    finally:
        elastic.reset()
    assert result.backend == "database" and result.count > 0


def test_the_index_expands_to_one_replica_when_a_second_node_exists(use_elasticsearch):
    index = elastic.indexes_behind_alias()[0]
    settings = elastic.client().indices.get_settings(index=index)[index]["settings"]["index"]
    assert settings["auto_expand_replicas"] == "0-1"
    # One node here: no replica, so the cluster stays green.
    assert elastic.client().cluster.health(index=index)["status"] == "green"
