"""The facets the apps declare, as table tests: which values a document gives
each one, and 募集中 decided from the program's window and today. No database."""

import datetime

import pytest

import clock
from search import registry
from search.facets import FLAG_VALUE, TermsFacet, within

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
def test_open_needs_a_known_window_holding_today(window, today, is_open):
    facet = registry.facet("open")
    assert within(window.get("application_open"), window.get("application_close"), today) is is_open
    assert facet.values(window, today) == ([FLAG_VALUE] if is_open else [])
    assert facet.stored_values(window, today) == ([FLAG_VALUE] if is_open else [])


def test_open_reads_todays_date_when_no_day_is_given(frozen_today):
    frozen_today(TODAY)
    facet = registry.facet("open")
    around_today = {
        "application_open": (TODAY - ONE_DAY).isoformat(),
        "application_close": (TODAY + ONE_DAY).isoformat(),
    }
    until_yesterday = {
        "application_open": (TODAY - 9 * ONE_DAY).isoformat(),
        "application_close": (TODAY - ONE_DAY).isoformat(),
    }
    assert clock.today() == TODAY
    assert facet.values(around_today) == [FLAG_VALUE]
    assert facet.values(until_yesterday) == []


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
def test_values_of_a_document(document, name, values):
    assert registry.facet(name).values(document, TODAY) == values


def test_stored_values_are_read_by_facet_name():
    row = {"field": ["health"], "kind": ["case"]}
    assert registry.facet("field").stored_values(row, TODAY) == ["health"]
    assert registry.facet("block").stored_values(row, TODAY) == []


def test_the_key_is_the_source_when_there_is_one():
    assert TermsFacet("field", "分野", source="fields").key == "fields"
    assert TermsFacet("block", "地域ブロック").key == "block"


def test_every_facet_has_a_unique_name_and_a_japanese_label():
    facets = registry.facets()
    names = [facet.name for facet in facets]
    assert len(names) == len(set(names))
    assert all(facet.label and not facet.label.isascii() for facet in facets)
    # 47 prefectures must all come back from the engine.
    assert registry.facet("prefecture").size >= 47
