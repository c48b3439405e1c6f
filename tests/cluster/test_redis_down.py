"""The shared cache stopped under a running site (a real redis-server): page
views and publishes go on uncached, and a purge Redis missed is made when it
is back with its old pages."""

import pytest
from django.core.cache import cache

from cases.models import CaseStudyPage
from pagecache import generation

from .services import Redis

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

NEW_TITLE = "共有キャッシュ停止中に公開した合成の題名"


@pytest.fixture
def redis_cache(tmp_path, settings, monkeypatch):
    redis = Redis(tmp_path)
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": redis.url,
            # No pause after a failure: each step below asks Redis again.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "retry_after": 0},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.CONTENT_CACHE_SECONDS = 3600
    monkeypatch.setattr(generation, "_missed", False)
    try:
        yield redis
    finally:
        redis.stop()


@pytest.fixture
def case():
    return CaseStudyPage.objects.live().order_by("pk").first()


def publish_new_title(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case.title = NEW_TITLE
        case.save_revision().publish()


def test_with_redis_stopped_pages_and_a_publish_still_answer(
    client, redis_cache, case, django_capture_on_commit_callbacks
):
    client.get(case.url)
    assert client.get(case.url)["X-Page-Cache"] == "hit"
    redis_cache.stop()

    for url in (case.url, "/", "/cases/", "/search/?q=IoT"):
        assert client.get(url).status_code == 200, url
    assert cache.get("anything", "default") == "default"
    publish_new_title(case, django_capture_on_commit_callbacks)
    assert NEW_TITLE in client.get(case.url).content.decode()


@pytest.mark.parametrize("retry", ["the next page view", "the worker's job"])
def test_a_purge_missed_while_redis_was_away_is_made_when_it_is_back(
    client, redis_cache, case, django_capture_on_commit_callbacks, retry
):
    client.get(case.url)
    assert client.get(case.url)["X-Page-Cache"] == "hit"
    redis_cache.stop(save=True)
    publish_new_title(case, django_capture_on_commit_callbacks)
    redis_cache.start()  # with the old number and the old page

    if retry == "the worker's job":
        assert generation.retry_missed_purge() == "ページキャッシュの消去を再実行しました"
        assert generation.retry_missed_purge() is None
    page = client.get(case.url).content.decode()
    assert NEW_TITLE in page
