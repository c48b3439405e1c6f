"""Eligibility rules as the seed documents state them.

Sources: 地域IoT実装推進事業 2017 and 2018 — 001_45559b02a0e54ba4 (and 002_afafc30dfec5bfec
for 2017); 公衆無線LAN環境整備支援事業 — 002_afafc30dfec5bfec.
"""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supports.eligibility import (
    APPLICANT_KIND_LABELS,
    DISADVANTAGED_LABELS,
    LOCAL_GOVERNMENT_KINDS,
    METHOD_LABELS,
    MUNICIPAL_KINDS,
    Applicant,
    Option,
    Rule,
    evaluate,
    explain_rule,
    is_local_government,
    is_municipal,
    small_municipality_of,
)

ALL_DISADVANTAGED = list(DISADVANTAGED_LABELS)
PLAN = "市町村官民データ活用推進計画の策定"
# 都道府県及び指定都市を除く地方公共団体
IOT_2018_KINDS = ["core_city", "special_city", "city", "town", "village", "special_ward"]
LOCAL_GOVERNMENTS = [
    "prefecture",
    "designated_city",
    "core_city",
    "special_city",
    "city",
    "town",
    "village",
    "special_ward",
]
MUNICIPALITIES = ["designated_city", "core_city", "special_city", "city", "town", "village"]
# 普通地方公共団体 (the Wi-Fi program's 事業主体)
ORDINARY_LOCAL_GOVERNMENTS = ["prefecture", *MUNICIPALITIES]


def option(method, rate=None, cap_yen=None, note=""):
    return {"method": method, "rate": rate, "cap_yen": cap_yen, "note": note}


def rule(label, kinds, options, *, disadvantaged=(), max_fiscal_index=None, small=False, prerequisites=(), note=""):
    return {
        "label": label,
        "applicant_kinds": list(kinds),
        "disadvantaged_any": list(disadvantaged),
        "max_fiscal_index": max_fiscal_index,
        "small_municipality": small,
        "prerequisites": list(prerequisites),
        "options": list(options),
        "note": note,
    }


PROGRAMS = {
    "iot-jisso-2018": [
        rule(
            "条件不利地域の市町村",
            IOT_2018_KINDS,
            [option("fixed", cap_yen=15_000_000), option("rate", "1/2", 20_000_000)],
            disadvantaged=ALL_DISADVANTAGED,
            prerequisites=[PLAN],
        ),
        rule("その他の市町村", IOT_2018_KINDS, [option("rate", "1/2", 20_000_000)], prerequisites=[PLAN]),
        rule("民間事業者", ["private"], [option("rate", "1/2", 20_000_000)]),
    ],
    "iot-jisso-2017": [
        rule(
            "小規模地方公共団体",
            LOCAL_GOVERNMENTS,
            [option("fixed", cap_yen=30_000_000), option("rate", "1/2")],
            small=True,
        ),
        rule("その他の団体", [*LOCAL_GOVERNMENTS, "private"], [option("rate", "1/2")]),
    ],
    "public-wifi": [
        rule(
            "財政力指数0.4以下かつ条件不利地域の市町村",
            MUNICIPALITIES,
            [option("rate", "2/3")],
            disadvantaged=ALL_DISADVANTAGED,
            max_fiscal_index="0.4",
        ),
        rule(
            "財政力指数0.8以下の地方公共団体",
            ORDINARY_LOCAL_GOVERNMENTS,
            [option("rate", "1/2")],
            max_fiscal_index="0.8",
        ),
        rule(
            "条件不利地域の地方公共団体",
            ORDINARY_LOCAL_GOVERNMENTS,
            [option("rate", "1/2")],
            disadvantaged=ALL_DISADVANTAGED,
        ),
        rule("第三セクター", ["third_sector"], [option("rate", "1/2")]),
    ],
}
RULES = {slug: [Rule.from_dict(data) for data in rules] for slug, rules in PROGRAMS.items()}

TOWN_DEPOPULATED = {"kind": "town", "disadvantaged": ["depopulated"], "completed_prerequisites": [PLAN]}
CITY_ISLAND = {"kind": "city", "disadvantaged": ["island"], "fiscal_index": "0.35"}


