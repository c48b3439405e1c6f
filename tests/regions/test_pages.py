"""The region pages on the seeded content: what they show, their URLs,
bad input, indexability, sitemap and search."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.models import NetworkPage, RegionBlockPage
from taxonomy.models import Municipality, MunicipalityKind, Prefecture
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def municipality_url(prefecture_code, name):
    municipality = Municipality.objects.select_related("prefecture__block").get(
        prefecture__code=prefecture_code, name=name
    )
    return RegionBlockPage.objects.get(block=municipality.prefecture.block).municipality_url(municipality)


def test_municipality_urls_are_percent_encoded():
    assert municipality_url("01", "室蘭市") == f"/regions/hokkaido/hokkaido/{quote('室蘭市')}/"


@pytest.mark.parametrize(
    "url, text",
    [
        ("/regions/", "北海道ブロック"),
        ("/regions/tohoku/", "東北地域IoT実装アクションプラン"),
        ("/regions/tohoku/", "13団体"),
        ("/regions/hokkaido/hokkaido/", "室蘭市"),
        ("/regions/chiiki-iot-kanmin-net/", "山内道雄"),
        ("/regions/chiiki-iot-kanmin-net/", "120団体"),
        ("/regions/chiiki-iot-kanmin-net/", "2017年7月11日"),
        ("/roadmap/", "2017年5月25日改定"),
        ("/roadmap/", "赤字・下線の分野別モデルに限定して実施"),
        ("/opendata-guide/", "CC-BY"),
        ("/opendata-guide/", "DATA.GO.JP"),
        ("/opendata-guide/", "2015〜2016年の資料"),
    ],
)
def test_pages_show_what_the_documents_say(client, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_municipality_page_shows_name_kind_block_and_membership(client):
    body = client.get(municipality_url("01", "室蘭市")).content.decode()
    for text in ("むろらんし", "団体区分</dt><dd>市", "北海道ブロック", "012050", "地域IoT官民ネット", "発起人自治体"):
        assert text in body
    assert 'content="noindex,follow"' not in body


def test_member_printed_ambiguously_is_recorded_as_printed_with_a_note(client):
    body = client.get(municipality_url("18", "高浜市")).content.decode()
    assert "高浜町" in body and "不明確" in body


def synthetic_village():
    """A body with no case, membership or seminar of its own."""
    hokkaido = Prefecture.objects.get(code="01")
    return Municipality.objects.create(name="合成村", prefecture=hokkaido, kind="village")


def test_page_with_nothing_of_its_own_is_noindex_and_out_of_the_sitemap(client):
    municipality = synthetic_village()
    url = municipality_url(municipality.prefecture.code, municipality.name)
    assert 'content="noindex,follow"' in client.get(url).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert url not in sitemap
    assert municipality_url("01", "室蘭市") in sitemap
    assert "/regions/hokkaido/hokkaido/</loc>" in sitemap


def test_a_case_makes_a_municipality_page_its_own(client):
    municipality = synthetic_village()
    case = CaseFactory(title="合成事例（地域ページの確認用）", municipalities=[municipality])
    body = client.get(municipality_url(municipality.prefecture.code, municipality.name)).content.decode()
    assert case.title in body
    assert 'content="noindex,follow"' not in body


@pytest.mark.parametrize("code", ["01205", "012050", "０１２０５"])
def test_code_redirects_to_the_municipality(client, code):
    response = client.get(f"/regions/code/{quote(code)}/")
    assert response.status_code == 302
    assert response["Location"] == municipality_url("01", "室蘭市")


@pytest.mark.parametrize(
    "url",
    [
        "/regions/code/012051/",  # wrong check digit
        "/regions/code/abc/",
        "/regions/code/99999/",
        "/regions/kanto/hokkaido/",  # a prefecture of another block
        "/regions/hokkaido/no-such-prefecture/",
        f"/regions/hokkaido/hokkaido/{quote('存在しない町')}/",
        "/regions/hokkaido/hokkaido/%ZZ/",
        "/regions/no-such-block/",
    ],
)
def test_bad_addresses_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404


def test_a_prefecture_as_a_body_redirects_to_its_prefecture_page(client):
    response = client.get(f"/regions/hokkaido/hokkaido/{quote('北海道')}/")
    assert response.status_code == 302
    assert response["Location"] == "/regions/hokkaido/hokkaido/"


def test_breadcrumbs_of_a_route_name_block_and_prefecture(client):
    body = client.get(municipality_url("01", "室蘭市")).content.decode()
    assert '"BreadcrumbList"' in body
    for name in ("地域から探す", "北海道ブロック", "北海道", "室蘭市"):
        assert f'"name": "{name}"' in body


def test_block_page_counts_bodies_by_kind_and_names_only_those_with_cases(client):
    body = client.get("/regions/hokkaido/").content.decode()
    hokkaido = Prefecture.objects.get(code="01")
    counts = [
        f"{label} {n}"
        for kind, label in MunicipalityKind.choices
        if kind != "prefecture" and (n := Municipality.objects.filter(prefecture=hokkaido, kind=kind).count())
    ]
    assert f'<p class="kind-counts">{"、".join(counts)}</p>' in body
    with_case = Municipality.objects.filter(prefecture=hokkaido, case_links__page__live=True).first()
    without = Municipality.objects.filter(prefecture=hokkaido, kind="village", case_links__isnull=True).first()
    assert body.count(f'href="{municipality_url("01", with_case.name)}"') == 1
    assert municipality_url("01", without.name) not in body
    assert municipality_url("01", without.name) in client.get("/regions/hokkaido/hokkaido/").content.decode()


def test_network_lists_every_member_once():
    network = NetworkPage.objects.get(slug="chiiki-iot-kanmin-net")
    assert network.memberships.count() == network.member_municipalities


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize(
    "url",
    [
        lambda m: municipality_url(m.prefecture.code, m.name),
        lambda m: RegionBlockPage.objects.get(block=m.prefecture.block).prefecture_url(m.prefecture),
        lambda m: RegionBlockPage.objects.get(block=m.prefecture.block).url,
    ],
    ids=["municipality", "prefecture", "block"],
)
def test_queries_do_not_depend_on_the_number_of_cases(client, url):
    municipality = Municipality.objects.select_related("prefecture__block").get(prefecture__code="01", name="室蘭市")
    address = url(municipality)
    model = CaseFactory(title="合成モデル事例")
    CaseFactory(municipalities=[municipality], model_case=model)
    client.get(address)
    few = _queries(client, address)
    for _ in range(4):
        CaseFactory(municipalities=[municipality], model_case=CaseFactory())
    many = _queries(client, address)
    assert len(many) == len(few), "\n".join(many)


def test_region_pages_are_found_by_search(client):
    response = client.get("/api/search/", {"q": "官民ネット"})
    assert response.status_code == 200
    titles = [hit["title"] for hit in response.json()["results"]]
    assert "地域IoT官民ネット" in titles


def test_prefecture_page_shows_003_measures_with_date_source_and_caveat(client):
    body = client.get("/regions/tohoku/miyagi/").content.decode()
    for text in (
        "2015年12月末現在",
        "暫定版",
        "当室読み込みによるまとめ",
        "SaaS基盤の構築推進",
        "表に記載なし（施策がないという意味ではありません）",
    ):
        assert text in body


def test_prefecture_whose_row_cannot_be_read_says_so_rather_than_nothing(client):
    body = client.get("/regions/kanto/gunma/").content.decode()
    assert "読み取れない" in body
    assert "表に記載なし" not in body


def test_garbled_cell_is_left_out_and_marked(client):
    body = client.get("/regions/tohoku/aomori/").content.decode()
    assert "THE COLUMN" not in body
    assert "文字が崩れているため載せていません" in body
