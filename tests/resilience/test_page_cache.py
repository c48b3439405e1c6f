"""The anonymous page cache: served without the database, revalidated with
ETag/Last-Modified, purged by every publish, never personal."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage
from taxonomy.models import Field
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the purge) as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_second_visit_is_served_from_the_cache_without_the_database(client, django_assert_num_queries):
    first = client.get("/cases/?field=health")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/cases/?field=health")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"]


def test_query_strings_are_cached_apart(client):
    assert client.get("/cases/?field=health")["X-Page-Cache"] == "miss"
    assert client.get("/cases/?field=tourism")["X-Page-Cache"] == "miss"


def test_conditional_get_answers_304(client):
    first = client.get("/cases/")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/cases/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/cases/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/cases/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_publishing_purges_the_page_and_every_list_showing_it(client, committed):
    for url in ("/", "/cases/", "/cases/?field=health"):
        client.get(url)
    case = committed(lambda: CaseFactory(title="キャッシュ消去を確かめる合成事例", fields=[]))
    listing = client.get("/cases/")
    assert listing["X-Page-Cache"] == "miss"
    assert case.title in listing.content.decode()
    assert client.get(case.url)["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_unpublishing_purges(client, committed):
    case = committed(lambda: CaseFactory(title="取り下げを確かめる合成事例"))
    assert client.get(case.url).status_code == 200
    assert case.title in client.get("/cases/").content.decode()
    committed(lambda: case.unpublish())
    assert client.get(case.url).status_code == 404
    assert case.title not in client.get("/cases/").content.decode()


def test_a_new_revision_replaces_the_cached_page(client, committed):
    case = CaseStudyPage.objects.live().first()
    client.get(case.url)

    def edit():
        case.title = "改題を確かめる合成の題名"
        case.save_revision().publish()

    committed(edit)
    assert "改題を確かめる合成の題名" in client.get(case.url).content.decode()


def test_moving_by_renaming_purges_the_old_address(client, committed):
    case = committed(lambda: CaseFactory())
    old_url = case.url
    assert client.get(old_url).status_code == 200

    def rename():
        case.slug = "renamed-synthetic-case"
        case.save_revision().publish()

    committed(rename)
    response = client.get(old_url)
    # Wagtail leaves a permanent redirect behind; the cached old page is gone.
    assert response.status_code == 301 and response["Location"].endswith("/renamed-synthetic-case/")


def test_making_a_page_private_purges_it(client, committed):
    case = committed(lambda: CaseFactory(title="非公開化を確かめる合成事例"))
    assert client.get(case.url).status_code == 200
    committed(lambda: PageViewRestriction.objects.create(page=case, restriction_type="login"))
    assert client.get(case.url).status_code == 302


def test_logged_in_users_are_never_cached(client, editor):
    client.force_login(editor)
    response = client.get("/cases/")
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get("/cases/")["X-Page-Cache"] == "miss"


def test_an_editors_page_never_reaches_anonymous_visitors(client, superuser):
    client.force_login(superuser)
    editor_view = client.get("/cases/").content.decode()
    client.logout()
    anonymous = client.get("/cases/").content.decode()
    assert "wagtail-userbar" in editor_view or "userbar" in editor_view
    assert "userbar" not in anonymous


def test_password_forms_and_search_are_not_cached(client, committed):
    case = committed(lambda: CaseFactory())
    committed(lambda: PageViewRestriction.objects.create(page=case, restriction_type="password", password="pw"))
    assert "X-Page-Cache" not in client.get(case.url)
    assert "X-Page-Cache" not in client.get("/search/?q=IoT")
    assert "X-Page-Cache" not in client.get("/api/search/?q=IoT")


def test_errors_are_not_cached(client):
    assert "X-Page-Cache" not in client.get("/cases/?page=abc")
    assert "X-Page-Cache" not in client.get("/no-such-page/")


def test_switched_off_by_default(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get("/cases/")


def test_home_counts_are_kept_until_the_next_publish(client, settings, committed):
    settings.PAGE_CACHE_SECONDS = 0  # the whole page is rendered each time; only the counts are kept
    settings.CONTENT_CACHE_SECONDS = 300

    def health_count():
        return next(f.case_count for f in client.get("/").context["fields"] if f.slug == "health")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    before = health_count()
    kept = queries()
    settings.CONTENT_CACHE_SECONDS = 0
    # The scans the cache saves: cases per 分野 and per block, and the
    # pictures' cases per prefecture and per year.
    assert queries() == kept + 4
    settings.CONTENT_CACHE_SECONDS = 300
    committed(lambda: CaseFactory(fields=[Field.objects.get(slug="health")]))
    assert health_count() == before + 1