@pytest.mark.parametrize(
    ("program", "applicant", "cost", "status", "rule_label", "amounts", "best"),
    [
        # 町 in a 過疎地域, 事業費 3,000万円: 定額 1,500万円 or 1/2 = 1,500万円 (tie → 定額).
        (
            "iot-jisso-2018",
            TOWN_DEPOPULATED,
            30_000_000,
            "eligible",
            "条件不利地域の市町村",
            [15_000_000, 15_000_000],
            15_000_000,
        ),
        # Same town, 6,000万円: 1/2 is capped at 2,000万円.
        (
            "iot-jisso-2018",
            TOWN_DEPOPULATED,
            60_000_000,
            "eligible",
            "条件不利地域の市町村",
            [15_000_000, 20_000_000],
            20_000_000,
        ),
        # Below the fixed cap the fixed subsidy covers the cost.
        (
            "iot-jisso-2018",
            TOWN_DEPOPULATED,
            10_000_001,
            "eligible",
            "条件不利地域の市町村",
            [10_000_001, 5_000_000],
            10_000_001,
        ),
        (
            "iot-jisso-2018",
            {"kind": "city", "completed_prerequisites": [PLAN]},
            30_000_000,
            "eligible",
            "その他の市町村",
            [15_000_000],
            15_000_000,
        ),
        (
            "iot-jisso-2018",
            {"kind": "private", "disadvantaged": ["island"]},
            50_000_000,
            "eligible",
            "民間事業者",
            [20_000_000],
            20_000_000,
        ),
        ("iot-jisso-2018", {"kind": "designated_city"}, 30_000_000, "ineligible", None, [], None),
        ("iot-jisso-2018", {"kind": "prefecture", "disadvantaged": ["island"]}, None, "ineligible", None, [], None),
        (
            "iot-jisso-2018",
            {"kind": "town", "disadvantaged": ["depopulated"]},
            30_000_000,
            "conditional",
            "条件不利地域の市町村",
            [15_000_000, 15_000_000],
            15_000_000,
        ),
        ("iot-jisso-2018", TOWN_DEPOPULATED, None, "eligible", "条件不利地域の市町村", [], None),
        # 2017: 政令指定都市 get 1/2 (no cap stated); small bodies may choose 定額 up to 3,000万円.
        (
            "iot-jisso-2017",
            {"kind": "designated_city"},
            30_000_000,
            "eligible",
            "その他の団体",
            [15_000_000],
            15_000_000,
        ),
        (
            "iot-jisso-2017",
            {"kind": "village"},
            50_000_000,
            "eligible",
            "小規模地方公共団体",
            [30_000_000, 25_000_000],
            30_000_000,
        ),
        (
            "iot-jisso-2017",
            {"kind": "village"},
            80_000_000,
            "eligible",
            "小規模地方公共団体",
            [30_000_000, 40_000_000],
            40_000_000,
        ),
        (
            "iot-jisso-2017",
            {"kind": "city", "small_municipality": True},
            10_000_000,
            "eligible",
            "小規模地方公共団体",
            [10_000_000, 5_000_000],
            10_000_000,
        ),
        (
            "iot-jisso-2017",
            {"kind": "city", "small_municipality": False},
            10_000_000,
            "eligible",
            "その他の団体",
            [5_000_000],
            5_000_000,
        ),
        # A "city" of unknown class might be a 中核市: the 定額 route is only conditional,
        # but 1/2 is certain.
        ("iot-jisso-2017", {"kind": "city"}, 10_000_000, "eligible", "その他の団体", [5_000_000], 5_000_000),
        (
            "iot-jisso-2017",
            {"kind": "special_ward", "small_municipality": True},
            10_000_000,
            "eligible",
            "その他の団体",
            [5_000_000],
            5_000_000,
        ),
        ("iot-jisso-2017", {"kind": "npo"}, 10_000_000, "ineligible", None, [], None),
        # Wi-Fi: 2/3 for a 市 with 財政力指数 ≤ 0.4 in a 条件不利地域; rounding down to the yen.
        (
            "public-wifi",
            CITY_ISLAND,
            10_000_000,
            "eligible",
            "財政力指数0.4以下かつ条件不利地域の市町村",
            [6_666_666],
            6_666_666,
        ),
        (
            "public-wifi",
            {**CITY_ISLAND, "fiscal_index": "0.4"},
            3,
            "eligible",
            "財政力指数0.4以下かつ条件不利地域の市町村",
            [2],
            2,
        ),
        (
            "public-wifi",
            {**CITY_ISLAND, "fiscal_index": "0.41"},
            10_000_000,
            "eligible",
            "財政力指数0.8以下の地方公共団体",
            [5_000_000],
            5_000_000,
        ),
        (
            "public-wifi",
            {**CITY_ISLAND, "fiscal_index": "0.9"},
            10_000_000,
            "eligible",
            "条件不利地域の地方公共団体",
            [5_000_000],
            5_000_000,
        ),
        ("public-wifi", {"kind": "city", "fiscal_index": "0.9"}, 10_000_000, "ineligible", None, [], None),
        (
            "public-wifi",
            {"kind": "city"},
            10_000_000,
            "conditional",
            "財政力指数0.8以下の地方公共団体",
            [5_000_000],
            5_000_000,
        ),
        (
            "public-wifi",
            {"kind": "prefecture", "disadvantaged": ["island"], "fiscal_index": "0.3"},
            10_000_000,
            "eligible",
            "財政力指数0.8以下の地方公共団体",
            [5_000_000],
            5_000_000,
        ),
        # 第三セクター: 1/2 only, whatever its area or finances.
        (
            "public-wifi",
            {"kind": "third_sector", "disadvantaged": ["island"], "fiscal_index": "0.1"},
            10_000_000,
            "eligible",
            "第三セクター",
            [5_000_000],
            5_000_000,
        ),
        ("public-wifi", {"kind": "private", "disadvantaged": ["island"]}, 10_000_000, "ineligible", None, [], None),
    ],
)
def test_evaluate(program, applicant, cost, status, rule_label, amounts, best):
    result = evaluate(Applicant.from_dict(applicant), RULES[program], cost)
    assert result.status == status
    assert (result.rule.label if result.rule else None) == rule_label
    assert [amount.amount for amount in result.amounts] == amounts
    assert (result.best.amount if result.best else None) == best
    assert result.reasons


