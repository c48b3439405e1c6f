"""Japanese a reader types, on both backends: kanji followed by Latin
letters, Latin words as words, spelling variants, and the editors' synonym
groups (each seeded group proved here)."""

import re

import pytest
from django.http import QueryDict

from cases.models import CaseStudyPage
from search import service
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.matching import alternatives, matches
from search.models import SearchDocument, SynonymGroup
from search.normalize import normalize
from search.query import SearchQuery
from search.synonyms import live_lookup

pytestmark = pytest.mark.django_db

BACKENDS = {"database": DatabaseBackend, "elasticsearch": ElasticsearchBackend}


def run(query):
    return service.search(QueryDict(query), log_query=False)


def whole_word_count(word):
    """Independent of both backends: documents whose text holds `word` with
    no Latin letter or digit right before or after it."""
    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(normalize(word))}(?![a-z0-9])")
    return sum(
        1
        for doc in SearchDocument.objects.filter(is_deleted=False).values_list("data", flat=True)
        if pattern.search(doc["search_text"])
    )


def found(backend, word):
    """Keys found for `word` alone, without the editors' synonyms."""
    result = BACKENDS[backend]().search(SearchQuery(text=normalize(word), per_page=1000, facets=False))
    return {doc["key"] for doc in result.documents}


def test_kanji_then_latin_and_latin_as_whole_words(backend):
    for word in ("地域IoT", "無線LAN", "IoT実装", "AI"):
        assert len(found(backend, word)) == whole_word_count(word) > 0, word
    # KIAI is not AI: documents that have only KIAI are not found.
    kiai_only = {
        d["key"]
        for d in SearchDocument.objects.filter(is_deleted=False).values_list("data", flat=True)
        if "kiai" in d["search_text"] and not re.search(r"(?<![a-z0-9])ai(?![a-z0-9])", d["search_text"])
    }
    assert kiai_only
    assert not kiai_only & found(backend, "AI")


def test_spelling_variants_find_the_same(backend):
    assert run("q=センサー").count == run("q=センサ").count > 0
    assert run("q=ちゃっとぼっと").count == run("q=チャットボット").count > 0
    assert run("q=ワイファイ").count == run("q=Wi-Fi").count > 0  # a seeded group


def test_every_seeded_synonym_group_finds_what_any_of_its_terms_finds(backend):
    groups = [group.term_list() for group in SynonymGroup.objects.filter(live=True)]
    assert groups
    rows = list(SearchDocument.objects.filter(is_deleted=False).values_list("key", "text"))
    synonyms = live_lookup()
    engine = BACKENDS[backend]()
    for terms in groups:
        expected = {key for key, text in rows if any(matches(alternatives(normalize(t)), text) for t in terms)}
        queries = [
            SearchQuery(text=normalize(term), synonyms=synonyms, per_page=len(rows), facets=False) for term in terms
        ]
        for term, result in zip(terms, engine.search_many(queries), strict=False):
            assert {doc["key"] for doc in result.documents} == expected, (terms, term)


def test_a_group_applies_from_the_next_search_once_published(backend):
    case = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    group = SynonymGroup(terms="お礼ルール\nありがとう規則", live=False)
    group.save()
    group.save_revision()
    assert run("q=ありがとう規則").count == 0  # a draft changes nothing
    group.get_latest_revision().publish()
    assert [hit.title for hit in run("q=ありがとう規則").hits] == [case.title]


def test_editors_write_groups_and_approvers_publish_them(editor, approver):
    assert editor.has_perm("search.add_synonymgroup") and editor.has_perm("search.change_synonymgroup")
    assert not editor.has_perm("search.publish_synonymgroup")
    assert approver.has_perm("search.publish_synonymgroup")
