"""What a project finally costs the body that runs it: a funding plan.

A national subsidy leaves a local share (補助裏).  The documents (002: 普通地方
公共団体の負担イメージ) say how that share may be financed: a local bond (地方債)
covers 充当率 of it, and 交付税算入率 of the bond is later met by 地方交付税.  A
project may instead run as a 地方単独事業, without the subsidy, financed by a bond
or supported by a 特別交付税措置 (001: 措置率 1/2 of the cost up to 対象経費上限).

    実質的な地方負担 = 地方負担 − 交付税算入額（or 特別交付税措置額）

Rules:
- Amounts are exact fractions of a yen; only display rounds, and it rounds every
  figure down to the yen (the subsidy itself is already whole yen, rounded down
  as 補助金 are).  Shares round down to 0.1%.
- Interest is not modelled: the documents give none, and 交付税算入 is counted at
  the rate of the principal.
- Whatever part of a rule the documents state without its formula (財政力補正あり)
  is named on the plan and not computed: the figure is the one before it.
- As in eligibility.py, what the applicant has not told us never counts as met:
  a route that needs a purpose ("指定避難所の…Wi-Fi") is "conditional".

Pure Python: decisions here, wording in the ``*_text`` functions at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from .eligibility import APPLICANT_KIND_LABELS, DISADVANTAGED_LABELS, Applicant
from .money import format_decimal, format_rate, format_yen

__all__ = [
    "CASH",
    "MEASURE_KIND_LABELS",
    "PLAN_ROUTE_LABELS",
    "PLAN_STATUS_LABELS",
    "ROUTE_LABELS",
    "FundingPlan",
    "Measure",
    "Route",
    "cheapest",
    "floor_yen",
    "format_percent",
    "format_share",
    "funding_plans",
    "measure_text",
    "plan_for",
    "plan_notes",
    "plan_reason",
]

MEASURE_KIND_LABELS = {"bond": "地方債", "special_tax": "特別交付税措置"}
ROUTE_LABELS = {"local_share": "国庫補助事業（補助裏に充当）", "standalone": "地方単独事業（国庫補助なし）"}
PLAN_STATUS_LABELS = {"applies": "利用できる", "conditional": "条件付きで利用できる", "unavailable": "利用できない"}
# Pseudo-route for a local share paid in cash when no bond fits the body.
CASH = "cash"
PLAN_ROUTE_LABELS = {**ROUTE_LABELS, CASH: "国庫補助事業（補助裏は地方債なし）"}

ROUNDING_NOTE = "金額は分数のまま正確に計算し、表示では円未満を切り捨てています（割合は小数第1位未満を切り捨て）。"
INTEREST_NOTE = "地方債の利子は資料に記載がないため計算に含めていません（交付税算入額は元金に対する額です）。"


def floor_yen(amount: Fraction | int) -> int:
    return int(amount // 1)


def format_percent(rate: Fraction) -> str:
    """0.7 → "70%": documents state bond rates in percent."""
    return format_decimal(rate * 100) + "%"


def format_share(share: Fraction) -> str:
    """A share of the cost rounded down to 0.1%: 1/3 → "33.3%"."""
    tenths = floor_yen(share * 1000)
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth}%" if tenth else f"{whole}%"


def _rate(value, what: str) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        raise ValueError(f"{what} must be an exact rate, got {value!r}")
    value = Fraction(value)
    if not 0 <= value <= 1:
        raise ValueError(f"{what} must be in [0, 1], got {value}")
    return value


def _kinds(values: Iterable[str], labels, what: str) -> frozenset[str]:
    if isinstance(values, str):
        raise ValueError(f"{what} must be a list, not a string")
    result = frozenset(values)
    if result - labels.keys():
        raise ValueError(f"unknown {what}: {sorted(result - labels.keys())}")
    return result


@dataclass(frozen=True)
class Measure:
    """A 地方債 (``coverage`` = 充当率, ``allocation`` = 交付税算入率, 0 = 算入なし) or a
    特別交付税措置 (``allocation`` = 措置率, ``cost_cap_yen`` = 対象経費の上限額).

    Users: a body of one of ``applicant_kinds`` with any of ``disadvantaged_any``
    (when given) and none of ``disadvantaged_none`` ("その他の市町村" = neither
    過疎 nor 辺地).  ``users_label`` is how the document names them."""

    key: str
    name: str
    kind: str
    allocation: Fraction
    applicant_kinds: frozenset[str]
    users_label: str
    coverage: Fraction | None = None
    cost_cap_yen: int | None = None
    disadvantaged_any: frozenset[str] = frozenset()
    disadvantaged_none: frozenset[str] = frozenset()
    unsourced_adjustment: str = ""

    def __post_init__(self) -> None:
        if self.kind not in MEASURE_KIND_LABELS:
            raise ValueError(f"unknown measure kind: {self.kind!r}")
        object.__setattr__(self, "allocation", _rate(self.allocation, "allocation"))
        object.__setattr__(self, "coverage", _rate(self.coverage, "coverage"))
        if self.allocation is None:
            raise ValueError(f"{self.name}: allocation (交付税算入率・措置率) is required")
        if self.kind == "bond":
            if not self.coverage:
                raise ValueError(f"{self.name}: a bond needs a coverage (充当率) above 0")
            if self.cost_cap_yen is not None:
                raise ValueError(f"{self.name}: a bond takes no cost cap")
        elif self.coverage is not None:
            raise ValueError(f"{self.name}: a 特別交付税措置 takes no coverage (充当率)")
        if self.cost_cap_yen is not None and (
            isinstance(self.cost_cap_yen, bool) or not isinstance(self.cost_cap_yen, int) or self.cost_cap_yen <= 0
        ):
            raise ValueError(f"{self.name}: cost_cap_yen must be a positive int")
        kinds = _kinds(self.applicant_kinds, APPLICANT_KIND_LABELS, "applicant kinds")
        if not kinds:
            raise ValueError(f"{self.name}: no applicant kind may use it")
        object.__setattr__(self, "applicant_kinds", kinds)
        object.__setattr__(
            self, "disadvantaged_any", _kinds(self.disadvantaged_any, DISADVANTAGED_LABELS, "disadvantaged kinds")
        )
        object.__setattr__(
            self, "disadvantaged_none", _kinds(self.disadvantaged_none, DISADVANTAGED_LABELS, "disadvantaged kinds")
        )

    def usable_by(self, applicant: Applicant) -> bool:
        return (
            applicant.kind in self.applicant_kinds
            and (not self.disadvantaged_any or bool(self.disadvantaged_any & applicant.disadvantaged))
            and not self.disadvantaged_none & applicant.disadvantaged
        )


@dataclass(frozen=True)
class Route:
    """A program linked to a measure: it finances the program's 補助裏
    ("local_share") or replaces the subsidy as a 地方単独事業 ("standalone").
    ``condition`` is what the project must be for the route to apply."""

    measure: Measure
    kind: str
    condition: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ROUTE_LABELS:
            raise ValueError(f"unknown route: {self.kind!r}")
        if self.kind == "local_share" and self.measure.kind != "bond":
            raise ValueError("only a bond can finance a subsidy's local share")


@dataclass(frozen=True)
class FundingPlan:
    """One way of paying for ``cost_yen``; every amount exact."""

    route: str  # a ROUTE_LABELS key or CASH
    status: str
    cost_yen: int
    subsidy_yen: int
    bond: Fraction
    allocation: Fraction  # 交付税算入額 or 特別交付税措置額
    measure: Measure | None = None
    condition: str = ""
    subsidy_status: str = "eligible"  # the program's own evaluation, for subsidised routes

    @property
    def local_share(self) -> int:
        return self.cost_yen - self.subsidy_yen

    @property
    def cash(self) -> Fraction:
        return self.local_share - self.bond

    @property
    def real_burden(self) -> Fraction:
        return self.local_share - self.allocation

    @property
    def real_share(self) -> Fraction:
        return self.real_burden / self.cost_yen

    @property
    def cost_capped(self) -> bool:
        measure = self.measure
        return bool(measure and measure.cost_cap_yen is not None and self.cost_yen > measure.cost_cap_yen)

    @property
    def partial(self) -> str:
        """The part of the measure's rule left out of the figures, if any."""
        return self.measure.unsourced_adjustment if self.measure and self.allocation else ""


