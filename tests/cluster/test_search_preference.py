"""With several Elasticsearch nodes, each search stays on the node the client
sent it to (search/backends/elasticsearch.py, README "The rehearsal")."""

from django.http import QueryDict
from elasticsearch_dsl import MultiSearch

from search.backends.elasticsearch import ElasticsearchBackend
from search.query import parse


def test_a_search_asks_for_the_shards_of_the_node_it_was_sent_to(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9,http://127.0.0.1:10"  # never contacted
    query, _ = parse(QueryDict("q=見守り&field=health"))
    search = ElasticsearchBackend().request(query)
    # The shard request cache is asked too: one server's requests find the same copy's cache.
    assert search._params == {"preference": "_local", "request_cache": True}
    # What _msearch sends: each search's header line carries both.
    header = MultiSearch().add(search).to_dict()[0]
    assert (header["preference"], header["request_cache"]) == ("_local", True)
