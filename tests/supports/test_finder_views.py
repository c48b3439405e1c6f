"""The finder over HTTP: the page, the CSV download, the JSON API, and the
admin editing a rule."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseProgram
from supports.models import SupportIndexPage, SupportProgramPage
from taxonomy.models import Field, Municipality
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

FINDER = "/supports/finder/"
CSV_URL = "/supports/finder/csv/"
API = "/api/supports/finder/"
PLAN = "市町村官民データ活用推進計画の策定"
TOWN_DEPOPULATED = {"applicant_kind": "town", "disadvantaged": "depopulated", "prerequisites": PLAN}


def api_result(response, slug):
    return next(r for r in response.json()["results"] if r["slug"] == slug)


def test_urls():
    index = SupportIndexPage.objects.get()
    assert index.url + index.reverse_subpage("finder") == FINDER
    assert index.url + index.reverse_subpage("finder_csv") == CSV_URL
    assert reverse("supports_finder_api") == API


def test_empty_page_shows_the_form_and_the_age_of_the_data(client):
    response = client.get(FINDER)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="finder-form" method="get" action="/supports/finder/"' in html
    assert "2017〜2018年度" in html
    assert "判定結果" not in html and "aria-invalid" not in html
    assert 'aria-current="page">支援策を探す' in html


def test_navigation_and_index_link_to_the_finder(client):
    assert 'href="/supports/finder/"' in client.get("/").content.decode()
    assert 'href="/supports/finder/"' in client.get("/supports/").content.decode()


def test_results_page(client):
    response = client.get(FINDER, {**TOWN_DEPOPULATED, "cost": "３０００万円"})
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("対象（", "対象外（", "対象の判定に必要な情報が資料にない支援策（"):
        assert heading in html
    article = re.search(r'<article[^>]*>\s*<h4[^>]*><a href="/supports/iot-jisso-2018/">.*?</article>', html, re.S)
    assert article, "the 2018 program links to its page"
    text = article.group(0)
    assert "判定：対象" in text and "2018年度" in text and "過去の年度" in text
    assert "条件不利地域（過疎地域）に該当するため" in text
    assert "方式ごとの支援額（事業費3,000万円の場合）" in text
    # The best option is named in words, not only styled.
    assert text.count("最も有利") == 2 and text.count('class="is-best"') == 2
    assert 'href="/supports/finder/csv/?' in html
    # The shareable URL keeps what was typed.
    assert 'value="３０００万円"' in html


def test_best_option_is_marked_once_when_one_is_better(client):
    html = client.get(FINDER, {**TOWN_DEPOPULATED, "cost": "6000万円"}).content.decode()
    text = re.search(r'href="/supports/iot-jisso-2018/">.*?</article>', html, re.S).group(0)
    assert text.count("最も有利") == 1
    assert re.search(r'<tr class="is-best">\s*<th scope="row">補助率1/2（上限2,000万円）', text)


def test_similar_cases_are_linked(client):
    town = Municipality.objects.filter(kind="town", prefecture__block__slug="kyushu").first()
    html = client.get(FINDER, {"municipality": town.pk}).content.decode()
    assert "似た団体がこの支援策を活用した事例" in html
    assert re.search(r'<a href="/cases/[^"]+/">[^<]+</a>（[^）]+：同じ(町|九州ブロック)', html)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"applicant_kind": "town", "fiscal_index": "-1"}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "fiscal_index": "abc"}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "cost": "三千万"}, "cost", "金額で入力してください"),
        ({"municipality": "999999"}, "municipality", "検査数字"),
        ({"municipality": "存在しない町"}, "municipality", "見つかりませんでした"),
    ],
)
def test_bad_input_on_the_page_is_a_400_with_the_error_by_the_field(client, params, field, message):
    response = client.get(FINDER, params)
    assert response.status_code == 400
    html = response.content.decode()
    control = re.search(rf'<(input|select)[^>]*name="{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in control
    assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]+)"', control).group(1)
    error = re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>([^<]+)</li>', html)
    assert error and message in error.group(1)
    assert "入力内容を確認してください" in html and f'href="#id_{field}"' in html
    assert "判定結果" not in html


def test_checkbox_group_error_describes_the_fieldset(client):
    html = client.get(FINDER, {"applicant_kind": "town", "disadvantaged": "desert"}).content.decode()
    assert re.search(r'<fieldset aria-describedby="id_disadvantaged_error">', html)
    assert 'href="#id_disadvantaged_0"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "1" * 5000},
        {"applicant_kind": "town", "cost": "1" * 5000},
        {"applicant_kind": "town", "cost": "\x00"},
        {"applicant_kind": "town", "field": ["x"] * 100},
        {"applicant_kind": ["town", "city"]},
        {"page": "abc"},
    ],
)
def test_hostile_input_is_never_a_500(client, params):
    for url in (FINDER, CSV_URL, API):
        assert client.get(url, params).status_code in (200, 400)


def test_csv(client):
    response = client.get(CSV_URL, {**TOWN_DEPOPULATED, "cost": "30,000,000"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="supports-finder.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:7] == ["支援策", "年度", "判定", "理由", "方式ごとの支援額", "最適な方式", "URL"]
    assert rows[0][7:] == [
        "財源の組み方（実質負担の最も少ないもの）",
        "国庫補助額（円）",
        "地方債（円）",
        "一般財源等（円）",
        "うち交付税措置（円）",
        "実質負担額（円）",
        "実質負担の割合",
        "ほかの財源の組み方",
        "財源の注記",
    ]
    assert len(rows) == 1 + SupportProgramPage.objects.live().count()
    row = next(r for r in rows if r[6].endswith("/supports/iot-jisso-2018/"))
    assert row[1:3] == ["2018年度", "対象"]
    assert row[4] == "定額（上限1,500万円）：1,500万円（上限額）／補助率1/2（上限2,000万円）：1,500万円"
    assert row[5] == "定額（上限1,500万円）：1,500万円（上限額）"
    assert row[6] == "http://testserver/supports/iot-jisso-2018/"
    statuses = [r[2] for r in rows[1:]]
    order = ["対象", "条件付きで対象", "対象外", "判定できません"]
    assert statuses == sorted(statuses, key=order.index)


def test_csv_guards_against_spreadsheet_formulas(client):
    page = SupportProgramPage.objects.get(slug="advisor")
    page.title = '=HYPERLINK("x")'
    page.save_revision().publish()
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL, {"applicant_kind": "town"}).content.decode()[1:])))
    assert '\'=HYPERLINK("x")' in [r[0] for r in rows]


def test_csv_with_bad_input_explains_on_the_page(client):
    response = client.get(CSV_URL, {"applicant_kind": "town", "fiscal_index": "abc"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "財政力指数は0以上3以下の数値" in response.content.decode()
    assert client.get(CSV_URL).status_code == 400


@pytest.mark.parametrize(
    ("params", "slug", "status", "amounts", "best"),
    [
        (
            {**TOWN_DEPOPULATED, "cost": "３０００万円"},
            "iot-jisso-2018",
            "eligible",
            [15_000_000, 15_000_000],
            15_000_000,
        ),
        ({**TOWN_DEPOPULATED, "cost": "6,000万円"}, "iot-jisso-2018", "eligible", [15_000_000, 20_000_000], 20_000_000),
        ({"applicant_kind": "designated_city", "cost": "3000万円"}, "iot-jisso-2018", "ineligible", [], None),
        (
            {"applicant_kind": "designated_city", "cost": "3000万円"},
            "iot-jisso-2017",
            "eligible",
            [15_000_000],
            15_000_000,
        ),
        (
            {"applicant_kind": "city", "disadvantaged": "island", "fiscal_index": "0.35", "cost": "1000万円"},
            "public-wifi",
            "eligible",
            [6_666_666],
            6_666_666,
        ),
        (
            {"applicant_kind": "third_sector", "disadvantaged": "island", "cost": "1000万円"},
            "public-wifi",
            "eligible",
            [5_000_000],
            5_000_000,
        ),
    ],
)
def test_api_answers(client, params, slug, status, amounts, best):
    response = client.get(API, params)
    assert response.status_code == 200
    result = api_result(response, slug)
    assert result["status"] == status
    assert [a["amount_yen"] for a in result["amounts"]] == amounts
    assert (result["best"]["amount_yen"] if result["best"] else None) == best


def test_api_shape(client):
    response = client.get(API, {**TOWN_DEPOPULATED, "cost": "３０００万円"})
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["errors"] == {}
    assert data["profile"]["applicant_kind"] == "town"
    assert data["profile"]["cost_yen"] == 30_000_000
    assert data["profile"]["include_past_fiscal_years"] is True
    result = api_result(response, "iot-jisso-2018")
    assert result["url"] == "http://testserver/supports/iot-jisso-2018/"
    assert result["fiscal_year"] == 2018 and result["status_label"] == "対象"
    assert result["reasons"] == [
        "条件不利地域（過疎地域）に該当するため、定額（上限1,500万円）または1/2（上限2,000万円）を選べます"
    ]
    assert result["amounts"][0] == {
        "method": "fixed",
        "label": "定額（上限1,500万円）",
        "amount_yen": 15_000_000,
        "amount_display": "1,500万円",
        "capped": True,
        "best": True,
        "note": "定額補助（補助額上限1,500万円）",
    }
    assert result["best"]["method"] == "fixed"
    assert "\\u" not in response.content.decode("utf-8")  # Japanese is sent as UTF-8, not as \u escapes


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"applicant_kind": "town", "fiscal_index": "-1"}, "fiscal_index"),
        ({"applicant_kind": "town", "fiscal_index": "abc"}, "fiscal_index"),
        ({"applicant_kind": "town", "cost": "abc"}, "cost"),
        ({"municipality": "999999"}, "municipality"),
        ({}, "municipality"),
    ],
)
def test_api_bad_input_is_a_400_with_errors(client, params, field):
    response = client.get(API, params)
    assert response.status_code == 400
    data = response.json()
    assert data["results"] == [] and data["profile"] is None
    assert data["errors"][field] and all(message.endswith("。") for message in data["errors"][field])


def test_api_and_page_give_the_same_messages(client):
    params = {"applicant_kind": "town", "fiscal_index": "abc"}
    message = client.get(API, params).json()["errors"]["fiscal_index"][0]
    assert message in client.get(FINDER, params).content.decode()


def test_api_is_read_only(client):
    assert client.post(API, {"applicant_kind": "town"}).status_code == 405


def _extra_programs(n):
    """Programs like the 2018 subsidy, each used by a case in a 九州 town."""
    index = SupportIndexPage.objects.get()
    template = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    town = Municipality.objects.filter(kind="town", prefecture__block__slug="kyushu").first()
    field = Field.objects.get(slug="health")
    start = SupportProgramPage.objects.count()
    for i in range(start, start + n):
        program = SupportProgramPage(
            title=f"テスト用の合成支援策{i}",
            slug=f"synthetic-program-{i}",
            support_kind="subsidy",
            fiscal_year=2018,
            rules=template.rules.raw_data,
        )
        index.add_child(instance=program)
        program.fields.set([field])
        program.save_revision().publish()
        case = CaseFactory(fields=[field], municipalities=[town])
        case.program_links = [CaseProgram(program=program)]
        case.save_revision().publish()


@pytest.mark.parametrize("url", [FINDER, CSV_URL, API])
def test_query_count_does_not_grow_with_the_number_of_programs(client, django_assert_max_num_queries, url):
    town = Municipality.objects.filter(kind="town", prefecture__block__slug="kyushu").first()
    params = {"municipality": town.pk, "disadvantaged": "depopulated", "cost": "3000万円", "prerequisites": PLAN}
    _extra_programs(5)
    client.get(url, params)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    _extra_programs(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, params)
        assert response.status_code == 200
    assert "テスト用の合成支援策" in response.content.decode()