def plan_for(
    cost_yen: int, subsidy_yen: int | None, route: Route | None, applicant: Applicant, subsidy_status: str = "eligible"
) -> FundingPlan:
    """The plan for one route; ``route`` None pays the local share in cash."""
    if isinstance(cost_yen, bool) or not isinstance(cost_yen, int) or cost_yen <= 0:
        raise ValueError(f"cost must be a positive int, got {cost_yen!r}")
    if route is None or route.kind == "local_share":
        if subsidy_yen is None or not 0 <= subsidy_yen <= cost_yen:
            raise ValueError(f"a subsidised route needs a subsidy within the cost, got {subsidy_yen!r}")
    # A subsidy not yet certain makes its plans conditional, whatever the bond.
    subsidised_status = "applies" if subsidy_status == "eligible" else "conditional"
    if route is None:
        return FundingPlan(
            CASH, subsidised_status, cost_yen, subsidy_yen, Fraction(0), Fraction(0), subsidy_status=subsidy_status
        )
    measure = route.measure
    if not measure.usable_by(applicant):
        status = "unavailable"
    elif route.condition:
        status = "conditional"
    else:
        status = subsidised_status if route.kind == "local_share" else "applies"
    subsidy = subsidy_yen if route.kind == "local_share" else 0
    local = cost_yen - subsidy
    if measure.kind == "bond":
        bond = measure.coverage * local
        allocation = measure.allocation * bond
    else:
        base = local if measure.cost_cap_yen is None else min(local, measure.cost_cap_yen)
        bond, allocation = Fraction(0), measure.allocation * base
    return FundingPlan(
        route.kind,
        status,
        cost_yen,
        subsidy,
        bond,
        allocation,
        measure,
        route.condition,
        subsidy_status if route.kind == "local_share" else "eligible",
    )


