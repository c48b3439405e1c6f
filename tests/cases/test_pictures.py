"""The case index's tile map follows the list's filters; a model case shows
its own place and its adopters' on the same map."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseStudyPage
from taxonomy.models import Field, Municipality, Prefecture
from tests.charts.html import soup, table_rows, tile_labels, tiles
from tests.engine import sync_engine
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def counts(response):
    found = {}
    for label, href in tiles(response, "results-map").items():
        count, name, selected = re.fullmatch(r"\S+ (\d+)件（(\S+?)の事例(・選択中)?）", label).groups()
        found[name] = (int(count), parse_qs(urlsplit(href).query), bool(selected))
    return found


def expected(**filters):
    cases = CaseStudyPage.objects.live().public()
    for lookup, value in filters.items():
        cases = cases.filter(**{lookup: value})
    return {
        prefecture.name: cases.filter(municipality_links__municipality__prefecture=prefecture).distinct().count()
        for prefecture in Prefecture.objects.all()
    }


def test_tiles_count_the_filtered_list_and_keep_its_other_filters(client, backend):
    response = client.get("/cases/?field=health&sort=title&page=1")
    found = counts(response)
    assert {name: count for name, (count, _, _) in found.items()} == expected(fields__slug="health")
    hokkaido = Prefecture.objects.get(name="北海道")
    _, query, _ = found["北海道"]
    assert query == {
        "field": ["health"],
        "sort": ["title"],
        "prefecture": [hokkaido.slug],
    }  # no page: a new list starts at 1


def test_a_chosen_prefecture_is_marked_and_the_others_still_say_what_choosing_them_gives(client, backend):
    nara = Prefecture.objects.get(name="奈良県")
    found = counts(client.get(f"/cases/?prefecture={nara.slug}"))
    assert found["奈良県"][2] and not found["北海道"][2]
    assert {name: count for name, (count, _, _) in found.items()} == expected()
    assert found["北海道"][1]["prefecture"] == [Prefecture.objects.get(name="北海道").slug]  # replaces, not adds


def test_the_map_follows_a_new_case_on_the_real_engine(client, use_elasticsearch):
    tottori = Municipality.objects.filter(prefecture__name="鳥取県").first()
    before = counts(client.get("/cases/?field=work"))["鳥取県"][0]
    CaseFactory(fields=[Field.objects.get(slug="work")], municipalities=[tottori])
    sync_engine()
    assert client.get("/cases/?field=work").context["result"].backend == "elasticsearch"
    assert counts(client.get("/cases/?field=work"))["鳥取県"][0] == before + 1


@pytest.mark.parametrize(
    "query",
    [
        "prefecture=no-such-place",
        "prefecture=%3Cscript%3E",
        "prefecture=" + "x" * 5000,
        "prefecture=&prefecture=hokkaido&field=%00",
    ],
)
def test_bad_prefecture_values_still_draw_every_tile(client, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert len(counts(response)) == 47
    assert "<script>" not in response.content.decode()


def test_the_index_table_repeats_the_tiles(client):
    response = client.get("/cases/?field=disaster")
    table = {
        name.removesuffix("（選択中）"): int(count.removesuffix("件"))
        for name, count in table_rows(soup(response).select_one(".tile-map__data"))
    }
    assert table == {name: count for name, (count, _, _) in counts(response).items()}


def in_prefecture(name):
    return Municipality.objects.filter(prefecture__name=name).order_by("pk").first()


def test_model_case_map_marks_its_place_and_its_adopters_and_lists_them(client):
    model = CaseFactory(title="合成のモデル事例", municipalities=[in_prefecture("奈良県")])
    adopter = CaseFactory(
        title="合成の横展開事例", model_case=model, municipalities=[in_prefecture("北海道"), in_prefecture("奈良県")]
    )
    CaseFactory(title="非公開の横展開事例", model_case=model, municipalities=[in_prefecture("沖縄県")], publish=False)
    response = client.get(model.url)
    labels = tile_labels(response, "places")
    assert "奈良 ★●" in labels and "北海道 ●" in labels and "沖縄" in labels and "東京" in labels
    description = soup(response).find(id="places-desc").get_text()
    assert "モデル事例の地域（★）：奈良県" in description and "横展開先の地域（●）：北海道、奈良県" in description
    legend = [li.get_text(strip=True) for li in soup(response).select(".tile-map__legend li")]
    assert legend == ["●横展開先の地域", "★●モデル事例の地域で横展開先もある", "該当なし"]  # symbol, then words
    adopters = [li.get_text(strip=True) for li in soup(response).select(".adopters li")]
    assert adopters == [f"{adopter.title}（{in_prefecture('北海道')}、{in_prefecture('奈良県')}）"]


def test_a_model_case_whose_place_the_documents_do_not_give_says_so(client):
    model = CaseFactory(title="地域の記載がないモデル事例")
    CaseFactory(model_case=model, municipalities=[in_prefecture("熊本県")])
    response = client.get(model.url)
    assert "モデル事例の地域（★）：記載なし" in soup(response).find(id="places-desc").get_text()
    assert "地図には横展開先だけを示しています" in response.content.decode()


def test_a_case_without_adopters_has_no_map(client):
    case = CaseFactory(municipalities=[in_prefecture("奈良県")])
    assert 'id="places-title"' not in client.get(case.url).content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def spread(model, count):
    """`count` more live cases adopting `model`, each in a different
    prefecture: more tiles lit, more facet values, more adopters listed."""
    used = set(
        CaseStudyPage.objects.filter(model_case=model).values_list(
            "municipality_links__municipality__prefecture", flat=True
        )
    )
    for prefecture in Prefecture.objects.exclude(pk__in=used - {None}).order_by("code")[:count]:
        CaseFactory(
            model_case=model,
            fields=[Field.objects.get(slug="health")],
            municipalities=[in_prefecture(prefecture.name)],
            year_started=2010 + count,
        )


@pytest.mark.parametrize("page", ["/", "/cases/", "/cases/?field=health&prefecture=hokkaido", "model"])
def test_pictures_cost_the_same_queries_whatever_the_number_of_cases(client, page):
    model = CaseFactory(title="クエリ数確認用の合成モデル事例", municipalities=[in_prefecture("奈良県")])
    url = model.url if page == "model" else page
    spread(model, 3)
    client.get(url)
    few = queries(client, url)
    spread(model, 12)
    client.get(url)  # the search's facet index is read once per content version, like the first request's caches
    many = queries(client, url)
    assert len(many) == len(few), "\n".join(many)
    assert len(soup(client.get(url)).select("svg.tile-map__svg rect.tile-map__tile")) == 47
