"""Today's date and the fiscal year, as the site reckons them: the lowest
layer (it imports no app), so every app reads the date the same way.

Code reads the date as ``clock.today()`` (attribute access, never
``from clock import today``) so that one fixture, tests/conftest.py's
``frozen_today``, can fix it for a test."""

import datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


def today(now=None):
    """Today's date in Tokyo, whatever the server's clock zone."""
    now = now or datetime.datetime.now(datetime.UTC)
    return now.astimezone(TOKYO).date()


def fiscal_year_of(day):
    """年度: a fiscal year starts on 1 April, so January–March belong to the
    year before."""
    return day.year if day.month >= 4 else day.year - 1
