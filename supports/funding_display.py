"""Funding plans as the finder, the program page, CSV and JSON show them:
the same rounded figures everywhere, so a download never disagrees with the page."""

from __future__ import annotations

from dataclasses import dataclass

from .eligibility import Applicant
from .funding import (
    INTEREST_NOTE,
    PLAN_ROUTE_LABELS,
    PLAN_STATUS_LABELS,
    ROUNDING_NOTE,
    FundingPlan,
    Route,
    cheapest,
    floor_yen,
    format_share,
    funding_plans,
    measure_text,
    plan_notes,
    plan_reason,
)
from .money import format_yen

CAVEAT = (
    "2017〜2018年度の資料に基づく試算です。現在の補助率・地方債の充当率・交付税措置は、"
    "最新の公募要領や地方債計画などで必ずご確認ください。"
)
NOTES = (CAVEAT, INTEREST_NOTE, ROUNDING_NOTE)
CASH_LABEL = "地方債なし（補助裏を自ら負担）"

# Who finally pays each part of the cost, in the order the bar draws them.
BAR_PARTS = (("subsidy_yen", "国庫補助"), ("allocation_yen", "交付税措置"), ("real_burden_yen", "実質負担"))


@dataclass(frozen=True)
class BarPart:
    key: str
    label: str
    yen: int
    x: float
    width: float
    share: str

    @property
    def yen_display(self) -> str:
        return format_yen(self.yen)


@dataclass(frozen=True)
class PlanRow:
    """One plan with every figure rounded down to the yen for display."""

    plan: FundingPlan
    reason: str
    notes: tuple[str, ...]
    best: bool

    @property
    def label(self) -> str:
        measure = self.plan.measure
        return measure_text(measure) if measure else CASH_LABEL

    @property
    def route_label(self) -> str:
        return PLAN_ROUTE_LABELS[self.plan.route]

    @property
    def status_label(self) -> str:
        return PLAN_STATUS_LABELS[self.plan.status]

    @property
    def allocation_label(self) -> str:
        measure = self.plan.measure
        return "特別交付税措置" if measure and measure.kind == "special_tax" else "交付税算入"

    def figures(self) -> dict[str, int]:
        plan = self.plan
        return {
            "cost_yen": plan.cost_yen,
            "subsidy_yen": plan.subsidy_yen,
            "local_share_yen": plan.local_share,
            "bond_yen": floor_yen(plan.bond),
            "cash_yen": floor_yen(plan.cash),
            "allocation_yen": floor_yen(plan.allocation),
            "real_burden_yen": floor_yen(plan.real_burden),
        }

    def displays(self) -> dict[str, str]:
        return {key.removesuffix("_yen"): format_yen(value) for key, value in self.figures().items()}

    @property
    def real_share(self) -> str:
        return format_share(self.plan.real_share)

    def bar(self) -> list[BarPart]:
        """Segments of a 100-wide bar; zero parts are left out of the drawing, not the text."""
        figures, cost, x, parts = self.figures(), self.plan.cost_yen, 0.0, []
        exact = {
            "subsidy_yen": self.plan.subsidy_yen,
            "allocation_yen": self.plan.allocation,
            "real_burden_yen": self.plan.real_burden,
        }
        for key, label in BAR_PARTS:
            width = round(float(exact[key] / cost) * 100, 2)
            parts.append(
                BarPart(key.removesuffix("_yen"), label, figures[key], x, width, format_share(exact[key] / cost))
            )
            x += width
        return parts

    def as_dict(self) -> dict:
        measure = self.plan.measure
        return {
            "route": self.plan.route,
            "route_label": self.route_label,
            "measure": None if measure is None else {"slug": measure.key, "name": measure.name, "kind": measure.kind},
            "label": self.label,
            "status": self.plan.status,
            "status_label": self.status_label,
            "best": self.best,
            "reason": self.reason,
            "notes": list(self.notes),
            **self.figures(),
            "real_burden_share": self.real_share,
            "allocation_label": self.allocation_label,
        }

    def as_text(self) -> str:
        d = self.displays()
        return (
            f"{self.label}［{self.status_label}］：国庫補助{d['subsidy']}、地方債{d['bond']}、一般財源等{d['cash']}、"
            f"うち{self.allocation_label}{d['allocation']}、実質負担{d['real_burden']}（{self.real_share}）"
        )


@dataclass(frozen=True)
class FundingTable:
    rows: tuple[PlanRow, ...]

    @property
    def best(self) -> PlanRow | None:
        return next((row for row in self.rows if row.best), None)

    notes = NOTES

    @property
    def sort_key(self):
        best = self.best
        return (0, best.plan.real_burden) if best else (1, 0)

    def as_dict(self) -> dict:
        best = self.best
        return {
            "best": best.as_dict() if best else None,
            "plans": [row.as_dict() for row in self.rows],
            "notes": list(self.notes),
        }


def funding_table(
    applicant: Applicant, cost_yen: int, subsidy_yen: int | None, routes: list[Route], subsidy_status: str = "eligible"
) -> FundingTable | None:
    """The table for one program, or None when no route of the documents concerns it."""
    if not routes:
        return None
    plans = funding_plans(applicant, cost_yen, subsidy_yen, routes, subsidy_status)
    if not plans:
        return None
    lead = cheapest(plans)
    return FundingTable(
        tuple(PlanRow(plan, plan_reason(plan, applicant), tuple(plan_notes(plan)), plan is lead) for plan in plans)
    )
