"""Which support programs a local government's kind may apply for, as its
page lists them. A program is judged with the kind the body had on 1 April
of the program's fiscal year (福井市 is 施行時特例市 for FY2018 and 中核市
from FY2019), and only with the kind: what the page does not know (fiscal
index, 条件不利地域, prerequisites) stays open, as supports/eligibility.py
rules, so a program the kind may fit is shown as 条件付き, never dropped or
promised. Pure: programs are anything with ``fiscal_year`` and
``rule_objects()``, the kind is a function of the day."""

import datetime
from dataclasses import dataclass

from supports.eligibility import APPLICANT_KIND_LABELS, Applicant, Evaluation, evaluate
from taxonomy.kinds import fiscal_year_start

# Eligible first, then those that depend on what the page does not know.
STATUS_ORDER = ("eligible", "conditional")


@dataclass(frozen=True)
class ProgramFit:
    program: object
    judged_on: datetime.date
    kind: str
    evaluation: Evaluation

    @property
    def kind_label(self):
        return APPLICANT_KIND_LABELS[self.kind]


def programs_for(kind_on, programs):
    """[ProgramFit] for the programs the body's kind is or may be eligible
    for, eligible ones first, each in the given order. Programs without
    rules, or whose rules cannot be read, are not judged here (the finder
    lists them as 判定できません)."""
    fits = []
    for program in programs:
        try:
            rules = program.rule_objects()
        except ValueError:
            continue
        if not rules:
            continue
        day = fiscal_year_start(program.fiscal_year)
        kind = kind_on(day)
        evaluation = evaluate(Applicant(kind=kind), rules)
        if evaluation.status in STATUS_ORDER:
            fits.append(ProgramFit(program, day, kind, evaluation))
    return sorted(fits, key=lambda fit: STATUS_ORDER.index(fit.evaluation.status))
