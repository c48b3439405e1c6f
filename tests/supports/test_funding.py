"""Funding plans, worked from the documents' own rules (002 負担イメージ, 001 特別交付税措置).

Each test name carries its arithmetic; the measures are built here from the
documents' figures, so the domain is tested without the database."""

from fractions import Fraction

import pytest

from supports.eligibility import MUNICIPAL_KINDS, ORDINARY_LOCAL_GOVERNMENT_KINDS, Applicant
from supports.funding import (
    Measure,
    Route,
    cheapest,
    floor_yen,
    format_percent,
    format_share,
    funding_plans,
    measure_text,
    plan_for,
    plan_notes,
    plan_reason,
)

P = Fraction(1, 100)
KASO = Measure(
    "kaso",
    "過疎対策事業債",
    "bond",
    70 * P,
    MUNICIPAL_KINDS,
    "過疎市町村",
    coverage=Fraction(1),
    disadvantaged_any={"depopulated"},
)
HENCHI = Measure(
    "henchi",
    "辺地対策事業債",
    "bond",
    80 * P,
    MUNICIPAL_KINDS,
    "辺地を有する市町村",
    coverage=Fraction(1),
    disadvantaged_any={"remote"},
)
IPPAN = Measure(
    "ippan",
    "一般補助施設整備等事業債",
    "bond",
    Fraction(0),
    MUNICIPAL_KINDS,
    "その他の市町村",
    coverage=75 * P,
    disadvantaged_none={"depopulated", "remote"},
)
KOKYO = Measure("kokyo", "公共事業等債", "bond", 20 * P, {"prefecture"}, "都道府県", coverage=90 * P)
KINBO = Measure(
    "kinbo",
    "緊急防災・減災事業債",
    "bond",
    70 * P,
    ORDINARY_LOCAL_GOVERNMENT_KINDS,
    "普通地方公共団体",
    coverage=Fraction(1),
)
KASSEI = Measure(
    "kassei", "地域活性化事業債", "bond", 30 * P, ORDINARY_LOCAL_GOVERNMENT_KINDS, "普通地方公共団体", coverage=90 * P
)
TOKKO = Measure(
    "tokko",
    "地域IoT実装推進のための特別交付税措置",
    "special_tax",
    Fraction(1, 2),
    ORDINARY_LOCAL_GOVERNMENT_KINDS,
    "地方公共団体",
    cost_cap_yen=20_000_000,
    unsourced_adjustment="財政力補正あり",
)

WIFI_ROUTES = [
    Route(KASO, "local_share"),
    Route(HENCHI, "local_share"),
    Route(IPPAN, "local_share"),
    Route(KOKYO, "local_share"),
    Route(KINBO, "standalone", "指定避難所における避難者の生活環境の改善のために実施する、Wi-Fi環境の整備"),
    Route(KASSEI, "standalone", "博物館や観光案内所などの観光拠点における環境整備"),
]

KASO_ISLAND_TOWN = Applicant("town", {"depopulated", "island"}, Fraction("0.35"))
PLAIN_TOWN = Applicant("town", fiscal_index=Fraction("0.6"))
PREFECTURE = Applicant("prefecture", {"island"}, Fraction("0.3"))
THIRD_SECTOR = Applicant("third_sector", {"island"})
HENCHI_VILLAGE = Applicant("village", {"remote"}, Fraction("0.3"))
KASO_HENCHI_TOWN = Applicant("town", {"depopulated", "remote"}, Fraction("0.3"))


def figures(plan):
    return (plan.subsidy_yen, plan.local_share, plan.bond, plan.cash, plan.allocation, plan.real_burden)


