"""search/query.py as table tests: what a query string becomes, and what is
ignored and said so. No database, no HTTP (a QueryDict is plain data)."""

import pytest
from django.core.exceptions import BadRequest
from django.http import QueryDict

from search.query import MAX_PAGE, MAX_VALUE_LENGTH, MAX_VALUES, PER_PAGE, SearchQuery, parse


def params(**values):
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def test_an_empty_query_string_is_the_default_query():
    query, ignored = parse(params())
    assert query == SearchQuery()
    assert (query.text, query.filters, query.sort, query.page, query.fixed) == ("", {}, "relevance", 1, {})
    assert ignored == []


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (["health"], ("health",)),
        ([" health ", "education"], ("health", "education")),  # stripped, order kept
        (["health", "health", " health"], ("health",)),  # each value once
        (["", "  ", "health"], ("health",)),  # empty values are no choice, not an error
        (["x" * MAX_VALUE_LENGTH], ("x" * MAX_VALUE_LENGTH,)),  # the longest value accepted
    ],
)
def test_facet_values_are_stripped_and_deduplicated(given, kept):
    query, ignored = parse(params(field=given))
    assert query.filters == {"field": kept}
    assert ignored == []


def test_only_empty_values_choose_nothing():
    query, ignored = parse(params(field=["", " "]))
    assert query.filters == {} and ignored == []


def test_a_value_longer_than_the_bound_is_ignored_and_named():
    long = "あ" * (MAX_VALUE_LENGTH + 1)
    query, ignored = parse(params(field=[long, "health"]))
    assert query.filters == {"field": ("health",)}
    assert ignored == [f"分野「{'あ' * 20}」"]


@pytest.mark.parametrize(
    ("year", "accepted"),
    [
        ("2018", True),
        ("1999", True),
        ("２０１８", False),
        ("2018年", False),
        ("-1", False),
        ("20.5", False),
        ("abc", False),
    ],
)
def test_a_year_is_ascii_digits_only(year, accepted):
    query, ignored = parse(params(year=year))
    assert query.filters == ({"year": (year,)} if accepted else {})
    assert ignored == ([] if accepted else [f"年度「{year}」"])


def test_digits_are_only_required_of_the_year():
    query, ignored = parse(params(tag="2018年度"))
    assert query.filters == {"tag": ("2018年度",)} and ignored == []


def test_more_values_than_the_bound_keep_the_first_ones_and_say_so():
    values = [f"tag{i}" for i in range(MAX_VALUES + 5)]
    query, ignored = parse(params(tag=values))
    assert query.filters == {"tag": tuple(values[:MAX_VALUES])}
    assert ignored == [f"タグの{MAX_VALUES}件を超える指定"]


def test_exactly_the_bound_is_accepted_silently():
    values = [f"tag{i}" for i in range(MAX_VALUES)]
    query, ignored = parse(params(tag=values))
    assert query.filters == {"tag": tuple(values)} and ignored == []


def test_unknown_parameters_are_not_filters():
    query, ignored = parse(params(colour="red", field="health"))
    assert query.filters == {"field": ("health",)} and ignored == []


def test_a_fixed_facet_is_not_read_from_the_query_string():
    query, ignored = parse(params(kind="program", field="health"), fixed={"kind": ["case"]})
    assert query.fixed == {"kind": ("case",)}
    assert query.filters == {"field": ("health",)}
    assert query.all_filters() == {"field": ("health",), "kind": ("case",)}
    assert ignored == []


def test_the_fixed_value_wins_over_a_chosen_one_in_all_filters():
    query = SearchQuery(filters={"kind": ("program",), "field": ("health",)}, fixed={"kind": ("case",)})
    assert query.all_filters() == {"kind": ("case",), "field": ("health",)}
    assert query.filters == {"kind": ("program",), "field": ("health",)}  # all_filters does not change the query


@pytest.mark.parametrize(
    ("given", "default", "sort", "ignored"),
    [
        (None, "relevance", "relevance", []),
        ("", "relevance", "relevance", []),
        ("newest", "relevance", "newest", []),
        ("title", "relevance", "title", []),
        (None, "newest", "newest", []),
        ("relevance", "newest", "relevance", []),
        ("random", "relevance", "relevance", ["並び順「random」"]),
        ("x" * 40, "newest", "newest", [f"並び順「{'x' * 20}」"]),
    ],
)
def test_the_sort_is_one_of_the_known_orders(given, default, sort, ignored):
    query_string = params(sort=given) if given is not None else params()
    query, found = parse(query_string, sort_default=default)
    assert query.sort == sort
    assert found == ignored


@pytest.mark.parametrize(("page", "offset"), [("1", 0), ("2", PER_PAGE), (str(MAX_PAGE), (MAX_PAGE - 1) * PER_PAGE)])
def test_pages_up_to_the_bound_are_served(page, offset):
    query, _ = parse(params(page=page))
    assert query.page == int(page)
    assert query.offset == offset


def test_a_page_beyond_the_bound_is_a_bad_request_that_says_why():
    with pytest.raises(BadRequest, match=f"{MAX_PAGE}ページ目まで"):
        parse(params(page=str(MAX_PAGE + 1)))


def test_the_text_is_normalised_and_split_into_terms():
    query, ignored = parse(params(q="  ＩｏＴ\u3000見守り  "))
    assert query.text == "iot 見守り"
    assert query.terms == ["iot", "見守り"]
    assert len(query.matchers) == 2
    assert not query.unmatchable
    assert ignored == []


def test_a_term_of_symbols_only_is_ignored_and_named():
    query, ignored = parse(params(q="見守り ！？"))
    assert query.terms == ["見守り", "!?"]
    assert len(query.matchers) == 1
    assert not query.unmatchable
    assert ignored == ["文字を含まない語「!?」"]


def test_symbols_only_find_nothing_rather_than_everything():
    query, _ = parse(params(q="!!"))
    assert query.unmatchable
    assert not SearchQuery().unmatchable  # an empty query is not unmatchable: it lists everything


def test_an_ignored_term_is_named_by_its_first_20_characters():
    _, ignored = parse(params(q="!" * 30))
    assert ignored == [f"文字を含まない語「{'!' * 20}」"]
