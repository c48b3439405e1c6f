"""The database backend's text and facet indexes, on the database the run
uses (SQLite, or PostgreSQL with DATABASE_URL): kept in step with every
write, and answering exactly what the substring rule and a loop over every
row would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import registry, textindex
from search.backends.database import DatabaseBackend, row_matches
from search.matching import alternatives, matches
from search.models import SearchDocument
from search.normalize import clean_query
from search.query import SearchQuery
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

EVERYTHING = 100_000


def found_keys(text="", **kwargs):
    query = SearchQuery(text=clean_query(text), per_page=EVERYTHING, **kwargs)
    result = DatabaseBackend().search(query)
    keys = {doc["key"] for doc in result.documents}
    assert len(keys) == result.count
    return keys


def rule_keys(text):
    """Every live row the substring rule accepts, read row by row."""
    terms = [alternatives(term) for term in clean_query(text).split(" ")]
    return {
        key
        for key, encoded in SearchDocument.objects.filter(is_deleted=False).values_list("key", "text")
        if all(matches(term, encoded) for term in terms)
    }


def test_the_index_follows_publish_unpublish_and_delete(use_database):
    case = CaseFactory(title="合成データ：鯱鉾港北区における見守りの試行")
    key = SearchDocument.objects.get(data__url=case.url).key
    for text in ("鯱鉾", "鯱鉾港北区", "港北区", "北区 鯱"):
        assert key in found_keys(text), text
    case.unpublish()
    assert key not in found_keys("鯱鉾")
    case.save_revision().publish()
    assert key in found_keys("鯱鉾")
    case.title = "合成データ：名前を変えた事例"
    case.save_revision().publish()
    assert key not in found_keys("鯱鉾") and key in found_keys("名前を変えた")
    case.delete()
    assert key not in found_keys("名前を変えた")


@pytest.mark.parametrize(
    "text",
    [
        "港",
        "市",
        "ー",
        "IoT",
        "AI",
        "北区",
        "地域IoT",
        "地域IoT実装推進事業",
        "無線LAN",
        "Wi-Fi",
        "ICT 地域",
        "見守り 高齢者",
        "人々",
    ],
)
def test_every_query_finds_what_the_substring_rule_finds(use_database, text):
    expected = rule_keys(text)
    assert found_keys(text) == expected


def test_a_term_inside_a_long_compound_is_found_and_a_word_inside_a_latin_word_is_not(use_database):
    case = CaseFactory(title="合成データ：神奈川県横浜市港北区地域IoT実装推進事業モデル")
    key = SearchDocument.objects.get(data__url=case.url).key
    for text in ("港北区", "浜市港", "IoT実装推進", "区地域"):
        assert key in found_keys(text) and found_keys(text) == rule_keys(text), text
    other = CaseFactory(title="合成データ：KIAIとMAILとPLANの事例")
    kiai = SearchDocument.objects.get(data__url=other.url).key
    assert kiai not in found_keys("AI") and kiai not in found_keys("LAN")


def expected_facets(text, fixed, selected, today):
    """The old backend's loop: each facet counts the rows passing every
    *other* selection."""
    counts = {spec.name: {} for spec in registry.facets()}
    totals = {spec.name: 0 for spec in registry.facets()}
    unfiltered = SearchQuery(text=clean_query(text), fixed=fixed)
    for text_encoded, facets in SearchDocument.objects.filter(is_deleted=False).values_list("text", "facets"):
        if not row_matches(unfiltered, text_encoded, facets, today):
            continue
        failed = [
            n for n, wanted in selected.items() if not set(registry.facet(n).stored_values(facets, today)) & set(wanted)
        ]
        for spec in registry.facets():
            if not failed or failed == [spec.name]:
                totals[spec.name] += 1
                for value in registry.facet(spec.name).stored_values(facets, today):
                    counts[spec.name][value] = counts[spec.name].get(value, 0) + 1
    return counts, totals


@pytest.mark.parametrize(
    "text, fixed, selected",
    [
        ("", {"kind": ("case",)}, {}),
        ("地域", {}, {"field": ("health", "disaster"), "block": ("kyushu", "kanto")}),
        ("IoT", {"kind": ("case",)}, {"prefecture": ("fukuoka",), "year": ("2017", "2016")}),
        ("", {"kind": ("program",)}, {"open": ("1",), "support_kind": ("subsidy",)}),
        ("事業", {}, {"kind": ("case", "program"), "field": ("no-such-field",)}),
    ],
)
def test_facet_counts_are_exact_under_filters(use_database, text, fixed, selected):
    today = timezone.localdate()
    result = DatabaseBackend().search(SearchQuery(text=clean_query(text), fixed=fixed, filters=selected))
    counts, totals = expected_facets(text, fixed, selected, today)
    assert result.facet_counts == counts
    assert result.facet_totals == totals
    assert sum(totals.values()) > 0


def test_a_search_costs_two_queries_whatever_the_number_of_documents(use_database):
    query = SearchQuery(text="地域 事業", filters={"field": ("health",)})
    DatabaseBackend().search(query)  # builds the facet index of this content version
    with CaptureQueriesContext(connection) as few:
        DatabaseBackend().search(query)
    CaseFactory(title="合成データ：地域の事業の一つ目")
    CaseFactory(title="合成データ：地域の事業の二つ目")
    DatabaseBackend().search(query)
    with CaptureQueriesContext(connection) as many:
        DatabaseBackend().search(query)
    assert len(few.captured_queries) == len(many.captured_queries) == 2


def test_a_write_gives_the_content_a_new_version(use_database):
    def version():
        with connection.cursor() as cursor:
            cursor.execute(textindex.version_sql())
            return cursor.fetchone()[0]

    before = version()
    SearchDocument.objects.filter(is_deleted=False).update(attempts=3)  # bookkeeping: not what search sees
    assert version() == before
    CaseFactory(title="合成データ：版を変える事例")
    assert version() != before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds a table it alters, dropping its triggers")
def test_install_restores_triggers_a_table_rebuild_dropped(use_database):
    with connection.cursor() as cursor:
        for name in textindex._TRIGGER_NAMES:
            cursor.execute(f"DROP TRIGGER {name}")
    case = CaseFactory(title="合成データ：鯱鉾の復旧確認")  # a write the index misses
    textindex.install(connection)
    assert found_keys("鯱鉾") == rule_keys("鯱鉾") == {SearchDocument.objects.get(data__url=case.url).key}
    CaseFactory(title="合成データ：鯱鉾の二件目")  # and the triggers are back
    assert len(found_keys("鯱鉾")) == 2
