"""search/facets.py as table tests: which values a document gives each facet,
and 募集中 decided from the window and today. No database."""

import datetime

import pytest
from django.utils import timezone

from search.facets import FACETS, FACETS_BY_NAME, FLAG_VALUE, FacetSpec, facet_values, open_now, stored_values

TODAY = datetime.date(2026, 5, 20)
ONE_DAY = datetime.timedelta(days=1)
WINDOW = {"application_open": "2026-05-01", "application_close": "2026-05-31"}


@pytest.mark.parametrize(
    ("window", "today", "is_open"),
    [
        (WINDOW, datetime.date(2026, 5, 1), True),  # the first day counts
        (WINDOW, datetime.date(2026, 5, 31), True),  # and the last
        (WINDOW, datetime.date(2026, 4, 30), False),
        (WINDOW, datetime.date(2026, 6, 1), False),
        ({"application_open": "2026-05-01"}, TODAY, False),  # no close: never advertised as open
        ({"application_close": "2026-05-31"}, TODAY, False),
        ({"application_open": "", "application_close": "2026-05-31"}, TODAY, False),
        ({}, TODAY, False),
    ],
)
def test_open_now_needs_a_known_window_holding_today(window, today, is_open):
    assert open_now(window, today) is is_open
    assert facet_values(window, "open", today) == ([FLAG_VALUE] if is_open else [])
    assert stored_values(window, "open", today) == ([FLAG_VALUE] if is_open else [])


def test_open_now_reads_todays_date_when_no_day_is_given():
    today = timezone.localdate()
    around_today = {
        "application_open": (today - ONE_DAY).isoformat(),
        "application_close": (today + ONE_DAY).isoformat(),
    }
    until_yesterday = {
        "application_open": (today - 9 * ONE_DAY).isoformat(),
        "application_close": (today - ONE_DAY).isoformat(),
    }
    assert open_now(around_today)
    assert not open_now(until_yesterday)


@pytest.mark.parametrize(
    ("document", "name", "values"),
    [
        ({"kind": "case"}, "kind", ["case"]),
        ({"fields": ["health", "education"]}, "field", ["health", "education"]),  # read from its source key
        ({"field": ["health"]}, "field", []),  # … not from its name
        ({"tags": ("防災",)}, "tag", ["防災"]),
        ({"year": 2018}, "year", ["2018"]),  # values are strings, as the query string gives them
        ({"year": [2017, 2018]}, "year", ["2017", "2018"]),
        ({"selected_100": True}, "selected_100", [FLAG_VALUE]),
        ({"selected_100": False}, "selected_100", []),
        ({"block": None}, "block", []),
        ({}, "prefecture", []),
        ({"block": []}, "block", []),
    ],
)
def test_facet_values_of_a_document(document, name, values):
    assert facet_values(document, name, TODAY) == values


def test_stored_values_are_read_by_facet_name():
    row = {"field": ["health"], "kind": ["case"]}
    assert stored_values(row, "field", TODAY) == ["health"]
    assert stored_values(row, "block", TODAY) == []


def test_the_key_is_the_source_when_there_is_one():
    assert FacetSpec("field", "分野", source="fields").key == "fields"
    assert FacetSpec("block", "地域ブロック").key == "block"


def test_every_facet_has_a_unique_name_and_a_japanese_label():
    names = [spec.name for spec in FACETS]
    assert len(names) == len(set(names)) == len(FACETS_BY_NAME)
    assert all(spec.label and not spec.label.isascii() for spec in FACETS)
    # 47 prefectures must all come back from the engine.
    assert FACETS_BY_NAME["prefecture"].size >= 47
