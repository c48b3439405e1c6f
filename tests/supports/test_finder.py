"""The finder's domain functions over the seeded programs (no HTTP).

Expected amounts follow the source documents as encoded in
seedcontent/data/programs.json: 地域IoT実装推進事業 2017/2018 (001_45559b02a0e54ba4),
公衆無線LAN環境整備支援事業 (002_afafc30dfec5bfec)."""

import datetime
from fractions import Fraction

import pytest
from django.http import QueryDict

from cases.models import CaseStudyPage
from supports.finder import GROUP_HEADINGS, UNKNOWN, run_finder, schedule_label
from supports.models import SupportProgramPage
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db

PLAN = "市町村官民データ活用推進計画の策定"


def query(**params):
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list) else [str(value)])
    return data


def find(today=None, **params):
    return run_finder(query(**params), today=today)


def result_for(outcome, slug):
    return next(result for result in outcome.results if result.program.slug == slug)


def municipality(kind, **filters):
    return Municipality.objects.filter(kind=kind, **filters).select_related("prefecture__block").first()


TOWN_DEPOPULATED = {"applicant_kind": "town", "disadvantaged": "depopulated", "prerequisites": PLAN}


@pytest.mark.parametrize(
    ("slug", "params", "status", "amounts", "best"),
    [
        # 町 in a 過疎地域, 3,000万円: 定額 1,500万円 or 1/2 = 1,500万円.
        ("iot-jisso-2018", {**TOWN_DEPOPULATED, "cost": "3000万円"}, "eligible", [15_000_000, 15_000_000], 15_000_000),
        # The same town, 6,000万円: 1/2 capped at 2,000万円.
        ("iot-jisso-2018", {**TOWN_DEPOPULATED, "cost": "6000万円"}, "eligible", [15_000_000, 20_000_000], 20_000_000),
        # Without the plan the town is only conditionally eligible.
        (
            "iot-jisso-2018",
            {"applicant_kind": "town", "disadvantaged": "depopulated", "cost": "3000万円"},
            "conditional",
            [15_000_000, 15_000_000],
            15_000_000,
        ),
        ("iot-jisso-2018", {"applicant_kind": "designated_city", "cost": "3000万円"}, "ineligible", [], None),
        (
            "iot-jisso-2017",
            {"applicant_kind": "designated_city", "cost": "3000万円"},
            "eligible",
            [15_000_000],
            15_000_000,
        ),
        (
            "iot-jisso-2017",
            {"applicant_kind": "village", "cost": "8000万円"},
            "eligible",
            [30_000_000, 40_000_000],
            40_000_000,
        ),
        # A 市 of unknown class may or may not be a 小規模地方公共団体.
        (
            "iot-jisso-2017",
            {"applicant_kind": "city", "cost": "1000万円"},
            "conditional",
            [10_000_000, 5_000_000],
            10_000_000,
        ),
        (
            "iot-jisso-2017",
            {"applicant_kind": "city", "small_municipality": "yes", "cost": "1000万円"},
            "eligible",
            [10_000_000, 5_000_000],
            10_000_000,
        ),
        # Wi-Fi: 2/3 for a 市 with 財政力指数 0.35 on a 離島 (rounded down to the yen).
        (
            "public-wifi",
            {"applicant_kind": "city", "disadvantaged": "island", "fiscal_index": "0.35", "cost": "1000万円"},
            "eligible",
            [6_666_666],
            6_666_666,
        ),
        (
            "public-wifi",
            {"applicant_kind": "third_sector", "disadvantaged": "island", "fiscal_index": "0.35", "cost": "1000万円"},
            "eligible",
            [5_000_000],
            5_000_000,
        ),
        ("iot-special-tax", {"applicant_kind": "town", "cost": "3000万円"}, "eligible", [10_000_000], 10_000_000),
        (
            "furusato-telework",
            {"applicant_kind": "consortium", "cost": "5000万円"},
            "eligible",
            [30_000_000],
            30_000_000,
        ),
        ("iot-service", {"applicant_kind": "consortium", "cost": "1億円"}, "eligible", [60_000_000], 60_000_000),
        ("smart-city", {"applicant_kind": "city", "cost": "1億円"}, "eligible", [50_000_000], 50_000_000),
        # Non-monetary support: eligible by kind, no amount.
        ("advisor", {"applicant_kind": "village", "cost": "1000万円"}, "eligible", [None], None),
        ("plan-support", {"applicant_kind": "town"}, "eligible", [None], None),
    ],
)
def test_seeded_programs(slug, params, status, amounts, best):
    result = result_for(find(**params), slug)
    assert result.status == status
    assert [row.amount_yen for row in result.amounts] == amounts
    assert (result.best.amount_yen if result.best else None) == best
    assert result.reasons


