"""Talking to Elasticsearch: the client, the index definition, the alias.

Queries and writes go through an alias that points at one versioned index,
so a rebuild fills a new index and swaps the alias in one atomic step while
searches keep answering. Every call has a short timeout and is never retried
on the same node: a slow or absent engine must cost a page a fraction of a
second, after which the database backend answers. A cluster is named by a
comma-separated list of nodes; a refused connection or a timeout moves on
to the next node, and the index keeps one replica when there are two nodes
or more, so losing one node loses no search."""

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone

from . import registry
from .analysis import MAX_UNIT_LENGTH, es_fields
from .documents import window_dates

logger = logging.getLogger("portal.search")

_client = None
_client_lock = threading.Lock()
# In the cache every process (and, with CACHE_URL, every server) reads: one
# failure spares the others the wait, and the entry expires by itself.
DOWN_KEY = "search:engine-down"

# Documents arrive already cut into units by analysis.py, so the engine only
# splits on spaces: both backends read the same units by construction.
ANALYSIS = {
    "tokenizer": {"units": {"type": "whitespace", "max_token_length": 4 * MAX_UNIT_LENGTH + 1}},
    "analyzer": {"units": {"type": "custom", "tokenizer": "units"}},
}


def _units(positions=False):
    return {"type": "text", "analyzer": "units", "norms": False, "index_options": "positions" if positions else "docs"}


def index_body():
    properties = {
        "key": {"type": "keyword"},
        "text_units": _units(),
        "text_pairs": _units(positions=True),
        "title_units": _units(),
        "title_pairs": _units(positions=True),
        "title_sort": {"type": "keyword"},
        "published_at": {"type": "date"},
        # The document itself is kept in _source for display; only what is
        # queried is indexed.
        "doc": {"type": "object", "enabled": False},
    }
    for facet in registry.facets():
        if facet.window:
            properties.update({key: {"type": "date"} for key in facet.window})
        else:
            # Ordinals built at refresh, not by the first search after it.
            properties[f"facet_{facet.name}"] = {"type": "keyword", "eager_global_ordinals": True}
    return {
        # A replica whenever a second node exists to hold it: a one-node
        # cluster stays green, a two-node cluster survives losing either.
        "settings": {"number_of_shards": 1, "auto_expand_replicas": "0-1", "analysis": ANALYSIS},
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-documents"


def new_index_name():
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def node_urls(value):
    return [url.strip() for url in value.split(",") if url.strip()]


def configured():
    return bool(node_urls(settings.ELASTICSEARCH_URL))


def client():
    global _client
    if _client is None:
        with _client_lock:
            if _client is None:
                from elasticsearch import Elasticsearch

                auth = None
                if settings.ELASTICSEARCH_USERNAME:
                    auth = (settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD)
                nodes = node_urls(settings.ELASTICSEARCH_URL)
                _client = Elasticsearch(
                    nodes,
                    basic_auth=auth,
                    request_timeout=settings.ELASTICSEARCH_TIMEOUT,
                    # A node that refuses, or with several nodes does not answer
                    # in time (a dying or unreachable machine), is set aside and
                    # the next one asked. One node is never asked twice: each
                    # wait would cost the page again.
                    max_retries=len(nodes) - 1,
                    retry_on_timeout=len(nodes) > 1,
                )
    return _client


def available():
    """False while a recent failure is cooling down: after one timeout we do
    not make every request wait for the next one."""
    return configured() and cache.get(DOWN_KEY) is None


def mark_down(error):
    cache.set(DOWN_KEY, True, settings.ELASTICSEARCH_RETRY_AFTER)
    logger.warning("Elasticsearch unavailable, using the database backend: %s", error)


def mark_up():
    cache.delete(DOWN_KEY)


@receiver(setting_changed)
def reset(setting=None, **kwargs):
    """A changed URL or credential (tests, a reconfigured shell) needs a new
    client and a fresh start for the breaker."""
    global _client
    if setting is None or setting.startswith("ELASTICSEARCH_"):
        _client = None
        mark_up()


def es_document(doc):
    text, title = es_fields(doc["search_text"]), es_fields(doc["title_sort"])
    body = {
        "key": doc["key"],
        "text_units": text["units"],
        "text_pairs": text["pairs"],
        "title_units": title["units"],
        "title_pairs": title["pairs"],
        "title_sort": doc["title_sort"],
        "published_at": doc.get("published_at"),
        "doc": doc,
    }
    body.update(window_dates(doc))
    for name, values in doc["facets"].items():
        body[f"facet_{name}"] = values
    return body


def patient_client():
    """The client for a rebuild: a management command, not a page, so it may
    wait (ELASTICSEARCH_REBUILD_TIMEOUT) where a search must not."""
    return client().options(request_timeout=settings.ELASTICSEARCH_REBUILD_TIMEOUT)


def create_index(name, es=None):
    (es or client()).indices.create(index=name, **index_body())


def ensure_alias():
    """Create the first index behind the alias if there is none yet."""
    es = client()
    if not es.indices.exists_alias(name=alias_name()):
        name = new_index_name()
        create_index(name)
        es.indices.put_alias(index=name, name=alias_name())


def indexes_behind_alias():
    es = client()
    if not es.indices.exists_alias(name=alias_name()):
        return []
    return sorted(es.indices.get_alias(name=alias_name()))


def bulk_actions(rows, index):
    for row in rows:
        if row.is_deleted:
            yield {"_op_type": "delete", "_index": index, "_id": row.key}
        else:
            yield {"_op_type": "index", "_index": index, "_id": row.key, "_source": es_document(row.data)}


def bulk_write(rows, index=None, refresh=False, es=None):
    """Write rows; returns the keys Elasticsearch accepted. A delete of a
    document it never had counts as done."""
    from elasticsearch.helpers import streaming_bulk

    done = set()
    for ok, item in streaming_bulk(
        es or client(),
        bulk_actions(rows, index or alias_name()),
        raise_on_error=False,
        raise_on_exception=True,
        refresh="wait_for" if refresh else False,
        chunk_size=500,
    ):
        op, result = next(iter(item.items()))
        if ok or (op == "delete" and result.get("status") == 404):
            done.add(result["_id"])
        else:
            logger.error("Elasticsearch refused %s: %s", result.get("_id"), result.get("error"))
    return done
