import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cases.models import CaseStudyPage
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_search_page_works_without_javascript(backend, client):
    html = client.get("/search/?q=子育て&field=work").content.decode()
    assert '<form class="filters" method="get"' in html
    assert 'type="checkbox" name="field" value="work" checked' in html
    assert 'aria-live="polite"' in html
    assert "分野：働き方" in html  # the chip
    assert "<mark>子育て</mark>" in html


def test_chip_link_removes_only_its_value(backend, client):
    response = client.get("/search/?q=防災&field=disaster&block=kyushu")
    chips = [v for f in response.context["result"].selected_facets for v in f.values if v.selected]
    disaster = next(v for v in chips if v.value == "disaster")
    assert disaster.toggle_query == "q=%E9%98%B2%E7%81%BD&block=kyushu"


def test_empty_result_says_which_filter_to_drop(backend, client):
    html = client.get("/cases/?q=子育て&field=agriculture").content.decode()
    assert "条件に合う結果はありませんでした" in html
    assert "分野（農林水産業）を外すと" in html


def test_long_facets_collapse_behind_a_native_disclosure(backend, client):
    html = client.get("/cases/").content.decode()
    assert '<details class="facet__more">' in html and "すべて表示" in html


def test_multiple_filters_are_noindex(backend, client):
    assert 'content="noindex,follow"' in client.get("/cases/?field=health&block=kyushu").content.decode()
    assert 'content="noindex,follow"' not in client.get("/cases/?field=health").content.decode()


def test_case_index_keeps_its_urls_and_only_lists_cases(backend, client):
    response = client.get("/cases/?field=health")
    result = response.context["result"]
    assert response.status_code == 200
    assert {h.kind for h in result.hits} == {"case"}
    assert result.count == CaseStudyPage.objects.live().filter(fields__slug="health").distinct().count()


def test_api_shape_lets_a_client_build_the_next_url(backend, client):
    data = client.get("/api/search/?q=IoT&field=health").json()
    assert set(data) >= {"count", "page", "num_pages", "backend", "results", "facets"}
    assert data["backend"] == backend
    first = data["results"][0]
    assert set(first) >= {"kind", "title", "url", "summary", "fields", "prefectures", "year", "highlight"}
    health = next(v for v in data["facets"]["field"] if v["value"] == "health")
    assert health["selected"] and health["label"] == "医療・介護・健康"
    other = next(v for v in data["facets"]["block"] if v["count"])
    narrowed = client.get(f"/api/search/?q=IoT&field=health&block={other['value']}").json()
    assert narrowed["count"] == other["count"]


@pytest.mark.parametrize("query, status", [("page=abc", 400), ("page=501", 400), ("page=400", 404)])
def test_api_errors_are_json(backend, client, query, status):
    response = client.get(f"/api/search/?{query}")
    assert response.status_code == status
    assert response.json()["error"]


@pytest.mark.parametrize("query", ["page=abc", "page=400", "q=%00", "q=" + "字" * 3000, "year=x&sort=y"])
def test_bad_input_on_the_page_is_never_a_500(backend, client, query):
    assert client.get(f"/search/?{query}").status_code in {200, 400, 404}


def test_suggest_api(backend, client):
    data = client.get("/api/search/suggest?q=ﾏﾝｺﾞｰ").json()
    assert data["backend"] == backend
    assert any("マンゴー" in s["title"] for s in data["suggestions"])


def test_best_bets_come_first_and_are_marked(backend, client):
    pick = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    SearchPromotion.objects.create(query=Query.get("iot"), page=pick, sort_order=0)
    result = client.get("/search/?q=ＩｏＴ").context["result"]
    assert result.hits[0].title == pick.title and result.hits[0].promoted
    assert [h.title for h in result.hits].count(pick.title) == 1
    assert "おすすめ" in client.get("/search/?q=IoT").content.decode()


def test_queries_are_counted_normalised_once_per_search(backend, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/search/?q=ＩｏＴ%E3%80%80地域")
        client.get("/search/?q=IoT 地域")
        assert client.get("/search/?q=IoT 地域&page=2").status_code == 200  # paging on is not another search
    query = Query.objects.get(query_string="iot 地域")
    assert sum(day.hits for day in query.daily_hits.all()) == 2


@pytest.mark.parametrize("url", ["/search/?q=IoT&field=health&block=kyushu", "/cases/?field=health", "/supports/"])
def test_search_pages_use_a_constant_number_of_queries(backend, client, url, request):
    CaseFactory.create_batch(5, placed=True)
    if backend == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    CaseFactory.create_batch(45, placed=True)
    if backend == "elasticsearch":
        from search import indexing

        indexing.reindex()
    # The database backend reads the rows once per content version for its facet
    # index (a cache fill, like the first request's): counted per page is after it.
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_a_place_in_the_query_offers_its_filter_without_applying_it(client, use_database):
    from taxonomy.models import Prefecture

    fukuoka = Prefecture.objects.get(name="福岡県")
    plain = client.get("/search/", {"q": "子育て"})
    response = client.get("/search/", {"q": "福岡 子育て"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"prefecture={fukuoka.slug}" in html and "福岡県で絞り込む" in html
    assert response.context["result"].count <= plain.context["result"].count
    chosen = client.get("/search/", {"q": "福岡 子育て", "prefecture": fukuoka.slug})
    assert "福岡県で絞り込む" not in chosen.content.decode()
