"""Both backends give the same answers for the portal's own vocabulary.

Every run of 2–8 letters, kana or kanji taken from the seeded documents'
titles (several thousand queries: kanji directly followed by Latin letters,
Latin letters cut mid-word, katakana words…) must give the same count and the
same first ten results on the database and on Elasticsearch (facets are
compared by tests/search/test_backends.py). Elasticsearch answers them in batches (_msearch)."""

import re

import pytest

from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import SearchDocument
from search.normalize import normalize
from search.query import SearchQuery

pytestmark = pytest.mark.django_db

RUN = re.compile(r"[^\W\d_]+")
BATCH = 200


def title_vocabulary():
    words = set()
    for title in SearchDocument.objects.filter(is_deleted=False).values_list("title", flat=True):
        for run in RUN.findall(normalize(title)):
            for start in range(len(run)):
                for end in range(start + 2, min(len(run), start + 8) + 1):
                    words.add(run[start:end])
    return sorted(words)


def answers(backend, queries):
    results = []
    for start in range(0, len(queries), BATCH):
        results += backend.search_many(queries[start : start + BATCH])
    return [(r.count, [d["key"] for d in r.documents]) for r in results]


def test_every_title_word_gives_the_same_answer_on_both_backends(use_elasticsearch):
    words = title_vocabulary()
    assert len(words) > 2000
    assert {"地域iot", "無線lan", "iot実装"} <= set(words)
    queries = [SearchQuery(text=word, per_page=10, facets=False) for word in words]
    database, engine = answers(DatabaseBackend(), queries), answers(ElasticsearchBackend(), queries)
    differ = [(word, d[0], e[0]) for word, d, e in zip(words, database, engine, strict=False) if d != e]
    assert not differ, f"{len(differ)} of {len(words)} differ, e.g. (query, database, elasticsearch): {differ[:10]}"
    # The vocabulary comes from titles, so nearly every word is found.
    assert sum(1 for count, *_ in database if count) > len(words) * 0.8