@pytest.mark.parametrize(
    ("applicant", "subsidy", "measure", "expected", "share"),
    [
        # 公衆無線LAN 2/3: 3,000万 → 補助2,000万; 補助裏1,000万 × 過疎債100% = 1,000万, × 算入70% = 700万; 1,000万 − 700万 = 300万
        pytest.param(
            KASO_ISLAND_TOWN,
            20_000_000,
            KASO,
            (20_000_000, 10_000_000, 10_000_000, 0, 7_000_000, 3_000_000),
            "10%",
            id="kaso-island-town-2/3: 3000万-2000万=1000万, 過疎債1000万x70%=700万, 実質300万(10%)",
        ),
        # 公衆無線LAN 1/2: 補助裏1,500万 × 一般補助債75% = 1,125万 (一般財源375万), 算入なし; 実質1,500万
        pytest.param(
            PLAIN_TOWN,
            15_000_000,
            IPPAN,
            (15_000_000, 15_000_000, 11_250_000, 3_750_000, 0, 15_000_000),
            "50%",
            id="plain-town-1/2: 1500万x一般補助債75%=1125万+一般財源375万, 算入0, 実質1500万(50%)",
        ),
        # 都道府県 1/2: 補助裏1,500万 × 公共事業等債90% = 1,350万, × 算入20% = 270万; 実質1,230万
        pytest.param(
            PREFECTURE,
            15_000_000,
            KOKYO,
            (15_000_000, 15_000_000, 13_500_000, 1_500_000, 2_700_000, 12_300_000),
            "41%",
            id="prefecture-1/2: 1500万x公共事業等債90%=1350万, x20%=270万, 実質1230万(41%)",
        ),
        # 第三セクター 1/2 のみ, 地方債なし: 補助裏1,500万を全額自ら負担
        pytest.param(
            THIRD_SECTOR,
            15_000_000,
            None,
            (15_000_000, 15_000_000, 0, 15_000_000, 0, 15_000_000),
            "50%",
            id="third-sector-1/2: no bond, 1500万 cash, 実質1500万(50%)",
        ),
        # 辺地 2/3: 補助裏1,000万 × 辺地債100% × 算入80% = 800万; 実質200万
        pytest.param(
            HENCHI_VILLAGE,
            20_000_000,
            HENCHI,
            (20_000_000, 10_000_000, 10_000_000, 0, 8_000_000, 2_000_000),
            "6.6%",
            id="henchi-village-2/3: 1000万x辺地債100%x80%=800万, 実質200万(6.6%)",
        ),
    ],
)
def test_public_wifi_worked_examples(applicant, subsidy, measure, expected, share):
    plans = funding_plans(applicant, 30_000_000, subsidy, WIFI_ROUTES)
    best = cheapest(plans)
    assert best.measure == measure and best.status == "applies"
    assert figures(best) == expected
    assert format_share(best.real_share) == share


def test_special_tax_above_its_cap_counts_half_of_the_cap_and_names_the_missing_adjustment():
    # 単独事業 3,000万: 措置 1/2 × min(3,000万, 上限2,000万) = 1,000万; 実質 2,000万 (66.6%)
    plan = plan_for(30_000_000, None, Route(TOKKO, "standalone"), PLAIN_TOWN)
    assert figures(plan) == (0, 30_000_000, 0, 30_000_000, 10_000_000, 20_000_000)
    assert format_share(plan.real_share) == "66.6%"
    assert plan.cost_capped and plan.partial == "財政力補正あり"
    assert plan_notes(plan) == [
        "事業費が対象経費の上限額2,000万円を超えるため、上限額に対する措置額です",
        "財政力補正あり：補正の算式が資料にないため、補正前の額で計算しています",
    ]


def test_special_tax_below_its_cap_counts_half_of_the_cost():
    # 1,200万 × 1/2 = 600万; 実質 600万
    plan = plan_for(12_000_000, None, Route(TOKKO, "standalone"), PLAIN_TOWN)
    assert (plan.allocation, plan.real_burden, plan.cost_capped) == (6_000_000, 6_000_000, False)


def test_amounts_stay_exact_until_display():
    # 1,000万 × 2/3 = 6,666,666円（補助金は円未満切り捨て）; 補助裏3,333,334 × 70% = 2,333,333.8; 実質 1,000,000.2
    plan = plan_for(10_000_000, 6_666_666, Route(KASO, "local_share"), KASO_ISLAND_TOWN)
    assert plan.allocation == Fraction(23_333_338, 10)
    assert plan.real_burden == Fraction(5_000_001, 5)
    assert format_share(plan.real_share) == "10%"


