"""Configuration for several servers, read by fresh production processes."""

import json

import pytest

from tests.security.test_production_settings import PRODUCTION_ENV, run

from .services import Redis

SHOW = "import django; django.setup(); from django.conf import settings as s; print({})"


def production(expression, **env):
    result = run(
        ["-c", SHOW.format(expression)], {**PRODUCTION_ENV, **env}, drop=("CACHE_URL", "REDIS_URL", "STORAGES")
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


@pytest.mark.parametrize("name", ["CACHE_URL", "REDIS_URL"])
def test_a_cache_url_selects_the_shared_redis_cache(name):
    shown = production(
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']", **{name: "redis://10.0.0.5:6379/1"}
    )
    assert shown == "portal.cache.TolerantRedisCache redis://10.0.0.5:6379/1"


def test_without_one_a_server_keeps_its_file_cache():
    assert production("s.CACHES['default']['BACKEND']") == "django.core.cache.backends.filebased.FileBasedCache"


def test_storages_from_the_environment_replace_the_named_storage_only():
    chosen = {"default": {"BACKEND": "django.core.files.storage.InMemoryStorage", "OPTIONS": {"base_url": "/media/"}}}
    shown = production(
        "type(__import__('django.core.files.storage', fromlist=['x']).storages['default']).__name__, "
        "s.STORAGES['staticfiles']['BACKEND']",
        STORAGES=json.dumps(chosen),
    )
    assert shown == "InMemoryStorage whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("value", ["{not json", '{"default": "S3"}', "[1]"])
def test_bad_storages_stop_the_start_with_a_clear_message(value):
    result = run(["manage.py", "check"], {**PRODUCTION_ENV, "STORAGES": value})
    assert result.returncode != 0
    assert "STORAGES must" in result.stderr


@pytest.mark.e2e
def test_two_processes_share_the_purge_number_and_the_engine_state_through_redis(tmp_path):
    redis = Redis(tmp_path)
    try:
        # Long enough to outlast the second process's start-up.
        env = {"CACHE_URL": redis.url, "ELASTICSEARCH_URL": "http://127.0.0.1:9", "ELASTICSEARCH_RETRY_AFTER": "600"}
        first = production(
            "__import__('pagecache.generation', fromlist=['x']).bump() or "
            "__import__('search.elastic', fromlist=['x']).mark_down('合成の障害') or "
            "__import__('pagecache.generation', fromlist=['x']).current()",
            **env,
        )
        second = production(
            "__import__('pagecache.generation', fromlist=['x']).current(), "
            "__import__('search.elastic', fromlist=['x']).available()",
            **env,
        )
    finally:
        redis.stop()
    assert second == f"{first} False"