_STATUS_RANK = {"applies": 0, "conditional": 1, "unavailable": 2}


def _rank(plan: FundingPlan):
    return _STATUS_RANK[plan.status], plan.real_burden


def funding_plans(
    applicant: Applicant,
    cost_yen: int,
    subsidy_yen: int | None,
    routes: Iterable[Route],
    subsidy_status: str = "eligible",
) -> tuple[FundingPlan, ...]:
    """Every route's plan, cheapest usable first, then conditional, then unusable.

    ``subsidy_yen`` None means the body gets no subsidy from this program (or it
    pays something else), so only 地方単独事業 routes are planned.  When a subsidy
    is paid but no linked bond fits the body (a 第三セクター), the local share is
    planned in cash, so the page still says what the body bears."""
    routes = tuple(routes)
    plans = [
        plan_for(cost_yen, subsidy_yen, route, applicant, subsidy_status)
        for route in routes
        if subsidy_yen is not None or route.kind == "standalone"
    ]
    has_share_route = any(route.kind == "local_share" for route in routes)
    if (
        subsidy_yen is not None
        and has_share_route
        and not any(plan.route == "local_share" and plan.status != "unavailable" for plan in plans)
    ):
        plans.append(plan_for(cost_yen, subsidy_yen, None, applicant, subsidy_status))
    return tuple(sorted(plans, key=_rank))


def cheapest(plans: Iterable[FundingPlan]) -> FundingPlan | None:
    """The plan a page leads with: the first of ``funding_plans`` unless none can be used."""
    plans = tuple(plans)
    return plans[0] if plans and plans[0].status != "unavailable" else None


# Wording


def measure_text(measure: Measure) -> str:
    """ "過疎対策事業債（充当率100%、交付税算入率70%）", as the documents write it."""
    if measure.kind == "bond":
        allocation = f"交付税算入率{format_percent(measure.allocation)}" if measure.allocation else "交付税算入なし"
        return f"{measure.name}（充当率{format_percent(measure.coverage)}、{allocation}）"
    parts = [f"措置率{format_rate(measure.allocation)}"]
    if measure.cost_cap_yen is not None:
        parts.append(f"対象経費の上限額{format_yen(measure.cost_cap_yen)}")
    if measure.unsourced_adjustment:
        parts.append(measure.unsourced_adjustment)
    return f"{measure.name}（{'、'.join(parts)}）"


def _users_clause(measure: Measure, applicant: Applicant) -> str:
    hits = measure.disadvantaged_any & applicant.disadvantaged
    if hits:
        return "・".join(DISADVANTAGED_LABELS[k] for k in DISADVANTAGED_LABELS if k in hits) + "に該当するため"
    return f"{measure.users_label}に当たるため"


def plan_reason(plan: FundingPlan, applicant: Applicant) -> str:
    """Why the route applies or not, in one sentence."""
    measure = plan.measure
    if measure is None:
        kind = APPLICANT_KIND_LABELS[applicant.kind]
        return f"{kind}が補助裏に充てられる地方債は資料にないため、地方負担の全額を自ら負担します"
    if measure.kind == "special_tax":
        use = "の対象になります"
    else:
        use = "を補助裏に充当できます" if plan.route == "local_share" else "を地方単独事業に充当できます"
    if plan.status == "unavailable":
        return f"{measure_text(measure)}は{measure.users_label}が対象のため、利用できません"
    sentence = f"{_users_clause(measure, applicant)}{measure_text(measure)}{use}"
    if plan.condition:
        sentence = f"{plan.condition}であれば、{sentence}"
    return sentence


def plan_notes(plan: FundingPlan) -> list[str]:
    notes = []
    if plan.subsidy_status != "eligible" and plan.route != "standalone":
        notes.append("国庫補助の対象となる条件を満たす場合の計算です")
    if plan.cost_capped:
        notes.append(
            f"事業費が対象経費の上限額{format_yen(plan.measure.cost_cap_yen)}を超えるため、上限額に対する措置額です"
        )
    if plan.partial:
        notes.append(f"{plan.partial}：補正の算式が資料にないため、補正前の額で計算しています")
    return notes
