"""Facet types and the registry as plain data (no HTTP, no database): what
募集中 and 年度 do is the behaviour of their type, not of their name."""

import datetime

import pytest

from search import registry
from search.facets import FLAG_VALUE, DateWindowFacet, FlagFacet, Order, TermsFacet, YearFacet
from search.results import FacetValue

TODAY = datetime.date(2025, 6, 10)
WINDOW = DateWindowFacet("open", "募集状況", start="from", end="until", flag_label="募集中")


@pytest.mark.parametrize(
    "document, expected",
    [
        ({"from": "2025-06-01", "until": "2025-06-30"}, [FLAG_VALUE]),
        ({"from": "2025-06-10", "until": "2025-06-10"}, [FLAG_VALUE]),  # both ends count
        ({"from": "2025-06-11", "until": "2025-06-30"}, []),
        ({"from": "2025-05-01", "until": "2025-06-09"}, []),
        ({"from": "2025-06-01", "until": None}, []),  # an open end is never 募集中
        ({"from": None, "until": "2025-06-30"}, []),
        ({}, []),
    ],
)
def test_a_date_window_is_decided_on_the_day(document, expected):
    assert WINDOW.values(document, TODAY) == expected
    assert WINDOW.stored_values(document, TODAY) == expected
    assert WINDOW.window == ("from", "until")


@pytest.mark.parametrize(
    "facet, document, expected",
    [
        (TermsFacet("field", "分野", source="fields"), {"fields": ["a", "b"]}, ["a", "b"]),
        (TermsFacet("ministry", "所管"), {"ministry": "総務省"}, ["総務省"]),
        (TermsFacet("ministry", "所管"), {"ministry": None}, []),
        (YearFacet("year", "年度"), {"year": 2017}, ["2017"]),
        (FlagFacet("selected_100", "100選", flag_label="100選"), {"selected_100": True}, [FLAG_VALUE]),
        (FlagFacet("selected_100", "100選", flag_label="100選"), {"selected_100": False}, []),
    ],
)
def test_stored_facets_read_their_key(facet, document, expected):
    assert facet.values(document) == expected
    assert facet.window is None


@pytest.mark.parametrize(
    "facet, value, accepted",
    [
        (YearFacet("year", "年度"), "2017", True),
        (YearFacet("year", "年度"), "２０１７", False),
        (YearFacet("year", "年度"), "2017a", False),
        (TermsFacet("tag", "タグ"), "見守り", True),
    ],
)
def test_which_values_a_facet_accepts(facet, value, accepted):
    assert facet.accepts(value) is accepted


def values(*triples):
    return [FacetValue(value=v, label=label, count=count, selected=False) for v, label, count in triples]


@pytest.mark.parametrize(
    "order, labels, expected",
    [
        # The vocabulary's order, whatever the counts; unknown values last.
        (Order.EDITORIAL, {"c": "C", "a": "A", "b": "B"}, ["c", "a", "b", "zz"]),
        (Order.COUNT, {}, ["b", "c", "a", "zz"]),
        (Order.NEWEST, {}, ["c", "b", "a", "zz"]),
    ],
)
def test_each_order_sorts_values(order, labels, expected):
    items = values(("a", "A", 1), ("zz", "Z", 0), ("b", "B", 9), ("c", "C", 5))
    if order is Order.NEWEST:
        items = values(("2015", "2015", 1), ("zz", "zz", 0), ("2016", "2016", 9), ("2017", "2017", 5))
        expected = ["2017", "2016", "2015", "zz"]
    facet = TermsFacet("x", "X", order=order)
    assert [v.value for v in sorted(items, key=facet.sort_key(labels))] == expected


def test_flag_labels_belong_to_the_facet():
    assert WINDOW.value_labels() == {FLAG_VALUE: "募集中"}
    assert TermsFacet("x", "X").value_labels() == {}
    assert TermsFacet("x", "X", labels=lambda: {"a": "A"}).value_labels() == {"a": "A"}


def test_the_registry_orders_facets_by_position_then_registration(monkeypatch):
    monkeypatch.setattr(registry, "_facets", {})
    registry.register(TermsFacet("late", "後"), TermsFacet("first", "先", position=0), TermsFacet("later", "後2"))
    assert registry.facet_names() == ["first", "late", "later"]
    with pytest.raises(TypeError):
        registry.register("not a facet")


def test_kinds_keep_their_first_label_and_registration_order(monkeypatch):
    monkeypatch.setattr(registry, "_types", {})
    document = lambda item: {}  # noqa: E731
    registry.register(
        registry.SearchType("region", "地域", "regions.RegionIndexPage", document),
        registry.SearchType("case", "事例", "cases.CaseStudyPage", document),
        registry.SearchType("region", "地域", "regions.NetworkPage", document),
    )
    assert registry.kind_labels() == {"region": "地域", "case": "事例"}
