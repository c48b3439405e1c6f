"""Which programs a municipality page lists: judged with the kind in force on
1 April of each program's fiscal year, by kind alone (pure, no database)."""

import datetime
from functools import partial
from types import SimpleNamespace

from regions.programs import programs_for
from supports.eligibility import Rule
from taxonomy.kinds import KindChange, kind_on

# 福井市: 施行時特例市 on the reference day, 中核市 from 2019-04-01.
FUKUI = partial(kind_on, "special_city", [KindChange(datetime.date(2019, 4, 1), "special_city", "core_city")])


def _program(title, fiscal_year, *rules):
    return SimpleNamespace(title=title, fiscal_year=fiscal_year, rule_objects=lambda: list(rules))


def _broken(title):
    def rule_objects():
        raise ValueError("補助率 without a rate")

    return SimpleNamespace(title=title, fiscal_year=2018, rule_objects=rule_objects)


CORE = Rule(label="中核市", applicant_kinds={"core_city"})
SPECIAL = Rule(label="施行時特例市", applicant_kinds={"special_city"})
POOR = Rule(label="財政力指数0.5以下の市町村", applicant_kinds={"special_city", "town"}, max_fiscal_index="0.5")


def _listed(kind_on, programs):
    return [
        (fit.program.title, fit.judged_on, fit.kind, fit.evaluation.status) for fit in programs_for(kind_on, programs)
    ]


def test_each_program_is_judged_with_the_kind_on_1_april_of_its_fiscal_year():
    programs = [
        _program("2018中核市", 2018, CORE),
        _program("2019中核市", 2019, CORE),
        _program("2018特例市", 2018, SPECIAL),
    ]
    assert _listed(FUKUI, programs) == [
        ("2019中核市", datetime.date(2019, 4, 1), "core_city", "eligible"),
        ("2018特例市", datetime.date(2018, 4, 1), "special_city", "eligible"),
    ]


def test_what_the_page_cannot_know_makes_a_program_conditional_and_eligible_ones_come_first():
    programs = [_program("財政力", 2017, POOR), _program("特例市", 2016, SPECIAL)]
    assert [(title, status) for title, _, _, status in _listed(FUKUI, programs)] == [
        ("特例市", "eligible"),
        ("財政力", "conditional"),
    ]


def test_programs_without_rules_or_with_unreadable_rules_are_not_judged():
    programs = [_program("規則なし", 2018), _broken("壊れた規則"), _program("特例市", 2018, SPECIAL)]
    assert [title for title, *_ in _listed(FUKUI, programs)] == ["特例市"]


def test_a_kind_no_rule_names_gets_nothing():
    village = partial(kind_on, "village", [])
    assert _listed(village, [_program("中核市", 2018, CORE), _program("特例市", 2018, SPECIAL)]) == []