def test_best_prefers_first_option_on_tie():
    result = evaluate(Applicant.from_dict(TOWN_DEPOPULATED), RULES["iot-jisso-2018"], 30_000_000)
    assert result.best is result.amounts[0]
    assert result.best.option.method == "fixed"


def test_capped_flag():
    result = evaluate(Applicant.from_dict(TOWN_DEPOPULATED), RULES["iot-jisso-2018"], 60_000_000)
    assert [amount.capped for amount in result.amounts] == [True, True]
    result = evaluate(Applicant.from_dict(TOWN_DEPOPULATED), RULES["iot-jisso-2018"], 20_000_000)
    assert [amount.capped for amount in result.amounts] == [True, False]


def test_eligible_reason_names_the_area_and_the_choice():
    result = evaluate(Applicant.from_dict(TOWN_DEPOPULATED), RULES["iot-jisso-2018"], 30_000_000)
    assert result.reasons == (
        "条件不利地域（過疎地域）に該当するため、定額（上限1,500万円）または1/2（上限2,000万円）を選べます",
    )
    assert result.alternatives == ()


def test_designated_city_is_named_as_excluded():
    result = evaluate(Applicant(kind="designated_city"), RULES["iot-jisso-2018"], 30_000_000)
    assert result.reasons == ("政令指定都市は対象外です",)


def test_missing_prerequisite_is_conditional_and_named():
    result = evaluate(Applicant(kind="town", disadvantaged=frozenset({"depopulated"})), RULES["iot-jisso-2018"], None)
    assert result.status == "conditional"
    assert result.status_label == "条件付きで対象"
    assert any(PLAN in reason for reason in result.reasons)
    assert result.amounts == ()


def test_unknown_fiscal_index_keeps_the_better_rate_visible():
    """The 市 on a 離島 is certainly eligible for 1/2; 2/3 hinges on its fiscal index."""
    applicant = Applicant.from_dict({**CITY_ISLAND, "fiscal_index": None})
    result = evaluate(applicant, RULES["public-wifi"], 10_000_000)
    assert result.status == "eligible"
    assert result.rule.label == "条件不利地域の地方公共団体"
    # The 0.8 rule offers the same 1/2, so only the 2/3 rule is worth mentioning.
    assert [alt.rule.label for alt in result.alternatives] == ["財政力指数0.4以下かつ条件不利地域の市町村"]
    alternative = result.alternatives[0]
    assert alternative.status == "conditional"
    assert [amount.amount for amount in alternative.amounts] == [6_666_666]
    assert any("財政力指数が0.4以下" in reason and "補助率2/3" in reason for reason in result.reasons)