def test_the_cheapest_usable_route_leads_and_the_others_follow_with_their_reasons():
    plans = funding_plans(KASO_HENCHI_TOWN, 30_000_000, 20_000_000, WIFI_ROUTES)
    # 辺地債 (80%) beats 過疎債 (70%) for a town that is both; purpose-bound 単独事業 routes are conditional.
    assert [(p.measure.key, p.status) for p in plans] == [
        ("henchi", "applies"),
        ("kaso", "applies"),
        ("kinbo", "conditional"),
        ("kassei", "conditional"),
        ("kokyo", "unavailable"),
        ("ippan", "unavailable"),
    ]
    assert plan_reason(plans[1], KASO_HENCHI_TOWN) == (
        "過疎地域に該当するため過疎対策事業債（充当率100%、交付税算入率70%）を補助裏に充当できます"
    )
    assert plan_reason(plans[2], KASO_HENCHI_TOWN) == (
        "指定避難所における避難者の生活環境の改善のために実施する、Wi-Fi環境の整備であれば、"
        "普通地方公共団体に当たるため緊急防災・減災事業債（充当率100%、交付税算入率70%）を"
        "地方単独事業に充当できます"
    )
    # 単独事業 3,000万 × 100% × 70% = 2,100万; 実質 900万
    assert plans[2].real_burden == 9_000_000
    assert plan_reason(plans[5], KASO_HENCHI_TOWN) == (
        "一般補助施設整備等事業債（充当率75%、交付税算入なし）はその他の市町村が対象のため、利用できません"
    )


def test_third_sector_has_no_bond_and_pays_its_share_itself():
    plans = funding_plans(THIRD_SECTOR, 30_000_000, 15_000_000, WIFI_ROUTES)
    assert cheapest(plans).measure is None
    assert (
        plan_reason(cheapest(plans), THIRD_SECTOR)
        == "第三セクターが補助裏に充てられる地方債は資料にないため、地方負担の全額を自ら負担します"
    )
    assert all(p.status == "unavailable" for p in plans[1:])


def test_a_subsidy_not_yet_certain_makes_its_plans_conditional():
    plans = funding_plans(KASO_ISLAND_TOWN, 30_000_000, 20_000_000, WIFI_ROUTES[:1], subsidy_status="conditional")
    assert plans[0].status == "conditional"
    assert plan_notes(plans[0]) == ["国庫補助の対象となる条件を満たす場合の計算です"]


def test_no_subsidy_plans_only_standalone_routes():
    plans = funding_plans(PLAIN_TOWN, 30_000_000, None, WIFI_ROUTES)
    assert {p.route for p in plans} == {"standalone"}


def test_nothing_usable_means_no_cheapest():
    plans = funding_plans(Applicant("private"), 30_000_000, None, [Route(TOKKO, "standalone")])
    assert plans[0].status == "unavailable" and cheapest(plans) is None


def test_wording_of_rates():
    assert measure_text(IPPAN) == "一般補助施設整備等事業債（充当率75%、交付税算入なし）"
    assert (
        measure_text(TOKKO)
        == "地域IoT実装推進のための特別交付税措置（措置率1/2、対象経費の上限額2,000万円、財政力補正あり）"
    )
    assert format_percent(Fraction(3, 10)) == "30%"
    assert format_share(Fraction(1, 3)) == "33.3%"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "loan"}, "unknown measure kind"),
        ({"coverage": None}, "coverage"),
        ({"coverage": Fraction(3, 2)}, "coverage"),
        ({"allocation": 0.7}, "exact rate"),
        ({"applicant_kinds": "town"}, "not a string"),
        ({"applicant_kinds": {"shogunate"}}, "unknown applicant kinds"),
        ({"cost_cap_yen": 1}, "no cost cap"),
    ],
)
def test_bad_measures_are_refused(kwargs, message):
    values = {
        "key": "x",
        "name": "x",
        "kind": "bond",
        "allocation": Fraction(1, 2),
        "applicant_kinds": {"town"},
        "users_label": "町",
        "coverage": Fraction(1),
    }
    with pytest.raises(ValueError, match=message):
        Measure(**{**values, **kwargs})


@pytest.mark.parametrize(("cost", "subsidy"), [(0, 0), (-1, 0), (10, 11), (10, None), (True, 0)])
def test_bad_amounts_are_refused(cost, subsidy):
    with pytest.raises(ValueError):
        plan_for(cost, subsidy, Route(KASO, "local_share"), KASO_ISLAND_TOWN)


def test_a_special_tax_cannot_finance_a_local_share():
    with pytest.raises(ValueError, match="only a bond"):
        Route(TOKKO, "local_share")