def test_third_sector_gets_half_only():
    result = result_for(find(applicant_kind="third_sector", disadvantaged="island", cost="1000万円"), "public-wifi")
    assert [(row.method, row.label) for row in result.amounts] == [("rate", "補助率1/2")]
    assert result.alternatives == ()


def test_unknown_fiscal_index_shows_the_better_rate_as_an_alternative():
    result = result_for(find(applicant_kind="city", disadvantaged="island", cost="1000万円"), "public-wifi")
    assert result.status == "eligible"
    assert [row.amount_yen for row in result.amounts] == [5_000_000]
    [alternative] = result.alternatives
    assert alternative.status == "conditional"
    assert [row.amount_yen for row in alternative.amounts] == [6_666_666]


def test_tied_options_are_both_marked_best_and_the_first_is_reported():
    result = result_for(find(**TOWN_DEPOPULATED, cost="3000万円"), "iot-jisso-2018")
    assert [row.best for row in result.amounts] == [True, True]
    assert result.best.method == "fixed"
    assert result.has_choice


def test_capped_amounts_say_which_cap():
    tax = result_for(find(applicant_kind="town", cost="3000万円"), "iot-special-tax")
    assert tax.amounts[0].capped and tax.amounts[0].capped_note == "対象経費の上限を適用"
    iot = result_for(find(**TOWN_DEPOPULATED, cost="6000万円"), "iot-jisso-2018")
    assert iot.amounts[1].as_text() == "補助率1/2（上限2,000万円）：2,000万円（上限額）"


def test_without_cost_the_options_are_listed_without_amounts():
    result = result_for(find(**TOWN_DEPOPULATED), "iot-jisso-2018")
    assert [row.label for row in result.amounts] == ["定額（上限1,500万円）", "補助率1/2（上限2,000万円）"]
    assert [row.amount_yen for row in result.amounts] == [None, None]
    assert result.best is None and not result.has_choice


def test_programs_without_rules_are_grouped_apart():
    outcome = find(applicant_kind="town")
    without_rules = {p.slug for p in SupportProgramPage.objects.live() if not p.rules}
    assert without_rules  # the seed has such programs (e.g. スマートスクール)
    unknown = {r.program.slug for r in outcome.results if r.status == UNKNOWN}
    assert unknown == without_rules
    groups = {group["status"]: group for group in outcome.groups}
    assert groups[UNKNOWN]["heading"] == GROUP_HEADINGS[UNKNOWN] == "対象の判定に必要な情報が資料にない支援策"
    assert [r.status for r in outcome.grouped_results] == sorted(
        (r.status for r in outcome.results), key=["eligible", "conditional", "ineligible", UNKNOWN].index
    )


def test_every_live_program_is_shown_by_default():
    outcome = find(applicant_kind="town")
    assert len(outcome.results) == SupportProgramPage.objects.live().count()
    assert outcome.hidden_past == 0


def test_current_years_only_hides_and_counts_the_past():
    today = datetime.date(2026, 1, 15)  # fiscal year 2025
    outcome = find(today=today, applicant_kind="town", years="current")
    assert outcome.results == []
    assert outcome.hidden_past == SupportProgramPage.objects.live().count()
    in_2018 = find(today=datetime.date(2018, 4, 1), applicant_kind="town", years="current")
    assert {r.program.fiscal_year for r in in_2018.results} == {2018}


