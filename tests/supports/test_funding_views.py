"""Funding plans over HTTP: the finder's 財源の内訳 in HTML, JSON and CSV, the
program page's calculator, bad input, drafts, and constant SQL."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supports.models import FinancingLink, FinancingMeasure, SupportProgramPage
from tests.supports.test_finder_views import _extra_programs

pytestmark = pytest.mark.django_db

FINDER = "/supports/finder/"
CSV_URL = "/supports/finder/csv/"
API = "/api/supports/finder/"
WIFI = "/supports/public-wifi/"
KASO_ISLAND_TOWN = {
    "applicant_kind": "town",
    "disadvantaged": ["depopulated", "island"],
    "fiscal_index": "0.35",
    "cost": "3000万円",
}


def funding(response, slug):
    return next(r for r in response.json()["results"] if r["slug"] == slug)["funding"]


def figures(plan):
    keys = ("subsidy_yen", "bond_yen", "cash_yen", "allocation_yen", "real_burden_yen", "real_burden_share")
    return tuple(plan[key] for key in keys)


@pytest.mark.parametrize(
    ("params", "slug", "measure", "expected"),
    [
        # 2/3 → 2,000万; 補助裏1,000万 = 過疎債1,000万, 算入700万 → 実質300万
        (KASO_ISLAND_TOWN, "public-wifi", "kaso-bond", (20_000_000, 10_000_000, 0, 7_000_000, 3_000_000, "10%")),
        # 1/2 → 1,500万; 一般補助施設整備等事業債 75% = 1,125万, 算入なし → 実質1,500万
        (
            {"applicant_kind": "town", "fiscal_index": "0.6", "cost": "3000万円"},
            "public-wifi",
            "general-subsidy-facility-bond",
            (15_000_000, 11_250_000, 3_750_000, 0, 15_000_000, "50%"),
        ),
        # 都道府県 1/2: 公共事業等債 90% = 1,350万, 算入20% = 270万 → 実質1,230万
        (
            {"applicant_kind": "prefecture", "disadvantaged": "island", "cost": "3000万円"},
            "public-wifi",
            "public-works-bond",
            (15_000_000, 13_500_000, 1_500_000, 2_700_000, 12_300_000, "41%"),
        ),
        # 第三セクター 1/2 のみ、地方債なし
        (
            {"applicant_kind": "third_sector", "disadvantaged": "island", "cost": "3000万円"},
            "public-wifi",
            None,
            (15_000_000, 0, 15_000_000, 0, 15_000_000, "50%"),
        ),
        # 特別交付税措置: 1/2 × 上限2,000万 = 1,000万（財政力補正前）→ 実質2,000万
        (
            {"applicant_kind": "town", "cost": "3000万円"},
            "iot-special-tax",
            "iot-special-tax-measure",
            (0, 0, 30_000_000, 10_000_000, 20_000_000, "66.6%"),
        ),
    ],
)
def test_finder_json_gives_the_burden_the_documents_imply(client, params, slug, measure, expected):
    response = client.get(API, params)
    assert response.status_code == 200
    best = funding(response, slug)["best"]
    assert (best["measure"]["slug"] if best["measure"] else None) == measure
    assert figures(best) == expected


def test_alternatives_carry_their_reasons_and_the_special_tax_its_partial_rule(client):
    plans = funding(client.get(API, KASO_ISLAND_TOWN), "public-wifi")["plans"]
    by_slug = {plan["measure"]["slug"]: plan for plan in plans}
    assert [plan["best"] for plan in plans].count(True) == 1 and plans[0]["best"]
    assert by_slug["emergency-disaster-bond"]["status"] == "conditional"
    assert by_slug["emergency-disaster-bond"]["reason"].startswith("指定避難所における避難者の生活環境の改善")
    assert by_slug["public-works-bond"]["status"] == "unavailable"
    tax = funding(client.get(API, {"applicant_kind": "town", "cost": "3000万円"}), "iot-special-tax")
    assert "財政力補正あり：補正の算式が資料にないため、補正前の額で計算しています" in tax["best"]["notes"]
    assert any("2017〜2018年度の資料" in note for note in tax["notes"])


def test_no_cost_no_plan_and_programs_without_measures_have_none(client):
    data = client.get(API, {**KASO_ISLAND_TOWN, "cost": ""}).json()
    assert all(result["funding"] is None for result in data["results"])
    assert funding(client.get(API, KASO_ISLAND_TOWN), "advisor") is None


def test_csv_carries_the_same_figures_as_json(client):
    best = funding(client.get(API, KASO_ISLAND_TOWN), "public-wifi")["best"]
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL, KASO_ISLAND_TOWN).content.decode("utf-8-sig"))))
    header, row = rows[0], next(r for r in rows if r[0] == "公衆無線LAN環境整備支援事業")
    cells = dict(zip(header, row, strict=False))
    assert cells["財源の組み方（実質負担の最も少ないもの）"] == best["label"]
    assert int(cells["実質負担額（円）"]) == best["real_burden_yen"] == 3_000_000
    assert int(cells["うち交付税措置（円）"]) == best["allocation_yen"]
    assert cells["実質負担の割合"] == "10%"
    assert "緊急防災・減災事業債" in cells["ほかの財源の組み方"]


def test_sorting_by_real_burden(client):
    params = {"applicant_kind": "town", "disadvantaged": "depopulated", "cost": "3000万円", "sort": "burden"}
    results = client.get(API, params).json()["results"]
    eligible = [r for r in results if r["status"] == "eligible"]
    burdens = [r["funding"]["best"]["real_burden_yen"] for r in eligible if r["funding"] and r["funding"]["best"]]
    assert len(burdens) > 1 and burdens == sorted(burdens)
    first_without = next(i for i, r in enumerate(eligible) if not (r["funding"] and r["funding"]["best"]))
    assert all(not (r["funding"] and r["funding"]["best"]) for r in eligible[first_without:])
    unsorted = client.get(API, {**params, "sort": ""}).json()["results"]
    assert [r["slug"] for r in unsorted] != [r["slug"] for r in results]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"sort": "cheapest"}, "sort", "並び順は一覧から選んでください。"),
        ({"fiscal_index": "3.5"}, "fiscal_index", "財政力指数は0以上3以下の数値で入力してください（例：0.45）。"),
        ({"fiscal_index": "-0.2"}, "fiscal_index", "財政力指数は0以上3以下の数値で入力してください（例：0.45）。"),
        ({"cost": "-3000万円"}, "cost", "事業費は「3000万円」「30,000,000」のように金額で入力してください。"),
        ({"cost": "2兆円"}, "cost", "事業費は1兆円以下で入力してください。"),
        ({"cost": "0円"}, "cost", "事業費は1円以上で入力してください。"),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, params, field, message):
    query = {"applicant_kind": "town", **params}
    assert client.get(API, query).json()["errors"][field] == [message]
    response = client.get(FINDER, query)
    assert response.status_code == 400 and message in response.content.decode()


def test_finder_page_shows_the_table_and_an_accessible_bar(client):
    html = client.get(FINDER, KASO_ISLAND_TOWN).content.decode()
    assert "財源の内訳（事業費3,000万円の場合）" in html
    assert "実質負担が最も少ないのは<strong>過疎対策事業債（充当率100%、交付税算入率70%）</strong>" in html
    assert 'role="img" aria-labelledby="funding-' in html
    assert "国庫補助 2,000万円（66.6%）" in html and "交付税措置 700万円（23.3%）" in html
    assert "実質負担 300万円（10%）" in html
    assert "地方債の利子は資料に記載がないため計算に含めていません" in html
    # The bar is drawn without JavaScript (the page's only script, the
    # municipality combobox, sits after <main>).
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_program_page_calculator_answers_a_get_form(client):
    response = client.get(WIFI, {"cost": "3000万円", "applicant_kind": "prefecture", "disadvantaged": "island"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="calculator-heading"' in html and 'method="get"' in html
    assert "<strong>1,230万円</strong>（41%）" in html
    assert "公共事業等債（充当率90%、交付税算入率20%）。利用できる団体：都道府県" in html
    assert "都道府県・・・公共事業等債(充当率90%、交付税算入率20%)" in html  # the verbatim quote


def test_program_page_calculator_can_look_at_one_measure(client):
    params = {"cost": "3000万円", "applicant_kind": "town", "fiscal_index": "0.6", "measure": "emergency-disaster-bond"}
    html = client.get(WIFI, params).content.decode()
    assert (
        "<strong>900万円</strong>（30%）" in html
        and "一般補助施設整備等事業債（充当率75%"
        not in html.split("財源の内訳", 1)[1].split("計算に使う財源措置", 1)[0]
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"cost": "3000万円", "applicant_kind": "town", "measure": "no-such-bond"},
            "財源措置は一覧から選んでください。",
        ),
        (
            {"cost": "-1", "applicant_kind": "town"},
            "事業費は「3000万円」「30,000,000」のように金額で入力してください。",
        ),
        ({"cost": "3000万円"}, "団体の種類を選んでください。"),
        ({"applicant_kind": "town"}, "事業費を入力してください（例：3000万円）。"),
        ({"cost": "3000万円", "applicant_kind": "shogun"}, "団体の種類は一覧から選んでください。"),
        ({"cost": "3000万円", "applicant_kind": "town", "fiscal_index": "4"}, "財政力指数は0以上3以下"),
    ],
)
def test_program_page_calculator_bad_input_is_a_400(client, params, message):
    response = client.get(WIFI, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_program_page_without_measures_has_no_calculator(client):
    html = client.get("/supports/advisor/").content.decode()
    assert "calculator-heading" not in html


def test_a_draft_measure_is_not_used(client):
    wifi = SupportProgramPage.objects.get(slug="public-wifi")
    draft = FinancingMeasure(
        name="下書きの合成地方債",
        slug="draft-bond",
        kind="bond",
        coverage_percent=100,
        allocation_percent=100,
        applicant_kinds=["town"],
        users_label="町",
        live=False,
    )
    draft.links = [FinancingLink(program=wifi, route="local_share")]
    draft.save()
    data = client.get(API, KASO_ISLAND_TOWN).json()
    assert "draft-bond" not in {p["measure"]["slug"] for p in funding_plans(data, "public-wifi") if p["measure"]}
    assert "下書きの合成地方債" not in client.get(WIFI).content.decode()


def funding_plans(data, slug):
    return next(r for r in data["results"] if r["slug"] == slug)["funding"]["plans"]


def _extra_measures(n, programs):
    """【合成データ】 bonds, each linked to every given program."""
    start = FinancingMeasure.objects.count()
    for i in range(start, start + n):
        measure = FinancingMeasure(
            name=f"合成地方債{i}",
            slug=f"synthetic-bond-{i}",
            kind="bond",
            coverage_percent=90,
            allocation_percent=i % 100,
            applicant_kinds=["town"],
            users_label="町",
        )
        measure.links = [FinancingLink(program=program, route="local_share") for program in programs]
        measure.save()
        measure.save_revision().publish()


@pytest.mark.parametrize("url", [FINDER, CSV_URL, API])
def test_finder_sql_is_constant_whatever_the_number_of_programs_and_measures(
    client, django_assert_max_num_queries, url
):
    params = {"applicant_kind": "town", "disadvantaged": "depopulated", "cost": "3000万円", "sort": "burden"}
    _extra_programs(2)
    _extra_measures(2, SupportProgramPage.objects.filter(slug__startswith="synthetic-program-"))
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    _extra_programs(20)
    _extra_measures(20, SupportProgramPage.objects.filter(slug__startswith="synthetic-program-"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, params)
        assert response.status_code == 200
    assert "合成地方債21" in response.content.decode()


def test_program_page_sql_is_constant_whatever_the_number_of_measures(client, django_assert_max_num_queries):
    wifi = SupportProgramPage.objects.filter(slug="public-wifi")
    params = {"cost": "3000万円", "applicant_kind": "town"}
    _extra_measures(2, wifi)
    client.get(WIFI, params)
    with CaptureQueriesContext(connection) as few:
        assert client.get(WIFI, params).status_code == 200
    _extra_measures(20, wifi)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(WIFI, params)
        assert response.status_code == 200
    assert "合成地方債21" in response.content.decode()
