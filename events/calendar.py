"""Seminar dates as people in Japan read them, as pure functions.

Every date and time is Asia/Tokyo wall-clock time: a seminar is stored as
local dates plus optional local times, so no conversion can move it to
another day. A seminar without a time is all-day; one that runs over several
days occupies each of them."""

import calendar
import datetime
from dataclasses import dataclass, field

from clock import TOKYO

WEEKDAYS = "月火水木金土日"  # in date.weekday() order
# Sunday first, as Japanese wall calendars are printed.
WEEK_HEADER = [
    ("日", "日曜日"),
    ("月", "月曜日"),
    ("火", "火曜日"),
    ("水", "水曜日"),
    ("木", "木曜日"),
    ("金", "金曜日"),
    ("土", "土曜日"),
]
FIRST_YEAR, LAST_YEAR = 1900, 2100


def aware(date, time):
    return datetime.datetime.combine(date, time, tzinfo=TOKYO)


def days_between(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self):
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValueError(f"{FIRST_YEAR}年から{LAST_YEAR}年までの年を指定してください。")
        if not 1 <= self.month <= 12:
            raise ValueError("月は1から12までの数で指定してください。")

    @classmethod
    def of(cls, date):
        return cls(date.year, date.month)

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self):
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self):
        return f"{self.year}年{self.month}月"

    def shifted(self, months):
        """The month `months` away, or None past the supported range."""
        index = self.year * 12 + self.month - 1 + months
        try:
            return Month(index // 12, index % 12 + 1)
        except ValueError:
            return None

    @property
    def previous(self):
        return self.shifted(-1)

    @property
    def next(self):
        return self.shifted(1)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    items: list = field(default_factory=list)

    @property
    def weekday_class(self):
        return {5: "sat", 6: "sun"}.get(self.date.weekday(), "")


def month_grid(month, items, today):
    """Weeks (Sunday first) of Days; each item is placed on every day from
    its `start_date` to its `last_date` that falls in the month, in the order
    given."""
    weeks = [
        [Day(date, date.month == month.month, date == today) for date in week]
        for week in calendar.Calendar(firstweekday=6).monthdatescalendar(month.year, month.month)
    ]
    by_date = {day.date: day for week in weeks for day in week if day.in_month}
    for item in items:
        for date in days_between(max(item.start_date, month.first_day), min(item.last_date, month.last_day)):
            by_date[date].items.append(item)
    return weeks


def date_label(date, with_year=True):
    text = f"{date.month}月{date.day}日（{WEEKDAYS[date.weekday()]}）"
    return f"{date.year}年{text}" if with_year else text


def time_label(time):
    return f"{time.hour}:{time.minute:02d}"


def schedule_label(start_date, last_date, start_time=None, end_time=None):
    """'2018年2月6日（火）13:00〜16:45', '2017年6月20日（火）〜6月21日（水）'.
    Only what is known is shown: no time is invented for an all-day item."""
    start = date_label(start_date)
    if start_time:
        start += f" {time_label(start_time)}"
    if last_date == start_date:
        end = time_label(end_time) if end_time else ""
        return f"{start}〜{end}" if end else start
    end = date_label(last_date, with_year=last_date.year != start_date.year)
    if end_time:
        end += f" {time_label(end_time)}"
    return f"{start}〜{end}"
