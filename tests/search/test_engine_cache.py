"""Elasticsearch answers a repeated search from its shard request cache, and
that cache never outlives a change to the index; the hits it returns carry
what the result list reads, as the database backend's do."""

import pytest

from search import elastic
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import SearchQuery
from tests.engine import sync_engine
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def cache_hits():
    stats = elastic.client().indices.stats(index=elastic.alias_name(), metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def test_the_same_search_again_is_answered_from_the_request_cache(use_elasticsearch):
    query = SearchQuery(text="子育て", filters={"block": ("kanto",)})
    first = ElasticsearchBackend().search(query)
    before = cache_hits()
    again = ElasticsearchBackend().search(query)
    assert cache_hits() == before + 1
    assert (again.count, again.documents, again.facet_counts) == (first.count, first.documents, first.facet_counts)


def test_a_cached_answer_never_outlives_a_publish(use_elasticsearch):
    query = SearchQuery(text="合成見守りキャッシュ")
    assert ElasticsearchBackend().search(query).count == 0
    assert ElasticsearchBackend().search(query).count == 0  # now cached
    CaseFactory(title="合成見守りキャッシュの事例")
    sync_engine()
    found = ElasticsearchBackend().search(query)
    assert found.count == 1
    assert found.facet_counts["kind"] == {"case": 1}


def test_hits_carry_what_the_database_backend_gives_but_the_matched_text(use_elasticsearch):
    query = SearchQuery(text="子育て", sort="newest")
    engine, database = ElasticsearchBackend().search(query), DatabaseBackend().search(query)
    assert engine.documents
    without_text = [{k: v for k, v in doc.items() if k != "search_text"} for doc in database.documents]
    assert engine.documents == without_text