def test_unknown_fiscal_index_without_fallback_is_conditional():
    result = evaluate(Applicant(kind="city", disadvantaged=frozenset({"island"})), RULES["public-wifi"][:2], 10_000_000)
    assert result.status == "conditional"
    assert result.rule.label == "財政力指数0.4以下かつ条件不利地域の市町村"
    assert result.reasons[0] == "財政力指数が不明です（0.4以下であることが条件です）"
    assert [amount.amount for amount in result.amounts] == [6_666_666]


def test_unmet_conditions_are_listed_per_rule():
    result = evaluate(Applicant(kind="city", fiscal_index=Fraction(9, 10)), RULES["public-wifi"], None)
    assert result.reasons == (
        "「財政力指数0.4以下かつ条件不利地域の市町村」：条件不利地域に該当しません、財政力指数（0.9）が0.4を超えています",
        "「財政力指数0.8以下の地方公共団体」：財政力指数（0.9）が0.8を超えています",
        "「条件不利地域の地方公共団体」：条件不利地域に該当しません",
    )


def test_a_non_monetary_offer_is_quoted_as_the_documents_clause():
    """「…を行うの対象です」 is not Japanese; the note is quoted as the thing offered."""
    advice = Rule.from_dict(
        rule("相談", ["town"], [option("none", note="政府CIO等が現地に直接赴き、相談対応アドバイスを行う")])
    )
    result = evaluate(Applicant(kind="town"), [advice], None)
    assert result.reasons == ("町は「政府CIO等が現地に直接赴き、相談対応アドバイスを行う」の対象です",)
    plain = Rule.from_dict(rule("交付なし", ["town"], [option("none")]))
    assert evaluate(Applicant(kind="town"), [plain], None).reasons == ("町は対象です（金銭の交付なし）",)


def test_no_rules_is_ineligible():
    result = evaluate(Applicant(kind="town"), [], 1_000)
    assert result.status == "ineligible"
    assert result.rule is None


def test_first_definite_rule_wins_over_later_ones():
    first = Rule.from_dict(rule("A", ["town"], [option("rate", "1/2")]))
    second = Rule.from_dict(rule("B", ["town"], [option("fixed")]))
    assert evaluate(Applicant(kind="town"), [first, second], 100).rule is first


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            PROGRAMS["iot-jisso-2018"][0],
            "対象：中核市・施行時特例市・市・町・村・特別区（条件不利地域に該当）。前提：市町村官民データ活用推進計画の策定。"
            "定額（上限1,500万円）または補助率1/2（上限2,000万円）",
        ),
        (
            rule(
                "例",
                ["village", "town"],
                [option("fixed", cap_yen=15_000_000), option("rate", "1/2", 20_000_000)],
                disadvantaged=["island", "depopulated"],
                max_fiscal_index="0.4",
                prerequisites=[PLAN],
            ),
            "対象：町・村（過疎地域・離島のいずれかに該当）。財政力指数0.4以下。前提：市町村官民データ活用推進計画の策定。"
            "定額（上限1,500万円）または補助率1/2（上限2,000万円）",
        ),
        (
            PROGRAMS["iot-jisso-2017"][0],
            "対象：都道府県・政令指定都市・中核市・施行時特例市・市・町・村・特別区。小規模地方公共団体に限る。"
            "定額（上限3,000万円）または補助率1/2",
        ),
        (
            rule("特交", ["city"], [option("special_tax", "1/2", 20_000_000)], disadvantaged=["heavy_snow"]),
            "対象：市（豪雪地帯に該当）。特別交付税措置（措置率1/2、対象経費上限2,000万円）",
        ),
        (
            rule("派遣", ["town", "npo"], [option("none", note="アドバイザー派遣")]),
            "対象：町・NPO法人。アドバイザー派遣",
        ),
        (
            rule("委託", ["consortium"], [option("commission", cap_yen=100_000_000)]),
            "対象：コンソーシアム。委託（上限1億円）",
        ),
    ],
)
def test_explain_rule(data, expected):
    assert explain_rule(Rule.from_dict(data)) == expected


