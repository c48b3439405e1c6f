"""The one 'today' and the one fiscal year (clock/), as table tests: no
database, no HTTP."""

import datetime

import pytest

import clock

D = datetime.date
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime.datetime(2018, 2, 5, 15, 0, tzinfo=UTC), D(2018, 2, 6)),  # 00:00 JST: already the next day
        (datetime.datetime(2018, 2, 5, 14, 59, 59, tzinfo=UTC), D(2018, 2, 5)),  # 23:59:59 JST: still the same day
        (
            datetime.datetime(2018, 3, 31, 15, 30, tzinfo=UTC),
            D(2018, 4, 1),
        ),  # the new fiscal year starts in Tokyo first
        (datetime.datetime(2018, 2, 6, 0, 30, tzinfo=clock.TOKYO), D(2018, 2, 6)),
    ],
)
def test_today_is_the_date_in_tokyo_whatever_the_zone_of_now(now, day):
    assert clock.today(now) == day


def test_today_without_an_argument_reads_the_real_clock_in_tokyo():
    before = datetime.datetime.now(UTC).astimezone(clock.TOKYO).date()
    assert clock.today() in {before, before + datetime.timedelta(days=1)}


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2018, 1, 1), 2017),
        (D(2018, 2, 6), 2017),
        (D(2018, 3, 31), 2017),
        (D(2018, 4, 1), 2018),
        (D(2018, 12, 31), 2018),
        (D(2026, 12, 1), 2026),
    ],
)
def test_fiscal_year_starts_on_1_april(day, year):
    assert clock.fiscal_year_of(day) == year


def test_frozen_today_fixes_the_date_every_app_reads(frozen_today):
    frozen_today(D(2019, 3, 31))
    assert clock.today() == D(2019, 3, 31)
    assert clock.fiscal_year_of(clock.today()) == 2018