BOND = {
    "key": "x",
    "name": "試験債",
    "kind": "bond",
    "allocation": Fraction(1, 2),
    "applicant_kinds": {"town"},
    "users_label": "町",
    "coverage": Fraction(1),
}
SPECIAL_TAX = {**BOND, "kind": "special_tax", "coverage": None, "cost_cap_yen": 1_000_000}


@pytest.mark.parametrize(
    ("base", "kwargs", "message"),
    [
        (BOND, {"kind": "loan"}, "unknown measure kind: 'loan'"),
        (BOND, {"allocation": None}, "試験債: allocation (交付税算入率・措置率) is required"),
        (BOND, {"allocation": 0.7}, "allocation must be an exact rate, got 0.7"),
        (BOND, {"allocation": True}, "allocation must be an exact rate, got True"),
        (BOND, {"allocation": Fraction(3, 2)}, "allocation must be in [0, 1], got 3/2"),
        (BOND, {"allocation": -1}, "allocation must be in [0, 1], got -1"),
        (BOND, {"coverage": None}, "試験債: a bond needs a coverage (充当率) above 0"),
        (BOND, {"coverage": 0}, "試験債: a bond needs a coverage (充当率) above 0"),
        (BOND, {"coverage": Fraction(3, 2)}, "coverage must be in [0, 1], got 3/2"),
        (BOND, {"coverage": "1"}, "coverage must be an exact rate, got '1'"),
        (BOND, {"cost_cap_yen": 1}, "試験債: a bond takes no cost cap"),
        (SPECIAL_TAX, {"coverage": Fraction(1, 2)}, "試験債: a 特別交付税措置 takes no coverage (充当率)"),
        (SPECIAL_TAX, {"cost_cap_yen": 0}, "試験債: cost_cap_yen must be a positive int"),
        (SPECIAL_TAX, {"cost_cap_yen": -5}, "試験債: cost_cap_yen must be a positive int"),
        (SPECIAL_TAX, {"cost_cap_yen": True}, "試験債: cost_cap_yen must be a positive int"),
        (SPECIAL_TAX, {"cost_cap_yen": 1.5}, "試験債: cost_cap_yen must be a positive int"),
        (BOND, {"applicant_kinds": "town"}, "applicant kinds must be a list, not a string"),
        (BOND, {"applicant_kinds": {"shogunate"}}, "unknown applicant kinds: ['shogunate']"),
        (BOND, {"applicant_kinds": set()}, "試験債: no applicant kind may use it"),
        (BOND, {"disadvantaged_any": "depopulated"}, "disadvantaged kinds must be a list, not a string"),
        (BOND, {"disadvantaged_any": {"haunted"}}, "unknown disadvantaged kinds: ['haunted']"),
        (BOND, {"disadvantaged_none": {"haunted", "remote"}}, "unknown disadvantaged kinds: ['haunted']"),
    ],
)
def test_a_bad_measure_is_refused_with_what_is_wrong(base, kwargs, message):
    with pytest.raises(ValueError) as error:
        Measure(**{**base, **kwargs})
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("base", "kwargs"),
    [
        (BOND, {"allocation": 0}),  # 交付税算入なし
        (BOND, {"allocation": 1, "coverage": Fraction(1, 100)}),
        (SPECIAL_TAX, {"cost_cap_yen": 1}),
        (SPECIAL_TAX, {"cost_cap_yen": None}),
    ],
)
def test_the_bounds_themselves_are_accepted(base, kwargs):
    measure = Measure(**{**base, **kwargs})
    assert isinstance(measure.allocation, Fraction)
    assert measure.allocation == Fraction(kwargs.get("allocation", base["allocation"]))


def test_a_measure_keeps_its_kinds_as_frozen_sets():
    measure = Measure(
        **{
            **BOND,
            "applicant_kinds": ["town", "city", "town"],
            "disadvantaged_any": ["remote"],
            "disadvantaged_none": ("depopulated",),
        }
    )
    assert measure.applicant_kinds == frozenset({"town", "city"})
    assert measure.disadvantaged_any == frozenset({"remote"})
    assert measure.disadvantaged_none == frozenset({"depopulated"})
    assert measure.coverage == 1 and isinstance(measure.coverage, Fraction)


