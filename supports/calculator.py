"""The program page's funding calculator: a GET form (no JavaScript) answering
with the finder's own 財源の内訳 for one program, and the measures behind it."""

from __future__ import annotations

from dataclasses import dataclass

from .eligibility import Applicant, evaluate
from .finder import live_links, program_funding, routes_by_program
from .forms import FundingCalculatorForm
from .funding_display import FundingTable
from .money import format_yen

# The query-string names the calculator reads; any of them makes it answer.
PARAMS = ("applicant_kind", "disadvantaged", "fiscal_index", "cost", "measure")


@dataclass
class Calculator:
    form: FundingCalculatorForm
    links: list  # FinancingLink models with their measures, for the rules and quotes
    table: FundingTable | None = None
    reasons: tuple[str, ...] = ()
    cost_display: str = ""

    @property
    def invalid(self) -> bool:
        return self.form.is_bound and bool(self.form.errors)


def run_calculator(program, params) -> Calculator | None:
    """None when no published measure finances the program (nothing to compute)."""
    links = list(live_links(program))
    if not links:
        return None
    routes = routes_by_program(links).get(program.pk, [])
    bound = any(name in params for name in PARAMS)
    choices = {route.measure.key: route.measure for route in routes}.values()
    form = FundingCalculatorForm(params if bound else None, measures=choices)
    calculator = Calculator(form, links)
    if not bound or not form.is_valid():
        return calculator
    data = form.cleaned_data
    applicant = Applicant(
        kind=data["applicant_kind"], disadvantaged=frozenset(data["disadvantaged"]), fiscal_index=data["fiscal_index"]
    )
    if data["measure"]:
        routes = [route for route in routes if route.measure.key == data["measure"]]
    try:
        rules = program.rule_objects()
    except ValueError:
        rules = []
    evaluation = evaluate(applicant, rules, data["cost"])
    calculator.reasons = evaluation.reasons
    calculator.table = program_funding(evaluation, applicant, data["cost"], routes)
    calculator.cost_display = format_yen(data["cost"])
    return calculator
