"""Who may receive a support program, and how much.

Programs state their conditions as ordered clauses (① 条件不利地域の団体は…, ② それ以外
は…): the first clause an applicant fits decides what it gets.  Rules mirror that
order, so the evaluator applies the first rule that definitely matches.  What the
applicant has not told us (fiscal index, size class, a prerequisite not yet done)
never counts as met: it makes a rule "conditional", so a page never promises 2/3
on a guess, and never hides a better rate that might apply.

Pure Python on purpose: the same rules drive Django views, seed checks and tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .money import (
    format_decimal,
    format_rate,
    format_yen,
    is_terminating_decimal,
    parse_fiscal_index,
    parse_rate,
)

__all__ = [
    "APPLICANT_KIND_LABELS",
    "DISADVANTAGED_LABELS",
    "LOCAL_GOVERNMENT_KINDS",
    "METHOD_LABELS",
    "METHODS",
    "MUNICIPAL_KINDS",
    "ORDINARY_LOCAL_GOVERNMENT_KINDS",
    "STATUS_LABELS",
    "STATUSES",
    "Applicant",
    "Evaluation",
    "Option",
    "OptionAmount",
    "Rule",
    "describe_option",
    "evaluate",
    "explain_rule",
    "is_local_government",
    "is_municipal",
    "small_municipality_of",
]

# Dict order is display order (forms, "・"-joined lists).
APPLICANT_KIND_LABELS: dict[str, str] = {
    "prefecture": "都道府県",
    "designated_city": "政令指定都市",
    "core_city": "中核市",
    "special_city": "施行時特例市",
    "city": "市",
    "town": "町",
    "village": "村",
    "special_ward": "特別区",
    "third_sector": "第三セクター",
    "private": "民間事業者",
    "university": "大学",
    "npo": "NPO法人",
    "consortium": "コンソーシアム",
}

# The seven 条件不利地域, in the order the programs list them.
DISADVANTAGED_LABELS: dict[str, str] = {
    "depopulated": "過疎地域",
    "remote": "辺地",
    "island": "離島",
    "peninsula": "半島",
    "mountain": "山村",
    "specific_farm_mountain": "特定農山村",
    "heavy_snow": "豪雪地帯",
}

METHOD_LABELS: dict[str, str] = {
    "fixed": "定額",
    "rate": "補助率",
    "special_tax": "特別交付税措置",
    "commission": "委託",
    "none": "金銭の交付なし",
}

STATUS_LABELS: dict[str, str] = {
    "eligible": "対象",
    "conditional": "条件付きで対象",
    "ineligible": "対象外",
}

# 市町村 in the legal sense: 特別区 are 特別地方公共団体 and not 市町村, though
# programs often treat them alike; rules that mean to include them list them.
MUNICIPAL_KINDS = frozenset({"designated_city", "core_city", "special_city", "city", "town", "village"})
# 普通地方公共団体 (e.g. the 公衆無線LAN program's 事業主体).
ORDINARY_LOCAL_GOVERNMENT_KINDS = MUNICIPAL_KINDS | {"prefecture"}
LOCAL_GOVERNMENT_KINDS = ORDINARY_LOCAL_GOVERNMENT_KINDS | {"special_ward"}

# 小規模地方公共団体 = 地方公共団体 other than 都道府県, 政令指定都市, 中核市, 特例市 and
# 東京23区 (001_45559b02a0e54ba4, 2017 地域IoT実装推進事業).
_NEVER_SMALL = frozenset({"prefecture", "designated_city", "core_city", "special_city", "special_ward"})
_ALWAYS_SMALL = frozenset({"town", "village"})

METHODS = tuple(METHOD_LABELS)
STATUSES = tuple(STATUS_LABELS)
_RATED_METHODS = frozenset({"rate", "special_tax"})


def is_municipal(kind: str) -> bool:
    return kind in MUNICIPAL_KINDS


def is_local_government(kind: str) -> bool:
    return kind in LOCAL_GOVERNMENT_KINDS


def _ordered(values: Iterable[str], labels: Mapping[str, str]) -> list[str]:
    wanted = set(values)
    return [key for key in labels if key in wanted]


def _checked_set(values: Iterable[str], labels: Mapping[str, str], what: str) -> frozenset[str]:
    if isinstance(values, str):
        raise ValueError(f"{what} must be a list, not a string: {values!r}")
    result = frozenset(values)
    unknown = result - labels.keys()
    if unknown:
        raise ValueError(f"unknown {what}: {sorted(unknown)}")
    return result


def _to_fraction(value: Any, what: str) -> Fraction | None:
    """Accept the exact types forms and JSON give us; floats are refused as inexact."""
    if value is None or isinstance(value, Fraction):
        result = value
    elif isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f"{what} must be a decimal string, not {value!r}")
    elif isinstance(value, (int, Decimal)):
        result = Fraction(value)
    elif isinstance(value, str):
        result = parse_fiscal_index(value)
        if result is None:
            raise ValueError(f"{what} is not a valid 財政力指数: {value!r}")
    else:
        raise ValueError(f"{what} has an unsupported type: {value!r}")
    if result is not None and result < 0:
        raise ValueError(f"{what} must not be negative: {value!r}")
    return result


def _reject_unknown_keys(data: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"unknown {what} keys: {sorted(unknown)}")


@dataclass(frozen=True)
class Option:
    """One way of being paid under a rule; an applicant picks among a rule's options."""

    method: str
    rate: Fraction | None = None
    cap_yen: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.method not in METHOD_LABELS:
            raise ValueError(f"unknown method: {self.method!r}")
        if self.method in _RATED_METHODS:
            if not isinstance(self.rate, Fraction) or not 0 < self.rate <= 1:
                raise ValueError(f"{self.method} needs a rate in (0, 1], got {self.rate!r}")
        elif self.rate is not None:
            raise ValueError(f"{self.method} takes no rate, got {self.rate!r}")
        if self.cap_yen is not None and (
            isinstance(self.cap_yen, bool) or not isinstance(self.cap_yen, int) or self.cap_yen < 0
        ):
            raise ValueError(f"cap_yen must be a non-negative int, got {self.cap_yen!r}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Option:
        _reject_unknown_keys(data, ("method", "rate", "cap_yen", "note"), "option")
        rate = data.get("rate")
        return cls(
            method=data["method"],
            rate=None if rate is None else parse_rate(rate),
            cap_yen=data.get("cap_yen"),
            note=data.get("note") or "",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "rate": None if self.rate is None else f"{self.rate.numerator}/{self.rate.denominator}",
            "cap_yen": self.cap_yen,
            "note": self.note,
        }

    @property
    def ceiling_yen(self) -> int | None:
        """The most this option can pay, where the terms set one."""
        if self.cap_yen is None or self.method == "none":
            return None
        if self.method == "special_tax":
            return self.amount_for(self.cap_yen).amount
        return self.cap_yen

    def amount_for(self, cost_yen: int) -> OptionAmount:
        """Subsidy for a project cost, rounded down to the yen as 補助金 are."""
        if cost_yen < 0:
            raise ValueError(f"cost must not be negative: {cost_yen}")
        cap = self.cap_yen
        if self.method == "none":
            return OptionAmount(self, None, False)
        if self.method == "special_tax":
            # The cap limits the eligible cost (対象経費上限), not the measure itself.
            base = min(cost_yen, cap) if cap is not None else cost_yen
            return OptionAmount(self, _floor(self.rate * base), cap is not None and cost_yen > cap)
        amount = _floor(self.rate * cost_yen) if self.method == "rate" else cost_yen
        if cap is not None and amount > cap:
            return OptionAmount(self, cap, True)
        return OptionAmount(self, amount, False)


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


@dataclass(frozen=True)
class OptionAmount:
    """What one option pays; ``capped`` tells a page to say the ceiling was reached."""

    option: Option
    amount: int | None
    capped: bool = False


@dataclass(frozen=True)
class Rule:
    """One clause of a program's conditions; all its conditions must hold together."""

    label: str
    applicant_kinds: frozenset[str]
    disadvantaged_any: frozenset[str] = frozenset()
    max_fiscal_index: Fraction | None = None
    small_municipality: bool = False
    prerequisites: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        kinds = _checked_set(self.applicant_kinds, APPLICANT_KIND_LABELS, "applicant kinds")
        if not kinds:
            raise ValueError(f"rule {self.label!r} names no applicant kind")
        object.__setattr__(self, "applicant_kinds", kinds)
        object.__setattr__(
            self,
            "disadvantaged_any",
            _checked_set(self.disadvantaged_any, DISADVANTAGED_LABELS, "disadvantaged kinds"),
        )
        limit = _to_fraction(self.max_fiscal_index, "max_fiscal_index")
        if limit is not None and not is_terminating_decimal(limit):
            # Fiscal indices are published as decimals; a 1/3 could not be stored exactly.
            raise ValueError(f"max_fiscal_index must be a decimal, got {limit}")
        object.__setattr__(self, "max_fiscal_index", limit)
        if not isinstance(self.small_municipality, bool):
            raise ValueError(f"small_municipality must be a bool, got {self.small_municipality!r}")
        if isinstance(self.prerequisites, str):
            raise ValueError("prerequisites must be a list, not a string")
        object.__setattr__(self, "prerequisites", tuple(self.prerequisites))
        object.__setattr__(self, "options", tuple(self.options))
        if not all(isinstance(option, Option) for option in self.options):
            raise ValueError("options must be Option instances (use Rule.from_dict for plain dicts)")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        _reject_unknown_keys(
            data,
            (
                "label",
                "applicant_kinds",
                "disadvantaged_any",
                "max_fiscal_index",
                "small_municipality",
                "prerequisites",
                "options",
                "note",
            ),
            "rule",
        )
        return cls(
            label=data["label"],
            applicant_kinds=data["applicant_kinds"],
            disadvantaged_any=data.get("disadvantaged_any") or (),
            max_fiscal_index=data.get("max_fiscal_index"),
            small_municipality=data.get("small_municipality", False),
            prerequisites=data.get("prerequisites") or (),
            options=tuple(Option.from_dict(option) for option in data.get("options") or ()),
            note=data.get("note") or "",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "applicant_kinds": _ordered(self.applicant_kinds, APPLICANT_KIND_LABELS),
            "disadvantaged_any": _ordered(self.disadvantaged_any, DISADVANTAGED_LABELS),
            "max_fiscal_index": None if self.max_fiscal_index is None else format_decimal(self.max_fiscal_index),
            "small_municipality": self.small_municipality,
            "prerequisites": list(self.prerequisites),
            "options": [option.to_dict() for option in self.options],
            "note": self.note,
        }


@dataclass(frozen=True)
class Applicant:
    """What we know about a body asking for support; None means "not known".

    ``small_municipality`` is only consulted for kind "city": every other kind
    settles the 小規模地方公共団体 question by definition, while "city" is also used
    when a city's class (中核市? 施行時特例市?) was not known for certain.
    """

    kind: str
    disadvantaged: frozenset[str] = frozenset()
    fiscal_index: Fraction | None = None
    small_municipality: bool | None = None
    completed_prerequisites: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.kind not in APPLICANT_KIND_LABELS:
            raise ValueError(f"unknown applicant kind: {self.kind!r}")
        object.__setattr__(
            self, "disadvantaged", _checked_set(self.disadvantaged, DISADVANTAGED_LABELS, "disadvantaged kinds")
        )
        object.__setattr__(self, "fiscal_index", _to_fraction(self.fiscal_index, "fiscal_index"))
        if self.small_municipality is not None and not isinstance(self.small_municipality, bool):
            raise ValueError(f"small_municipality must be a bool or None, got {self.small_municipality!r}")
        if isinstance(self.completed_prerequisites, str):
            raise ValueError("completed_prerequisites must be a list, not a string")
        object.__setattr__(self, "completed_prerequisites", frozenset(self.completed_prerequisites))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Applicant:
        _reject_unknown_keys(
            data,
            ("kind", "disadvantaged", "fiscal_index", "small_municipality", "completed_prerequisites"),
            "applicant",
        )
        return cls(
            kind=data["kind"],
            disadvantaged=data.get("disadvantaged") or (),
            fiscal_index=data.get("fiscal_index"),
            small_municipality=data.get("small_municipality"),
            completed_prerequisites=data.get("completed_prerequisites") or (),
        )


def small_municipality_of(applicant: Applicant) -> bool | None:
    """Whether the applicant is a 小規模地方公共団体; None when only the caller could know."""
    if applicant.kind not in LOCAL_GOVERNMENT_KINDS or applicant.kind in _NEVER_SMALL:
        return False
    if applicant.kind in _ALWAYS_SMALL:
        return True
    return applicant.small_municipality


@dataclass(frozen=True)
class Evaluation:
    """The answer for one applicant and one program.

    ``alternatives`` are conditional evaluations of rules ranked before ``rule``
    that would take precedence, offering something different, if their open
    conditions turn out to hold (e.g. 2/3 instead of 1/2 once the fiscal index is known).
    """

    status: str
    rule: Rule | None
    reasons: tuple[str, ...]
    amounts: tuple[OptionAmount, ...] = ()
    best: OptionAmount | None = None
    alternatives: tuple[Evaluation, ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


# A clause as (連用形, 終止形) so several can be chained into one Japanese sentence.
_Clause = tuple[str, str]


def _suru(stem: str) -> _Clause:
    return stem + "し", stem + "する"


def _da(stem: str) -> _Clause:
    return stem + "であり", stem + "である"


def _chain(clauses: list[_Clause]) -> str:
    return "、".join([joined for joined, _ in clauses[:-1]] + [clauses[-1][1]])


@dataclass
class _Check:
    met: list[_Clause] = field(default_factory=list)
    open: list[tuple[str, _Clause]] = field(default_factory=list)  # (reason, clause if it held)
    unmet: list[str] = field(default_factory=list)


def _labels(keys: Iterable[str], labels: Mapping[str, str]) -> str:
    return "・".join(labels[key] for key in _ordered(keys, labels))


def _disadvantaged_text(kinds: frozenset[str]) -> str:
    if kinds == frozenset(DISADVANTAGED_LABELS):
        return "条件不利地域"
    text = _labels(kinds, DISADVANTAGED_LABELS)
    return text if len(kinds) == 1 else f"{text}のいずれか"


def _check(rule: Rule, applicant: Applicant) -> _Check:
    check = _Check()
    if rule.disadvantaged_any:
        hits = rule.disadvantaged_any & applicant.disadvantaged
        if hits:
            check.met.append(_suru(f"条件不利地域（{_labels(hits, DISADVANTAGED_LABELS)}）に該当"))
        else:
            check.unmet.append(f"{_disadvantaged_text(rule.disadvantaged_any)}に該当しません")
    if rule.max_fiscal_index is not None:
        limit = format_decimal(rule.max_fiscal_index)
        index = applicant.fiscal_index
        if index is None:
            check.open.append(
                (f"財政力指数が不明です（{limit}以下であることが条件です）", _da(f"財政力指数が{limit}以下"))
            )
        elif index <= rule.max_fiscal_index:
            check.met.append(_da(f"財政力指数（{format_decimal(index)}）が{limit}以下"))
        else:
            check.unmet.append(f"財政力指数（{format_decimal(index)}）が{limit}を超えています")
    if rule.small_municipality:
        small = small_municipality_of(applicant)
        if small is None:
            check.open.append(
                (
                    "小規模地方公共団体（都道府県・政令指定都市・中核市・施行時特例市・特別区以外）に該当するか不明です",
                    _suru("小規模地方公共団体に該当"),
                )
            )
        elif small:
            check.met.append(_suru("小規模地方公共団体に該当"))
        else:
            check.unmet.append("小規模地方公共団体に該当しません")
    for prerequisite in rule.prerequisites:
        if prerequisite not in applicant.completed_prerequisites:
            check.open.append((f"前提条件「{prerequisite}」が未了です", _da(f"前提条件「{prerequisite}」が完了済み")))
    return check


def describe_option(option: Option, *, short: bool = False) -> str:
    """Japanese wording of an option; ``short`` drops "補助率" where a list of choices makes it plain."""
    cap = f"（上限{format_yen(option.cap_yen)}）" if option.cap_yen is not None else ""
    if option.method == "rate":
        return f"{'' if short else METHOD_LABELS['rate']}{format_rate(option.rate)}{cap}"
    if option.method == "special_tax":
        cost_cap = f"、対象経費上限{format_yen(option.cap_yen)}" if option.cap_yen is not None else ""
        return f"{METHOD_LABELS['special_tax']}（措置率{format_rate(option.rate)}{cost_cap}）"
    if option.method == "none":
        return option.note or METHOD_LABELS["none"]
    return METHOD_LABELS[option.method] + cap


def _offer_sentence(rule: Rule, applicant: Applicant, met: list[_Clause]) -> str:
    if len(rule.options) > 1:
        offer = "または".join(describe_option(option, short=True) for option in rule.options) + "を選べます"
    elif rule.options:
        option = rule.options[0]
        if option.method != "none":
            offer = f"{describe_option(option)}の対象です"
        elif option.note:
            # A note is the document's own clause (「…を行う」): quoted, it reads as the thing offered.
            offer = f"「{option.note}」の対象です"
        else:
            offer = f"対象です（{METHOD_LABELS['none']}）"
    else:
        offer = "対象です"
    if met:
        return f"{_chain(met)}ため、{offer}"
    return f"{APPLICANT_KIND_LABELS[applicant.kind]}は{offer}"


def _amounts(rule: Rule, cost_yen: int | None) -> tuple[tuple[OptionAmount, ...], OptionAmount | None]:
    if cost_yen is None:
        return (), None
    amounts = tuple(option.amount_for(cost_yen) for option in rule.options)
    best = None
    for candidate in amounts:
        if candidate.amount is not None and (best is None or candidate.amount > best.amount):
            best = candidate
    return amounts, best


def _conditional(rule: Rule, check: _Check, applicant: Applicant, cost_yen: int | None) -> Evaluation:
    reasons = [reason for reason, _ in check.open]
    reasons.append(f"条件を満たせば、{_offer_sentence(rule, applicant, check.met)}")
    amounts, best = _amounts(rule, cost_yen)
    return Evaluation("conditional", rule, tuple(reasons), amounts, best)


def evaluate(applicant: Applicant, rules: Iterable[Rule], cost_yen: int | None = None) -> Evaluation:
    """Apply the first rule that definitely matches, else the first conditional one.

    Earlier conditional rules stay visible as ``alternatives`` of a definite
    match: knowing the applicant is eligible for 1/2 must not hide that 2/3 may apply.
    """
    if cost_yen is not None and cost_yen < 0:
        raise ValueError(f"cost must not be negative: {cost_yen}")
    rules = tuple(rules)
    pending: list[tuple[Rule, _Check]] = []
    failures: list[str] = []
    for rule in rules:
        if applicant.kind not in rule.applicant_kinds:
            continue
        check = _check(rule, applicant)
        if check.unmet:
            failures.append(f"「{rule.label}」：" + "、".join(check.unmet))
        elif check.open:
            pending.append((rule, check))
        else:
            better = [(other, c) for other, c in pending if other.options != rule.options]
            reasons = [_offer_sentence(rule, applicant, check.met)]
            for other, other_check in better:
                offers = "または".join(describe_option(option) for option in other.options)
                reasons.append(
                    f"なお、{_chain([clause for _, clause in other_check.open])}場合は"
                    f"「{other.label}」（{offers or '対象'}）が優先されます"
                )
            amounts, best = _amounts(rule, cost_yen)
            alternatives = tuple(_conditional(o, c, applicant, cost_yen) for o, c in better)
            return Evaluation("eligible", rule, tuple(reasons), amounts, best, alternatives)
    if pending:
        return _conditional(*pending[0], applicant, cost_yen)
    if not rules:
        return Evaluation("ineligible", None, ("対象となる条件が登録されていません",))
    if not failures:
        return Evaluation("ineligible", None, (f"{APPLICANT_KIND_LABELS[applicant.kind]}は対象外です",))
    return Evaluation("ineligible", None, tuple(failures))


def explain_rule(rule: Rule) -> str:
    """One-line Japanese summary of a rule, generated so it cannot drift from the data."""
    target = f"対象：{_labels(rule.applicant_kinds, APPLICANT_KIND_LABELS)}"
    if rule.disadvantaged_any:
        target += f"（{_disadvantaged_text(rule.disadvantaged_any)}に該当）"
    parts = [target]
    if rule.small_municipality:
        parts.append("小規模地方公共団体に限る")
    if rule.max_fiscal_index is not None:
        parts.append(f"財政力指数{format_decimal(rule.max_fiscal_index)}以下")
    if rule.prerequisites:
        parts.append("前提：" + "、".join(rule.prerequisites))
    if rule.options:
        parts.append("または".join(describe_option(option) for option in rule.options))
    return "。".join(parts)