@pytest.mark.parametrize(("kind", "message"), [("loan", "unknown route: 'loan'"), ("", "unknown route: ''")])
def test_an_unknown_route_is_refused(kind, message):
    with pytest.raises(ValueError) as error:
        Route(KASO, kind)
    assert str(error.value) == message


def test_a_special_tax_may_replace_the_subsidy():
    assert Route(TOKKO, "standalone").measure is TOKKO


def test_a_plan_counts_the_subsidy_as_eligible_unless_told_otherwise():
    plan = plan_for(100, 50, Route(KASO, "local_share"), KASO_ISLAND_TOWN)
    assert (plan.status, plan.subsidy_status) == ("applies", "eligible")
    assert plan_notes(plan) == []  # no 「条件を満たす場合」 note on a certain subsidy


@pytest.mark.parametrize(("cost", "subsidy", "local"), [(1, 0, 1), (100, 0, 100), (100, 100, 0)])
def test_the_bounds_of_cost_and_subsidy_are_accepted(cost, subsidy, local):
    plan = plan_for(cost, subsidy, Route(KASO, "local_share"), KASO_ISLAND_TOWN)
    assert plan.local_share == local
    assert plan.bond == local  # 過疎債 covers 100 %


def test_the_cash_plan_carries_the_programs_own_subsidy_status():
    plan = plan_for(100, 50, None, THIRD_SECTOR, "conditional")
    assert (plan.route, plan.status, plan.subsidy_status) == ("cash", "conditional", "conditional")
    assert (plan.bond, plan.allocation, plan.real_burden) == (0, 0, 50)


def test_a_standalone_route_does_not_depend_on_the_subsidy():
    plan = plan_for(30_000_000, None, Route(TOKKO, "standalone"), PLAIN_TOWN, "conditional")
    assert (plan.status, plan.subsidy_status, plan.subsidy_yen) == ("applies", "eligible", 0)
    assert plan_notes(plan) == [
        "事業費が対象経費の上限額2,000万円を超えるため、上限額に対する措置額です",
        "財政力補正あり：補正の算式が資料にないため、補正前の額で計算しています",
    ]
    assert plan_reason(plan, PLAIN_TOWN) == (
        "地方公共団体に当たるため地域IoT実装推進のための特別交付税措置（措置率1/2、対象経費の上限額2,000万円、財政力補正あり）の対象になります"
    )


def test_a_special_tax_without_a_cap_counts_its_rate_of_the_whole_cost():
    uncapped = Measure(**{**SPECIAL_TAX, "cost_cap_yen": None})
    plan = plan_for(30_000_000, None, Route(uncapped, "standalone"), PLAIN_TOWN)
    assert plan.allocation == 15_000_000 and not plan.cost_capped


def test_no_cash_plan_when_a_share_route_can_be_used():
    plans = funding_plans(KASO_ISLAND_TOWN, 100, 50, [Route(KASO, "local_share")])
    assert [plan.route for plan in plans] == ["local_share"]


def test_no_cash_plan_when_the_program_has_no_share_route():
    plans = funding_plans(THIRD_SECTOR, 100, 50, [Route(KINBO, "standalone")])
    assert [plan.route for plan in plans] == ["standalone"]


def test_the_cash_plan_of_an_uncertain_subsidy_is_conditional():
    plans = funding_plans(THIRD_SECTOR, 100, 50, WIFI_ROUTES, "conditional")
    cash = next(plan for plan in plans if plan.route == "cash")
    assert (cash.status, cash.subsidy_status) == ("conditional", "conditional")
    assert plan_notes(cash) == ["国庫補助の対象となる条件を満たす場合の計算です"]


def test_every_disadvantage_that_opens_a_bond_is_named():
    both = Measure(**{**BOND, "applicant_kinds": {"town"}, "disadvantaged_any": {"depopulated", "remote"}})
    plan = plan_for(100, 50, Route(both, "local_share"), KASO_HENCHI_TOWN)
    assert plan_reason(plan, KASO_HENCHI_TOWN).startswith("過疎地域・辺地に該当するため試験債")


@pytest.mark.parametrize(("amount", "yen"), [(Fraction(7, 2), 3), (Fraction(-1, 2), -1), (5, 5)])
def test_floor_yen_rounds_down(amount, yen):
    assert floor_yen(amount) == yen