def test_schedule_label():
    advisor = SupportProgramPage.objects.get(slug="advisor")  # 2017-07-07〜2018-01-17
    assert schedule_label(advisor, datetime.date(2017, 8, 1)) == "募集中"
    assert schedule_label(advisor, datetime.date(2017, 1, 1)) == "募集前"
    assert schedule_label(advisor, datetime.date(2026, 1, 1)) == "募集終了"
    iot = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    assert schedule_label(iot, datetime.date(2026, 1, 1)) == "過去の年度（募集期間の記載なし）"
    assert schedule_label(iot, datetime.date(2018, 6, 1)) == "募集期間の記載なし"
    assert result_for(find(today=datetime.date(2017, 8, 1), applicant_kind="town"), "advisor").schedule == "募集中"


def test_field_and_support_kind_filters():
    outcome = find(applicant_kind="town", field="education")
    expected = set(SupportProgramPage.objects.live().filter(fields__slug="education").values_list("slug", flat=True))
    assert {r.program.slug for r in outcome.results} == expected
    subsidies = find(applicant_kind="town", support_kind=["subsidy", "local_finance"])
    assert {r.program.support_kind for r in subsidies.results} == {"subsidy", "local_finance"}


def test_municipality_fills_kind_and_profile():
    town = municipality("town")
    outcome = find(municipality=town.pk, cost="３０００万円", fiscal_index="０．３５")
    assert outcome.query.applicant.kind == "town"
    assert outcome.query.cost_yen == 30_000_000
    assert outcome.query.applicant.fiscal_index == Fraction(35, 100)
    profile = outcome.query.as_dict()
    assert profile["municipality"]["name"] == town.name
    assert profile["municipality"]["block"] == town.prefecture.block.name
    assert profile["cost_display"] == "3,000万円"
    assert profile["small_municipality"] is True
    assert ("市区町村・都道府県", str(town)) in outcome.query.summary()


def test_a_third_sector_may_name_where_it_is():
    town = municipality("town")
    outcome = find(municipality=town.pk, applicant_kind="third_sector")
    assert outcome.query.applicant.kind == "third_sector"
    assert outcome.query.municipality == town


@pytest.mark.parametrize(
    "cost", ["30,000,000", "３０，０００，０００", "3000万円", "３０００万円", "3,000万", " 3000 万円 "]
)
def test_cost_spellings(cost):
    assert find(applicant_kind="town", cost=cost).query.cost_yen == 30_000_000


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"applicant_kind": "town", "fiscal_index": "-1"}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "fiscal_index": "abc"}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "fiscal_index": "3.5"}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "fiscal_index": "9" * 100}, "fiscal_index", "財政力指数は0以上3以下の数値"),
        ({"applicant_kind": "town", "cost": "abc"}, "cost", "金額で入力してください"),
        ({"applicant_kind": "town", "cost": "-1"}, "cost", "金額で入力してください"),
        ({"applicant_kind": "town", "cost": "1,50,000"}, "cost", "金額で入力してください"),
        ({"applicant_kind": "town", "cost": "0円"}, "cost", "1円以上"),
        ({"applicant_kind": "town", "cost": "9" * 100}, "cost", "金額で入力してください"),
        ({"municipality": "999999"}, "municipality", "検査数字"),
        ({"municipality": "999997"}, "municipality", "見つかりませんでした"),
        ({"municipality": "9999"}, "municipality", "見つかりませんでした"),
        ({"municipality": "abc"}, "municipality", "見つかりませんでした"),
        ({"municipality": "9" * 40}, "municipality", "5桁または6桁"),
        ({"municipality": "あ" * 51}, "municipality", "50文字以内"),
        ({}, "municipality", "市区町村を入力するか、団体の種類を選んでください"),
        ({"applicant_kind": "hamlet"}, "applicant_kind", "一覧から選んでください"),
        ({"applicant_kind": "town", "disadvantaged": "desert"}, "disadvantaged", "選択肢にない値"),
        ({"applicant_kind": "town", "prerequisites": "計画X"}, "prerequisites", "選択肢にない値"),
        ({"applicant_kind": "town", "field": "no-such-field"}, "field", "選択肢にない値"),
        ({"applicant_kind": "town", "support_kind": "loan"}, "support_kind", "選択肢にない値"),
        ({"applicant_kind": "town", "years": "future"}, "years", "一覧から選んでください"),
        ({"applicant_kind": "city", "small_municipality": "maybe"}, "small_municipality", "選んでください"),
        ({"applicant_kind": "town", "cost": "1\x00"}, "cost", ""),
    ],
)
def test_bad_input_is_explained_per_field(params, field, message):
    outcome = find(**params)
    assert outcome.query is None
    assert message in " ".join(outcome.errors[field])


