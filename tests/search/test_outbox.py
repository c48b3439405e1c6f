"""Nothing lost, nothing down: the outbox carries every change to the
engine, whatever state the engine is in."""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from cases.models import CaseIndexPage, CaseStudyPage
from search import elastic, indexing, service
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import document_key, indexed_models, public_queryset
from search.models import SearchDocument
from search.query import SearchQuery
from search.registry import kind_labels
from tests.engine import sync_engine
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def row(page):
    return SearchDocument.objects.get(key=document_key(page))


def engine_titles(text):
    return [d["title"] for d in ElasticsearchBackend().search(SearchQuery(text=text, per_page=100)).documents]


def test_publishing_writes_the_document_in_the_same_transaction():
    case = CaseFactory(title="見守りサービスの合成事例")
    document = row(case)
    assert document.pending and not document.is_deleted
    assert document.data["title"] == "見守りサービスの合成事例"
    assert "見守りサービスの合成事例".casefold() in document.text


def test_each_publish_and_unpublish_builds_the_document_once(monkeypatch):
    from events.models import Seminar

    built = []
    monkeypatch.setattr(indexing, "record", built.append)
    monkeypatch.setattr(indexing, "forget", built.append)
    case = CaseFactory(publish=False)
    built.clear()
    case.save_revision().publish()
    case.refresh_from_db()
    case.unpublish()
    seminar = Seminar.objects.filter(live=True).first()
    seminar.save_revision().publish()
    assert [item.pk for item in built] == [case.pk, case.pk, seminar.pk]


def test_unpublishing_and_deleting_leave_tombstones_until_the_engine_confirms():
    case = CaseFactory()
    case.unpublish()
    assert row(case).is_deleted and row(case).pending
    other = CaseFactory()
    key = document_key(other)
    other.delete()
    assert SearchDocument.objects.get(key=key).is_deleted


def test_a_private_page_is_withdrawn():
    case = CaseFactory()
    PageViewRestriction.objects.create(page=case, restriction_type="password", password="secret")
    assert row(case).is_deleted


def test_renaming_the_index_updates_every_case_url(django_capture_on_commit_callbacks):
    index = CaseIndexPage.objects.get()
    case = CaseStudyPage.objects.live().first()
    index.slug = "jirei"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail announces slug changes on commit
        index.save_revision().publish()
    assert row(case).data["url"].startswith("/jirei/")


def test_publishing_while_the_engine_is_down_is_fast_and_loses_nothing(
    use_elasticsearch, settings, django_capture_on_commit_callbacks
):
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(title="停止中に公開した合成事例")
    assert time.monotonic() - started < 3
    document = row(case)
    assert document.pending and document.attempts == 1 and document.next_attempt_at and document.last_error

    settings.ELASTICSEARCH_URL = real_url
    assert "停止中に公開した合成事例" not in engine_titles("停止中に公開")
    with pytest.raises(CommandError, match="うち1件は再送の待機中です。--now で直ちに再送します"):
        call_command("search_sync")  # the row waits out its back-off
    call_command("search_sync", now=True)
    assert not row(case).pending
    elastic.client().indices.refresh(index=elastic.alias_name())
    assert engine_titles("停止中に公開") == ["停止中に公開した合成事例"]


def test_unpublished_while_down_is_never_shown_and_is_removed_on_sync(use_elasticsearch, settings):
    case = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    case.unpublish()
    settings.ELASTICSEARCH_URL = real_url
    # The engine still holds the document, but the outbox has the last word.
    assert case.title in engine_titles("お礼ルール")
    result = service.search(QueryDict("q=お礼ルール"), log_query=False)
    assert result.backend == "elasticsearch" and case.title not in [h.title for h in result.hits]
    sync_engine()
    assert engine_titles("お礼ルール") == []
    assert not SearchDocument.objects.filter(key=document_key(case)).exists()


def test_search_falls_back_to_the_database_and_says_so(unreachable_engine, client):
    result = service.search(QueryDict("q=子育て"), log_query=False)
    assert result.backend == "database" and result.count > 0
    assert result.notice
    started = time.monotonic()
    response = client.get("/api/search/?q=子育て")
    assert time.monotonic() - started < 1  # the breaker skips the dead engine
    assert response.json()["backend"] == "database"
    assert "データベースによる検索結果" in client.get("/search/?q=子育て").content.decode()


def test_search_sync_and_status_report_and_recover(use_elasticsearch, capsys):
    CaseFactory(title="状態確認用の合成事例")
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_status")
    assert exit_info.value.code == 1
    sync_engine()
    call_command("search_status")
    assert "一致しています" in capsys.readouterr().out


def test_status_fails_when_the_engine_is_unreachable(unreachable_engine):
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_status")
    assert exit_info.value.code == 1


def test_queries_keep_answering_while_the_index_is_rebuilt(use_elasticsearch):
    expected = ElasticsearchBackend().search(SearchQuery(per_page=1)).count
    counts, errors, stop = [], [], threading.Event()

    def query_loop():
        # Only the engine is touched here: the test database belongs to the main thread.
        while not stop.is_set():
            try:
                counts.append(ElasticsearchBackend().search(SearchQuery(per_page=1)).count)
            except Exception as error:  # recorded, asserted below
                errors.append(error)

    worker = threading.Thread(target=query_loop)
    worker.start()
    try:
        old = elastic.indexes_behind_alias()
        for _ in range(3):
            indexing.reindex()
    finally:
        stop.set()
        worker.join()
    assert errors == []
    assert len(counts) > 3 and set(counts) == {expected}
    assert elastic.indexes_behind_alias() != old and len(elastic.indexes_behind_alias()) == 1


def test_search_reindex_command_rebuilds_rows_and_index(use_elasticsearch, capsys):
    SearchDocument.objects.all().delete()
    call_command("search_reindex")
    expected = sum(public_queryset(model).count() for model in indexed_models())
    assert SearchDocument.objects.filter(is_deleted=False).count() == expected
    # Every kind of content the site indexes has seeded items.
    assert set(SearchDocument.objects.values_list("kind", flat=True)) == set(kind_labels())
    assert "エイリアス" in capsys.readouterr().out
