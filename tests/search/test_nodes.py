"""ELASTICSEARCH_URL naming several nodes: a node that refuses is passed
over, and the index keeps a replica whenever a second node can hold it."""

import pytest
from django.http import QueryDict

from search import elastic, indexing, service

from .conftest import engine_url

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