def test_kind_contradicting_the_municipality_is_explained():
    town = municipality("town")
    outcome = find(municipality=town.pk, applicant_kind="city")
    assert outcome.errors == {"applicant_kind": [f"{town}は町です。団体の種類を空欄にするか「町」を選んでください。"]}


def test_similar_cases_share_the_kind_or_the_block():
    town = municipality("town", prefecture__block__slug="kyushu")
    outcome = find(municipality=town.pk)
    result = result_for(outcome, "iot-jisso-2017")
    expected = set(
        CaseStudyPage.objects.live()
        .filter(program_links__program=result.program)
        .filter(
            municipality_links__municipality__in=Municipality.objects.filter(kind="town")
            | Municipality.objects.filter(prefecture__block=town.prefecture.block)
        )
        .values_list("pk", flat=True)
    )
    assert expected  # the 2017 adopters include 九州 towns
    assert {similar.case.pk for similar in result.similar_cases} == expected
    for similar in result.similar_cases:
        assert set(similar.matches) <= {"同じ町", "同じ九州ブロック"} and similar.matches


def test_similar_cases_by_kind_only_without_a_municipality():
    outcome = find(applicant_kind="village")
    result = result_for(outcome, "iot-jisso-2017")
    assert result.similar_cases
    assert all(similar.matches == ("同じ村",) for similar in result.similar_cases)


def test_no_similar_cases_for_bodies_that_are_not_local_governments():
    outcome = find(applicant_kind="consortium")
    assert all(result.similar_cases == [] for result in outcome.results)


def test_unbound_form_evaluates_nothing():
    outcome = run_finder(None)
    assert not outcome.submitted and outcome.query is None and outcome.results == [] and outcome.errors == {}


def test_broken_rule_data_does_not_break_the_finder():
    """A 補助率 option saved without a rate passes the block's validation today."""
    page = SupportProgramPage.objects.get(slug="smart-city")
    data = page.rules.raw_data
    data[0]["value"]["options"][0]["value"]["rate"] = ""
    page.rules = page.rules.stream_block.to_python(list(data))
    page.save_revision().publish()
    result = result_for(find(applicant_kind="city"), "smart-city")
    assert result.status == UNKNOWN
    assert "形式に誤り" in result.reasons[0]


def test_blank_checkbox_values_mean_nothing_ticked():
    outcome = find(applicant_kind="town", disadvantaged="", prerequisites=["", " "], field="", support_kind="")
    assert outcome.errors == {}
    assert outcome.query.applicant.disadvantaged == frozenset()
    assert len(outcome.results) == SupportProgramPage.objects.live().count()


def test_saga_city_is_a_special_city_and_not_a_small_municipality():
    # 佐賀市 is a 施行時特例市; 001 excludes 特例市 from the 小規模地方公共団体
    # ("都道府県、政令指定都市、中核市、特例市、東京23区を除いた地方公共団体").
    saga = Municipality.objects.select_related("prefecture").get(prefecture__code="41", name="佐賀市")
    outcome = find(municipality=saga.pk, applicant_kind="special_city", cost="3000万円")
    assert not outcome.errors
    assert outcome.query.applicant.kind == "special_city"
    assert outcome.query.as_dict()["small_municipality"] is False
    result = result_for(outcome, "iot-jisso-2017")
    assert result.status == "eligible"
    assert [(row.method, row.amount_yen) for row in result.amounts] == [("rate", 15_000_000)]

    assert "applicant_kind" in find(municipality=saga.pk, applicant_kind="city").errors
