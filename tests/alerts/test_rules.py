"""The plain functions: canonical states, what is news, reminders, limits."""

import datetime

import pytest
from django.http import QueryDict

from alerts import digest
from alerts.limits import Limits, refusal
from alerts.states import describe, search_state

NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "scope,query,canonical",
    [
        ("cases", "field=health&sort=title&page=3", "field=health"),
        ("cases", "prefecture=hokkaido&field=health&field=health", "field=health&prefecture=hokkaido"),
        ("cases", "field=disaster&field=health", "field=disaster&field=health"),
        ("cases", "field=health&field=disaster", "field=disaster&field=health"),
        ("search", "q=%EF%BC%A9%EF%BD%8F%EF%BC%B4++%E8%A6%8B%E5%AE%88%E3%82%8A", "q=iot+%E8%A6%8B%E5%AE%88%E3%82%8A"),
        ("supports", "kind=case&open=1", "open=1"),  # a fixed facet cannot be widened
        ("seminars", "year=2018&field=health", "field=health"),
        # The seminar's own kind: its facet's name, and the old ?kind= of the calendar.
        ("seminars", "seminar_kind=forum&field=health", "field=health&seminar_kind=forum"),
        ("seminars", "kind=forum&year=2018&field=health", "field=health&seminar_kind=forum"),
        ("search", "", ""),
    ],
)
def test_canonical_state(scope, query, canonical):
    assert search_state(scope, QueryDict(query)).query == canonical


def test_what_a_state_cannot_keep_is_reported():
    state = search_state("seminars", QueryDict("kind=forum&month=4&year=2018&sort=%00"))
    assert any(text.startswith("年") for text in state.ignored) and any(text.startswith("月") for text in state.ignored)
    assert state.search.filters == {"seminar_kind": ("forum",)}


def test_description_uses_labels():
    state = search_state("cases", QueryDict("q=見守り&field=health"))
    assert (
        describe("cases", state.search, {"field": {"health": "健康・医療・福祉"}})
        == "事例（「見守り」、分野：健康・医療・福祉）"
    )
    assert describe("search", search_state("search", QueryDict("")).search, {}) == "サイト内検索（すべて）"


def row(key="cases.casestudypage:1", updated=NOW, published=NOW, facets=None, text="見守り", **data):
    return digest.Row(
        key, text, facets or {}, {"title": "題", "summary": "要約", "url": "/x/", **data}, published, updated
    )


@pytest.mark.parametrize("minutes_ago,expected", [(1, True), (4, True), (6, False)])
def test_changes_are_looked_back_on_by_the_overlap(minutes_ago, expected):
    watermark = NOW
    after = digest.looked_back(watermark, confirmed_at=NOW - datetime.timedelta(days=1))
    rows = [row(updated=NOW - datetime.timedelta(minutes=minutes_ago))]
    assert bool(digest.changed_since(rows, after)) is expected


def test_never_looked_back_past_the_confirmation():
    assert digest.looked_back(NOW, confirmed_at=NOW) == NOW


@pytest.mark.parametrize(
    "published,reason", [(NOW, "新着"), (NOW - datetime.timedelta(days=30), "更新"), (None, "更新")]
)
def test_new_or_updated(published, reason):
    assert digest.news(row(published=published), NOW - datetime.timedelta(minutes=1)) == reason


@pytest.mark.parametrize(
    "open_,close,expected",
    [
        ("2026-12-01", "2027-03-01", ["募集開始：2026年12月1日（本日）"]),
        ("2026-11-01", "2026-12-15", ["募集締切：2026年12月15日（あと14日）"]),
        ("2026-11-01", "2026-12-16", []),
        ("2026-11-01", "2026-11-30", []),  # already closed
        ("2026-12-05", "2026-12-10", ["募集開始：2026年12月5日（あと4日）", "募集締切：2026年12月10日（あと9日）"]),
        (None, None, []),
        ("not a date", "2026-13-45", []),
    ],
)
def test_reminders(open_, close, expected):
    found = digest.reminders(row(facets={"application_open": open_, "application_close": close}), TODAY)
    assert [entry.reason for entry in found] == expected
    assert len({(entry.key, entry.version) for entry in found}) == len(found)


def test_unsent_skips_what_was_told_and_repeats():
    items = [digest.item(row(key="a"), "新着"), digest.item(row(key="b"), "新着"), digest.item(row(key="a"), "新着")]
    assert [i.key for i in digest.unsent(items, {("b", NOW.isoformat())})] == ["a"]


LIMITS = Limits(subscriptions_per_address=3, confirmations_per_address_hour=2, confirmations_per_client_hour=5)


@pytest.mark.parametrize(
    "counts,fragment",
    [
        ((0, 0, 0), ""),
        ((2, 1, 4), ""),
        ((3, 0, 0), "3件までです"),
        ((0, 2, 0), "1時間に2通まで"),
        ((0, 0, 5), "1時間に5件まで"),
    ],
)
def test_limits(counts, fragment):
    message = refusal(LIMITS, *counts)
    assert (fragment in message) if fragment else message == ""