@pytest.mark.parametrize(
    ("method", "rate", "cap", "cost", "expected"),
    [
        ("fixed", None, 15_000_000, 30_000_000, 15_000_000),
        ("fixed", None, None, 30_000_000, 30_000_000),
        ("rate", Fraction(2, 3), None, 100, 66),
        ("rate", Fraction(1, 2), 20_000_000, 60_000_000, 20_000_000),
        ("special_tax", Fraction(1, 2), 20_000_000, 60_000_000, 10_000_000),
        ("special_tax", Fraction(1, 2), 20_000_000, 3, 1),
        ("commission", None, 5_000, 10_000, 5_000),
        ("none", None, None, 10_000, None),
        ("rate", Fraction(1, 2), None, 0, 0),
    ],
)
def test_option_amount(method, rate, cap, cost, expected):
    assert Option(method, rate, cap).amount_for(cost).amount == expected


@pytest.mark.parametrize(
    "data",
    [
        option("rate"),
        option("rate", "3/2"),
        option("fixed", "1/2"),
        option("bonus"),
        option("fixed", cap_yen=-1),
        option("fixed", cap_yen="1000"),
        {**option("fixed"), "extra": 1},
    ],
)
def test_option_rejects_bad_data(data):
    with pytest.raises(ValueError):
        Option.from_dict(data)


@pytest.mark.parametrize(
    "data",
    [
        rule("no kinds", [], [option("fixed")]),
        rule("bad kind", ["hamlet"], [option("fixed")]),
        rule("bad area", ["town"], [option("fixed")], disadvantaged=["desert"]),
        rule("float index", ["town"], [option("fixed")], max_fiscal_index=0.4),
        rule("bad index", ["town"], [option("fixed")], max_fiscal_index="-0.4"),
        rule("non-decimal index", ["town"], [option("fixed")], max_fiscal_index=Fraction(1, 3)),
        {**rule("typo", ["town"], [option("fixed")]), "max_fiscal": "0.4"},
    ],
)
def test_rule_rejects_bad_data(data):
    with pytest.raises(ValueError):
        Rule.from_dict(data)


def test_rule_dict_round_trip():
    for rules in PROGRAMS.values():
        for data in rules:
            parsed = Rule.from_dict(data)
            assert Rule.from_dict(parsed.to_dict()) == parsed
            assert parsed.to_dict()["max_fiscal_index"] == data["max_fiscal_index"]


def test_applicant_from_dict():
    applicant = Applicant.from_dict(CITY_ISLAND)
    assert applicant.fiscal_index == Fraction(35, 100)
    assert applicant.disadvantaged == frozenset({"island"})
    with pytest.raises(ValueError):
        Applicant.from_dict({"kind": "city", "fiscal_index": 0.35})
    with pytest.raises(ValueError):
        Applicant.from_dict({"kind": "hamlet"})


@pytest.mark.parametrize(
    ("kind", "declared", "expected"),
    [
        ("town", None, True),
        ("village", False, True),
        ("city", None, None),
        ("city", True, True),
        ("city", False, False),
        ("core_city", True, False),
        ("designated_city", None, False),
        ("special_ward", True, False),
        ("prefecture", None, False),
        ("private", True, False),
    ],
)
def test_small_municipality_of(kind, declared, expected):
    assert small_municipality_of(Applicant(kind=kind, small_municipality=declared)) is expected


def test_kind_groups_and_labels():
    assert MUNICIPAL_KINDS < LOCAL_GOVERNMENT_KINDS < set(APPLICANT_KIND_LABELS)
    assert is_municipal("town") and not is_municipal("special_ward") and not is_municipal("prefecture")
    assert is_local_government("special_ward") and not is_local_government("third_sector")
    assert set(METHOD_LABELS) == {"fixed", "rate", "special_tax", "commission", "none"}
    assert len(DISADVANTAGED_LABELS) == 7


# --- properties -------------------------------------------------------------------------------

