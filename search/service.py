"""The one entry point pages and the API call: pick the backend, fall back
to the database when Elasticsearch fails, and add editors' best bets."""

import dataclasses
import logging

from django.db import DatabaseError, transaction
from django.http import Http404
from wagtail.contrib.search_promotions.models import Query as PromotionQuery
from wagtail.contrib.search_promotions.models import SearchPromotion

from core.sqlite.base import writing
from pagecache.generation import memoize

from . import didyoumean, elastic, indexing, registry
from .backends.database import DatabaseBackend
from .backends.elasticsearch import ElasticsearchBackend
from .models import SearchDocument
from .query import parse
from .results import present
from .synonyms import live_lookup as live_synonyms

logger = logging.getLogger("portal.search")

FALLBACK_NOTICE = "検索エンジンに接続できないため、データベースによる検索結果を表示しています。"


def raw_search(query):
    """(raw result, backend name, notice)."""
    if elastic.available():
        try:
            _catch_up()
            raw = ElasticsearchBackend().search(query)
            return _without_withdrawn(raw), "elasticsearch", ""
        except Exception as error:  # timeouts, refused connections, engine errors alike
            elastic.mark_down(error)
    notice = FALLBACK_NOTICE if elastic.configured() else ""
    return DatabaseBackend().search(query), "database", notice


def _catch_up():
    """Push what the outbox holds, visibly, before answering. Its bookkeeping
    writes run in a savepoint: without one, a write the database refuses
    (SQLite under load) would poison the request's transaction and every
    later query would fail with a 500. A refused write leaves the rows
    pending for the next push; an engine failure still reaches the caller."""
    if not SearchDocument.objects.filter(pending=True).exists():
        return
    try:
        with transaction.atomic():
            indexing.push_pending(refresh=True)
    except DatabaseError as error:
        logger.warning("search outbox not caught up: %s", error)


def _without_withdrawn(raw):
    """An item withdrawn while its tombstone still waits for the engine is
    never shown: the outbox, not the index, has the last word."""
    keys = [doc["key"] for doc in raw.documents]
    withdrawn = set(SearchDocument.objects.filter(key__in=keys, is_deleted=True).values_list("key", flat=True))
    if withdrawn:
        raw.documents = [doc for doc in raw.documents if doc["key"] not in withdrawn]
        raw.count -= len(withdrawn)
    return raw


def promoted_documents(query):
    """Editors' best bets for the exact (normalised) query, first page only."""
    if not query.text or query.page != 1:
        return []
    # A read only: Query.get() would create a row for every new query string.
    picks = SearchPromotion.objects.filter(query__query_string=query.text).select_related("page__content_type")
    picks = picks.order_by("sort_order")
    keys = [f"{pick.page.specific_class._meta.label_lower}:{pick.page_id}" for pick in picks]
    if not keys:
        return []
    rows = dict(SearchDocument.objects.filter(key__in=keys, is_deleted=False).values_list("key", "data"))
    kinds = set(query.fixed.get("kind", ()))
    return [rows[k] for k in keys if k in rows and (not kinds or rows[k]["kind"] in kinds)]


def log_hit(text):
    """Count a query (Wagtail's search terms report) once the request's own
    transaction is over, in a short transaction of its own that queues for
    SQLite's write lock: a count made inside the request would fail whenever
    another request committed since it began reading. When the database
    cannot take it at all, the count is lost rather than the results."""

    def count():
        try:
            with writing(), transaction.atomic():
                PromotionQuery.get(text).add_hit()
        except DatabaseError as error:  # locked for longer than the timeout, or a racing first count
            logger.warning("search query not counted: %s", error)

    transaction.on_commit(count)


def search(params, fixed=None, log_query=True):
    query, ignored = parse(params, fixed=fixed)
    if query.terms:
        query = dataclasses.replace(query, synonyms=live_synonyms())
    raw, backend, notice = raw_search(query)
    if raw.count and query.page > -(-raw.count // query.per_page):
        raise Http404(f"{query.page}ページ目はありません（全{-(-raw.count // query.per_page)}ページ）。")
    if log_query and query.text and query.page == 1:
        log_hit(query.text)
    result = present(raw, query, params, registry.value_labels(), backend, notice, ignored, promoted_documents(query))
    if not result.count and query.text and not query.unmatchable:
        result = dataclasses.replace(result, suggestion=_suggestion(query, params))
    return result


def _vocabulary():
    rows = SearchDocument.objects.filter(is_deleted=False).values_list("data__title", "data__summary", "data__tags")
    return didyoumean.vocabulary(
        " ".join(filter(None, [title, summary, *(tags or [])])) for title, summary, tags in rows
    )


def _suggestion(query, params):
    """「もしかして」, offered only when the corrected query finds something
    with the same filters (on the backend that answered the first one)."""
    text = didyoumean.suggest(query.text, memoize("didyoumean-vocabulary", _vocabulary))
    if not text:
        return ()
    copy = params.copy()
    copy.pop("page", None)
    copy["q"] = text
    corrected, _ = parse(copy, fixed=query.fixed)
    if not raw_search(dataclasses.replace(corrected, synonyms=query.synonyms))[0].count:
        return ()
    return (text, copy.urlencode())


def suggest(text, limit=8):
    from .normalize import clean_query

    text = clean_query(text)
    if elastic.available():
        try:
            return ElasticsearchBackend().suggest(text, limit), "elasticsearch"
        except Exception as error:
            elastic.mark_down(error)
    return DatabaseBackend().suggest(text, limit), "database"
