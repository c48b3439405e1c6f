"""Keeping the search documents in step with the content.

`record` and `forget` write the outbox row in the caller's transaction;
`push_pending` carries due rows to Elasticsearch. A failed push leaves the
rows pending with a growing back-off, so nothing is lost while the engine is
down and nothing is rebuilt when it returns."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import elastic
from .analysis import encode
from .documents import build_document, document_key, indexed_models, is_public, public_documents, window_dates
from .models import SearchDocument
from .textindex import index_tokens

logger = logging.getLogger("portal.search")

PUSH_BATCH = 500
MAX_BACKOFF_SECONDS = 300


def searchable_columns(search_text, title):
    """The columns the database backend searches, from a document's text and title."""
    text, title_text = encode(search_text), encode(title)
    return {
        "text": text,
        "title_text": title_text,
        "text_tokens": index_tokens(text),
        "title_tokens": index_tokens(title_text),
    }


def row_values(doc):
    published = doc.get("published_at")
    return {
        "kind": doc["kind"],
        "data": doc,
        "facets": {**doc["facets"], **window_dates(doc)},
        **searchable_columns(doc["search_text"], doc["title_sort"]),
        "title": doc["title_sort"],
        "published_at": parse_datetime(published) if published else None,
        "is_deleted": False,
        "pending": True,
        "attempts": 0,
        "next_attempt_at": None,
        "last_error": "",
    }


def record(instance):
    """The item's current public state goes to the outbox."""
    if not is_public(instance):
        return forget(instance)
    doc = build_document(instance)
    SearchDocument.objects.update_or_create(key=doc["key"], defaults=row_values(doc))
    _push_after_commit()


def forget(instance):
    updated = SearchDocument.objects.filter(key=document_key(instance), is_deleted=False).update(
        is_deleted=True, pending=True, attempts=0, next_attempt_at=None, updated_at=timezone.now()
    )
    if updated:
        _push_after_commit()


def record_tree(page):
    """A move or a privacy change affects a page's URL or visibility and
    those of every page below it."""
    for model in indexed_models():
        if hasattr(model, "get_descendants"):
            for item in model.objects.filter(path__startswith=page.path).specific():
                record(item)


def rebuild_documents():
    """Bring every row in line with the content: changed or missing public
    items are written, rows of anything no longer public become tombstones.
    Unchanged rows are left alone, so a rebuild of an up-to-date site sends
    nothing to the engine."""
    current = dict(SearchDocument.objects.filter(is_deleted=False).values_list("key", "data"))
    keep = set()
    for model in indexed_models():
        for doc in public_documents(model):
            keep.add(doc["key"])
            if current.get(doc["key"]) != doc:
                SearchDocument.objects.update_or_create(key=doc["key"], defaults=row_values(doc))
    stale = SearchDocument.objects.filter(is_deleted=False).exclude(key__in=keep)
    stale.update(is_deleted=True, pending=True, attempts=0, next_attempt_at=None, updated_at=timezone.now())
    return len(keep)


def _push_after_commit():
    if elastic.configured():
        transaction.on_commit(push_pending_quietly)


def push_pending_quietly():
    """After a publish: try once, never raise; the outbox keeps what failed."""
    if not elastic.available():
        return
    try:
        push_pending()
    except Exception as error:  # any failure of the engine must not reach the editor
        elastic.mark_down(error)


def due_rows(limit=PUSH_BATCH):
    now = timezone.now()
    return list(
        SearchDocument.objects.filter(pending=True).exclude(next_attempt_at__gt=now).order_by("updated_at")[:limit]
    )


def push_pending(limit=PUSH_BATCH, refresh=False):
    """Push due rows; returns (pushed, failed). Raises when the engine
    cannot be reached at all, after recording the failure on the rows."""
    rows = due_rows(limit)
    if not rows:
        return 0, 0
    try:
        elastic.ensure_alias()
        done = elastic.bulk_write(rows, refresh=refresh)
    except Exception as error:
        _postpone(rows, error)
        raise
    elastic.mark_up()
    pushed = failed = 0
    for row in rows:
        unchanged = SearchDocument.objects.filter(pk=row.pk, updated_at=row.updated_at)
        if row.key in done:
            # A row edited since we read it stays pending for the next push.
            if row.is_deleted:
                unchanged.delete()
            else:
                unchanged.update(pending=False, attempts=0, next_attempt_at=None, last_error="")
            pushed += 1
        else:
            _postpone([row], "refused by Elasticsearch")
            failed += 1
    return pushed, failed


def catch_up():
    """Periodic job: push every due outbox row (rows refused or failing wait
    out their back-off)."""
    if not elastic.configured():
        return None
    total = 0
    while True:
        try:
            pushed, failed = push_pending()
        except Exception as error:  # the rows keep their postponement; the next run retries
            elastic.mark_down(error)
            return f"検索エンジンに送信できません: {error}"
        total += pushed
        if pushed + failed < PUSH_BATCH:
            break
    return f"検索文書 {total}件を送信" if total else None


def _postpone(rows, error):
    now = timezone.now()
    for row in rows:
        attempts = row.attempts + 1
        delay = min(2**attempts, MAX_BACKOFF_SECONDS)
        SearchDocument.objects.filter(pk=row.pk, updated_at=row.updated_at).update(
            attempts=attempts, next_attempt_at=now + datetime.timedelta(seconds=delay), last_error=str(error)[:1000]
        )


def retry_now():
    """Make every pending row due at once (search_sync --now)."""
    return SearchDocument.objects.filter(pending=True).update(next_attempt_at=None)


def reindex():
    """Fill a new index from the outbox rows and swap the alias to it in one
    atomic step; queries keep hitting the old index until then. Returns the
    new index name and the number of documents written."""
    es = elastic.patient_client()
    started = timezone.now()
    name = elastic.new_index_name()
    elastic.create_index(name, es=es)
    written = elastic.bulk_write(
        SearchDocument.objects.filter(is_deleted=False).iterator(chunk_size=500), index=name, es=es
    )
    es.indices.refresh(index=name)
    old = elastic.indexes_behind_alias()
    actions = [{"remove": {"index": index, "alias": elastic.alias_name()}} for index in old]
    actions.append({"add": {"index": name, "alias": elastic.alias_name()}})
    es.indices.update_aliases(actions=actions)
    for index in old:
        es.indices.delete(index=index)
    # Rows written while the new index filled went to the old one: send them
    # again. Everything older is in the new index; tombstones need no delete.
    SearchDocument.objects.filter(updated_at__gte=started).update(pending=True, next_attempt_at=None)
    SearchDocument.objects.filter(is_deleted=True, updated_at__lt=started).delete()
    SearchDocument.objects.filter(updated_at__lt=started).update(pending=False, attempts=0, last_error="")
    push_pending(refresh=True)
    return name, len(written)