rates = st.fractions(min_value=Fraction(1, 100), max_value=1, max_denominator=100).filter(lambda r: r > 0)
caps = st.none() | st.integers(min_value=0, max_value=10**9)
options = st.one_of(
    st.builds(Option, st.sampled_from(["fixed", "commission"]), st.none(), caps),
    st.builds(Option, st.sampled_from(["rate", "special_tax"]), rates, caps),
    st.builds(Option, st.just("none"), st.none(), caps),
)
kind_sets = st.frozensets(st.sampled_from(list(APPLICANT_KIND_LABELS)), min_size=1)
area_sets = st.frozensets(st.sampled_from(ALL_DISADVANTAGED))
fiscal = st.none() | st.fractions(min_value=0, max_value=2, max_denominator=100)
fiscal_limits = st.none() | st.integers(min_value=0, max_value=200).map(lambda n: Fraction(n, 100))
prerequisite_sets = st.frozensets(st.sampled_from(["計画A", "計画B"]))
rule_strategy = st.builds(
    Rule,
    label=st.sampled_from(["甲", "乙", "丙"]),
    applicant_kinds=kind_sets,
    disadvantaged_any=area_sets,
    max_fiscal_index=fiscal_limits,
    small_municipality=st.booleans(),
    prerequisites=prerequisite_sets.map(sorted).map(tuple),
    options=st.lists(options, max_size=3).map(tuple),
)
applicant_strategy = st.builds(
    Applicant,
    kind=st.sampled_from(list(APPLICANT_KIND_LABELS)),
    disadvantaged=area_sets,
    fiscal_index=fiscal,
    small_municipality=st.none() | st.booleans(),
    completed_prerequisites=prerequisite_sets,
)
costs = st.integers(min_value=0, max_value=10**10)


@given(applicant_strategy, st.lists(rule_strategy, max_size=5), costs)
def test_amounts_stay_within_cost_and_cap(applicant, rules, cost):
    result = evaluate(applicant, rules, cost)
    evaluations = [result, *result.alternatives]
    for evaluation in evaluations:
        assert len(evaluation.amounts) == len(evaluation.rule.options if evaluation.rule else ())
        for paid in evaluation.amounts:
            if paid.option.method == "none":
                assert paid.amount is None
                continue
            assert 0 <= paid.amount <= cost
            cap = paid.option.cap_yen
            if cap is not None:
                assert paid.amount <= cap
                if paid.option.method == "special_tax":
                    assert paid.amount <= paid.option.rate * cap
        paid_amounts = [paid.amount for paid in evaluation.amounts if paid.amount is not None]
        assert (evaluation.best.amount if evaluation.best else None) == (max(paid_amounts) if paid_amounts else None)


@given(applicant_strategy, st.lists(rule_strategy, max_size=5), st.none() | costs)
def test_evaluate_is_deterministic_and_consistent(applicant, rules, cost):
    result = evaluate(applicant, rules, cost)
    rebuilt = [Rule.from_dict(r.to_dict()) for r in rules]
    assert evaluate(applicant, rebuilt, cost) == result
    assert result.reasons
    if result.status == "ineligible":
        assert result.rule is None and result.amounts == ()
    else:
        assert result.rule in rules
        assert applicant.kind in result.rule.applicant_kinds
    if cost is None:
        assert result.amounts == ()
    if result.status == "conditional":
        assert result.alternatives == ()


@given(applicant_strategy, st.lists(rule_strategy, max_size=5))
def test_knowing_more_never_loses_a_definite_match(applicant, rules):
    """Completing every prerequisite can only turn conditional into eligible, never the reverse."""
    before = evaluate(applicant, rules, None)
    every = frozenset(p for r in rules for p in r.prerequisites)
    after = evaluate(
        Applicant(
            applicant.kind,
            applicant.disadvantaged,
            applicant.fiscal_index,
            applicant.small_municipality,
            applicant.completed_prerequisites | every,
        ),
        rules,
        None,
    )
    if before.status == "eligible":
        assert after.status == "eligible"
    if before.status != "ineligible":
        assert after.status != "ineligible"


@pytest.mark.parametrize(
    "option, ceiling",
    [
        (Option("fixed", cap_yen=30_000_000), 30_000_000),
        (Option("rate", Fraction(1, 2), cap_yen=20_000_000), 20_000_000),
        # The special-tax cap bounds the eligible cost; the measure is its rate's share.
        (Option("special_tax", Fraction(1, 2), cap_yen=20_000_000), 10_000_000),
        (Option("commission", cap_yen=5_000_000), 5_000_000),
        (Option("rate", Fraction(1, 2)), None),
        (Option("none", cap_yen=1_000), None),
    ],
)
def test_ceiling_is_the_most_an_option_can_pay(option, ceiling):
    assert option.ceiling_yen == ceiling
    if ceiling is not None:
        assert option.amount_for(10**12).amount == ceiling


