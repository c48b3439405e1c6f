"""The pure date logic: month grid, days of multi-day seminars, labels."""

import datetime
from types import SimpleNamespace

import pytest

from events import calendar
from events.calendar import Month, month_grid, schedule_label

D = datetime.date


def item(start, last=None):
    return SimpleNamespace(start_date=start, last_date=last or start)


def days_with_items(weeks):
    return {day.date: day.items for week in weeks for day in week if day.items}


def test_grid_starts_on_sunday_and_covers_whole_weeks():
    weeks = month_grid(Month(2018, 2), [], today=D(2026, 1, 1))
    assert weeks[0][0].date == D(2018, 1, 28)  # a Sunday
    assert all(len(week) == 7 for week in weeks)
    in_month = [day.date for week in weeks for day in week if day.in_month]
    assert in_month[0] == D(2018, 2, 1) and in_month[-1] == D(2018, 2, 28) and len(in_month) == 28


def test_leap_february_has_29_days():
    weeks = month_grid(Month(2020, 2), [], today=D(2026, 1, 1))
    assert max(day.date for week in weeks for day in week if day.in_month) == D(2020, 2, 29)


def test_items_on_first_and_last_day_of_the_month():
    first, last = item(D(2018, 2, 1)), item(D(2018, 2, 28))
    placed = days_with_items(month_grid(Month(2018, 2), [first, last], today=D(2026, 1, 1)))
    assert placed == {D(2018, 2, 1): [first], D(2018, 2, 28): [last]}


def test_an_item_of_the_next_month_is_not_shown_in_the_leading_or_trailing_cells():
    weeks = month_grid(Month(2018, 2), [item(D(2018, 3, 1)), item(D(2018, 1, 31))], today=D(2026, 1, 1))
    assert days_with_items(weeks) == {}


def test_multi_day_item_appears_on_each_day():
    fair = item(D(2017, 6, 20), D(2017, 6, 21))
    placed = days_with_items(month_grid(Month(2017, 6), [fair], today=D(2026, 1, 1)))
    assert placed == {D(2017, 6, 20): [fair], D(2017, 6, 21): [fair]}


def test_multi_day_item_crossing_a_month_boundary_is_clipped_to_the_month():
    event = item(D(2018, 1, 30), D(2018, 2, 2))
    january = days_with_items(month_grid(Month(2018, 1), [event], today=D(2026, 1, 1)))
    february = days_with_items(month_grid(Month(2018, 2), [event], today=D(2026, 1, 1)))
    assert sorted(january) == [D(2018, 1, 30), D(2018, 1, 31)]
    assert sorted(february) == [D(2018, 2, 1), D(2018, 2, 2)]


def test_today_is_marked_once():
    weeks = month_grid(Month(2018, 2), [], today=D(2018, 2, 14))
    marked = [day.date for week in weeks for day in week if day.is_today]
    assert marked == [D(2018, 2, 14)]


@pytest.mark.parametrize("year, month", [(2018, 0), (2018, 13), (1899, 1), (2101, 1)])
def test_impossible_months_are_refused(year, month):
    with pytest.raises(ValueError):
        Month(year, month)


def test_previous_and_next_cross_year_boundaries():
    assert Month(2018, 1).previous == Month(2017, 12)
    assert Month(2017, 12).next == Month(2018, 1)
    assert Month(calendar.LAST_YEAR, 12).next is None
    assert Month(calendar.FIRST_YEAR, 1).previous is None


def test_aware_keeps_the_wall_clock_time_in_tokyo():
    start = calendar.aware(D(2018, 2, 6), datetime.time(23, 30))
    assert start.isoformat() == "2018-02-06T23:30:00+09:00"
    assert start.astimezone(datetime.UTC).date() == D(2018, 2, 6)
    early = calendar.aware(D(2018, 2, 6), datetime.time(8, 0))
    assert early.astimezone(datetime.UTC).date() == D(2018, 2, 5)  # the UTC day differs; the seminar's does not


@pytest.mark.parametrize(
    "args, label",
    [
        ((D(2018, 2, 6), D(2018, 2, 6), datetime.time(13), datetime.time(16, 45)), "2018年2月6日（火） 13:00〜16:45"),
        ((D(2018, 2, 6), D(2018, 2, 6), datetime.time(13), None), "2018年2月6日（火） 13:00"),
        ((D(2018, 2, 6), D(2018, 2, 6)), "2018年2月6日（火）"),
        ((D(2017, 6, 20), D(2017, 6, 21)), "2017年6月20日（火）〜6月21日（水）"),
        ((D(2017, 12, 31), D(2018, 1, 1)), "2017年12月31日（日）〜2018年1月1日（月）"),
    ],
)
def test_schedule_label_shows_only_what_is_known(args, label):
    assert schedule_label(*args) == label
