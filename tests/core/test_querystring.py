"""Table tests of the one query-string module (no HTTP, no database)."""

import pytest
from django.http import QueryDict

from core.querystring import query_toggling, query_with, query_without, url_with_query


@pytest.mark.parametrize(
    "query, names, value, expected",
    [
        ("field=a&field=b&page=3", ("field",), "a", "field=b"),
        ("field=a&block=x&page=3", ("field",), None, "block=x"),
        ("year=2020&month=4&field=a", ("year", "month"), None, "field=a"),
        ("q=%E9%98%B2%E7%81%BD&page=2", (), None, "q=%E9%98%B2%E7%81%BD"),
        ("field=a", ("field",), "zzz", "field=a"),
    ],
)
def test_query_without(query, names, value, expected):
    assert query_without(QueryDict(query), *names, value=value) == expected


@pytest.mark.parametrize(
    "query, value, expected",
    [
        ("field=a&page=2", "b", "field=a&field=b"),
        ("field=a&field=b&page=2", "a", "field=b"),
        ("", "a", "field=a"),
    ],
)
def test_query_toggling(query, value, expected):
    assert query_toggling(QueryDict(query), "field", value) == expected


def test_query_with_sets_one_value_and_keeps_the_rest():
    assert query_with(QueryDict("years=2024&years=2025&q=x"), years="all") == "years=all&q=x"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", "/feed/"),
        ("a=1", "/feed/?a=1"),
        ([("kind", "case"), ("q", "見守り")], "/feed/?kind=case&q=%E8%A6%8B%E5%AE%88%E3%82%8A"),
        ([], "/feed/"),
    ],
)
def test_url_with_query(query, expected):
    assert url_with_query("/feed/", query) == expected