@pytest.mark.parametrize(
    ("build", "data", "message"),
    [
        (Option.from_dict, {**option("fixed"), "ratio": "1/2"}, "unknown option keys: ['ratio']"),
        (Rule.from_dict, {**rule("A", ["town"], [option("fixed")]), "cap": 1}, "unknown rule keys: ['cap']"),
        (Applicant.from_dict, {"kind": "town", "population": 5000}, "unknown applicant keys: ['population']"),
    ],
)
def test_an_unknown_key_is_refused_and_says_of_what(build, data, message):
    with pytest.raises(ValueError) as error:
        build(data)
    assert str(error.value) == message


def test_a_rule_keeps_its_note_and_is_not_small_only_unless_said():
    plain = Rule.from_dict(
        {k: v for k, v in rule("A", ["town"], [option("fixed")]).items() if k != "small_municipality"}
    )
    assert plain.small_municipality is False
    assert (
        Rule.from_dict(rule("A", ["town"], [option("fixed")], note="要件は公募要領による")).note
        == "要件は公募要領による"
    )
    assert Rule.from_dict({**rule("A", ["town"], [option("fixed")]), "note": None}).note == ""


def test_the_summary_lists_every_prerequisite():
    summary = explain_rule(Rule.from_dict(rule("A", ["town"], [], prerequisites=["計画の策定", "協議会の設置"])))
    assert "前提：計画の策定、協議会の設置" in summary


def _rule(**changes):
    values = {"label": "試験", "applicant_kinds": ["town"], "options": [], **changes}
    return lambda: Rule(**values)


def _applicant(**changes):
    return lambda: Applicant(**{"kind": "town", **changes})


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (_rule(applicant_kinds="town"), "applicant kinds must be a list, not a string: 'town'"),
        (_rule(applicant_kinds=["town", "ward"]), "unknown applicant kinds: ['ward']"),
        (_rule(applicant_kinds=[]), "rule '試験' names no applicant kind"),
        (_rule(disadvantaged_any="island"), "disadvantaged kinds must be a list, not a string: 'island'"),
        (_rule(disadvantaged_any=["moon"]), "unknown disadvantaged kinds: ['moon']"),
        (_rule(max_fiscal_index=0.4), "max_fiscal_index must be a decimal string, not 0.4"),
        (_rule(max_fiscal_index="abc"), "max_fiscal_index is not a valid 財政力指数: 'abc'"),
        (_rule(max_fiscal_index=Fraction(-1, 10)), "max_fiscal_index must not be negative: Fraction(-1, 10)"),
        (_rule(max_fiscal_index=Fraction(1, 3)), "max_fiscal_index must be a decimal, got 1/3"),
        (_rule(small_municipality="yes"), "small_municipality must be a bool, got 'yes'"),
        (_rule(prerequisites="計画"), "prerequisites must be a list, not a string"),
        (_rule(options=[{"method": "fixed"}]), "options must be Option instances (use Rule.from_dict for plain dicts)"),
        (_applicant(kind="ward"), "unknown applicant kind: 'ward'"),
        (_applicant(disadvantaged=["moon"]), "unknown disadvantaged kinds: ['moon']"),
        (_applicant(fiscal_index=[1]), "fiscal_index has an unsupported type: [1]"),
        (_applicant(small_municipality="yes"), "small_municipality must be a bool or None, got 'yes'"),
        (_applicant(completed_prerequisites="計画"), "completed_prerequisites must be a list, not a string"),
        (lambda: Option("gift"), "unknown method: 'gift'"),
        (lambda: Option("rate", rate=Fraction(3, 2)), "rate needs a rate in (0, 1], got Fraction(3, 2)"),
        (lambda: Option("fixed", rate=Fraction(1, 2)), "fixed takes no rate, got Fraction(1, 2)"),
        (lambda: Option("fixed", cap_yen=-1), "cap_yen must be a non-negative int, got -1"),
    ],
)
def test_validation_messages_name_the_field_and_the_value(build, message):
    """An editor's mistake in a rule block is reported with what was wrong, exactly."""
    with pytest.raises(ValueError) as raised:
        build()
    assert str(raised.value) == message
