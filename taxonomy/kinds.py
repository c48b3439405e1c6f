"""団体区分 over time. The programs describe FY2015–2018 and a body's kind
decides what it may apply for, so a kind is a value on a date: the directory
stores each body's kind on REFERENCE_DATE and the dated changes around it,
and ``kind_on`` answers for any day. Pure functions; no ORM."""

import datetime
from dataclasses import dataclass

# The day the directory's 団体区分 describe (総務省's list of 中核市・施行時特例市
# 平成30年4月1日現在, the last 1 April of the programs' fiscal years).
REFERENCE_DATE = datetime.date(2018, 4, 1)

# Tokyo's 23 special wards are 13101–13123 (5-digit code).
SPECIAL_WARD_CODES = range(13101, 13124)


@dataclass(frozen=True)
class KindChange:
    date: datetime.date
    before: str
    after: str


def kind_on(kind_at_reference, changes, on, reference=REFERENCE_DATE):
    """The kind in force on the day ``on``: changes after the reference day
    and on or before ``on`` are applied forwards; changes after ``on`` and on
    or before the reference day are undone backwards. A change takes effect
    on its own date (a city that becomes 中核市 on 2018-04-01 is one that day)."""
    kind = kind_at_reference
    if on >= reference:
        for change in sorted(changes, key=lambda c: c.date):
            if reference < change.date <= on:
                kind = change.after
    else:
        for change in sorted(changes, key=lambda c: c.date, reverse=True):
            if on < change.date <= reference:
                kind = change.before
    return kind


def fiscal_year_start(fiscal_year):
    """1 April of a Japanese fiscal year (年度): the day a program's
    eligibility is judged on."""
    return datetime.date(fiscal_year, 4, 1)


def kind_from_name(name, code5, has_wards):
    """What the directory data itself decides: a body with wards is a
    政令指定都市, Tokyo's 13101–13123 are 特別区, otherwise the last character
    of the body's own name (市/町/村). 中核市 and 施行時特例市 are not in the
    data; they come from the project's list (city_status.json)."""
    if has_wards:
        return "designated_city"
    if int(code5) in SPECIAL_WARD_CODES:
        return "special_ward"
    suffix = {"市": "city", "町": "town", "村": "village"}.get(name[-1:])
    if suffix is None:
        raise ValueError(f"cannot tell the kind of {name!r} ({code5}) from its name")
    return suffix
