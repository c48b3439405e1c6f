"""Checking one seeded item's quotes against the documents, and that every
fact of a checked type is quoted. Pure: items are plain dicts as in the data
files, documents plain strings.

A fact is named by a path into the item: "budget_yen", "effects[2].value",
"rules[0].options[1].cap_yen". A spec names the facts that must be quoted
with a pattern ("effects[*].value") and a type saying how its value is
looked for in the quote:

- number, rate, date, time, year: the value in any of its spellings (checks.py);
- name (a winner, a venue, a member): the name itself, normalised;
- flag (100選, 受賞, 採択): asserted only when some quote names it.

A quote may name a path's ancestor ("effects[2]" covers "effects[2].value");
a path no spec names is still checked for the numbers it states."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from . import checks

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


@dataclass(frozen=True)
class Fact:
    pattern: str
    kind: str


def _steps(path: str):
    return [int(index) if index.isdigit() else (index or name) for name, index in _STEP.findall(path)]


def resolve(item, path: str):
    """The value at a concrete path, or KeyError."""
    value = item
    for step in _steps(path):
        if isinstance(step, int):
            if not isinstance(value, list) or step >= len(value):
                raise KeyError(path)
            value = value[step]
        else:
            if not isinstance(value, dict) or step not in value:
                raise KeyError(path)
            value = value[step]
    return value


def expand(item, pattern: str) -> list[tuple[str, object]]:
    """Every concrete (path, value) a pattern with [*] matches."""
    found = [("", item)]
    for step in _steps(pattern):
        following = []
        for path, value in found:
            if step == "*":
                if isinstance(value, list):
                    following += [(f"{path}[{i}]", v) for i, v in enumerate(value)]
            elif isinstance(step, int):
                if isinstance(value, list) and step < len(value):
                    following.append((f"{path}[{step}]", value[step]))
            elif isinstance(value, dict) and step in value:
                following.append((f"{path}.{step}" if path else step, value[step]))
        found = following
    return found


def is_empty(value) -> bool:
    return value is None or value == "" or value is False or value == [] or value == {}


def _covers(named: str, path: str) -> bool:
    return path == named or path.startswith((named + ".", named + "["))


def _typed(value, kind):
    if kind == "date" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if kind == "time" and isinstance(value, str):
        return datetime.time.fromisoformat(value)
    return value


NAME_VARIANTS = "／"
_MODEL_NAMED_AFTER = re.compile(r"^(.{2,})[市町村]$")


def name_parts(name: str) -> list[str]:
    """A name the documents spell differently is stored as its variants
    joined by ／ (沖縄情報通信協議会／沖縄情報通信懇談会)."""
    return [part for part in name.split(NAME_VARIANTS) if part]


def name_in_quote(name: str, quote: str) -> bool:
    """Is one spelling of the name in the quote? A 分野別モデル named after a
    municipality names it: 「人吉モデル」 names 人吉市 as 「石巻市モデル」 names 石巻市."""
    text = checks.normalise(quote)
    for part in name_parts(str(name)):
        part = checks.normalise(part)
        named_after = _MODEL_NAMED_AFTER.match(part)
        if part in text or (named_after and f"{named_after.group(1)}モデル" in text):
            return True
    return False


def value_problem(value, kind: str, quote: str) -> str | None:
    """Why the quote does not back this value, or None when it does."""
    if kind == "flag":
        return None
    if kind == "name":
        return None if name_in_quote(value, quote) else f"名称「{value}」が引用にありません"
    if kind == "year":
        return None if checks._found(checks.year_forms(int(value)), quote) else f"年「{value}」が引用にありません"
    if isinstance(value, (dict, list)):
        return None
    missing = checks.missing_numbers(_typed(value, kind), quote)
    return f"数値・日付「{'、'.join(missing)}」が引用にありません" if missing else None


def item_problems(item: dict, facts: list[Fact], documents: dict[str, str]) -> list[str]:
    """Everything wrong with one item's provenance, in words.

    ``documents`` maps a document's short or full id to its text."""
    problems = []
    kinds = {}
    for fact in facts:
        for path, _value in expand(item, fact.pattern):
            kinds[path] = fact.kind
    quotes = item.get("quotes") or []
    named_paths = []
    for number, quote in enumerate(quotes, 1):
        text, doc = quote.get("text") or "", quote.get("doc") or ""
        where = f"引用{number}"
        document = documents.get(doc)
        if document is None:
            problems.append(f"{where}: 資料「{doc}」がありません")
            continue
        if not checks.quote_in_document(text, document):
            problems.append(f"{where}: 資料{doc}に見つかりません「{text[:40]}」")
            continue
        for path in quote.get("fields") or []:
            try:
                value = resolve(item, path)
            except KeyError:
                problems.append(f"{where}: 項目「{path}」がデータにありません")
                continue
            named_paths.append(path)
            covered = [(p, k) for p, k in kinds.items() if _covers(path, p)] or [(path, "text")]
            for concrete, kind in covered:
                problem = value_problem(resolve(item, concrete), kind, text)
                if problem:
                    problems.append(f"{where} {concrete}: {problem}")
    for path, kind in kinds.items():
        value = resolve(item, path)
        if is_empty(value):
            continue
        quoting = [q["text"] for q in quotes if any(_covers(named, path) for named in q.get("fields") or [])]
        if not any(_covers(named, path) for named in named_paths):
            label = "根拠のない表示（フラグ）" if kind == "flag" else "引用のない事実"
            problems.append(f"{label}: {path}")
        elif kind == "name":
            unquoted = [part for part in name_parts(str(value)) if not any(name_in_quote(part, q) for q in quoting)]
            if unquoted:
                problems.append(f"引用のない名称: {path}「{'、'.join(unquoted)}」")
    return problems
