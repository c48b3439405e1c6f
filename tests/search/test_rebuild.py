"""rebuild_documents(): the batch that reindex and the content loader run."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.documents import build_document, indexed_models, public_documents, public_queryset
from search.indexing import rebuild_documents
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def rebuild_queries():
    with CaptureQueriesContext(connection) as queries:
        rebuild_documents()
    return len(queries)


def test_bulk_documents_equal_the_ones_a_publish_writes():
    for model in indexed_models():
        bulk = {doc["key"]: doc for doc in public_documents(model)}
        one_by_one = {doc["key"]: doc for doc in map(build_document, public_queryset(model))}
        differing = {
            (key, field): (bulk[key].get(field), one_by_one[key].get(field))
            for key in bulk.keys() | one_by_one.keys()
            for field in (bulk.get(key, {}).keys() | one_by_one.get(key, {}).keys())
            if bulk.get(key, {}).get(field) != one_by_one.get(key, {}).get(field)
        }
        assert differing == {}, model.__name__


def test_rebuild_queries_do_not_grow_with_the_content():
    rebuild_documents()  # every row up to date, so the measured runs only read
    before = rebuild_queries()
    CaseFactory.create_batch(5, placed=True)  # their rows are written by their publish
    assert rebuild_queries() == before
