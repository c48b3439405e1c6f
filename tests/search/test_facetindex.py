"""The in-process facet index counts and pages exactly as a loop over every
row would (pure: no database)."""

import datetime
import random

import pytest

from search import registry
from search.facetindex import FacetIndex, bitset, every, members, score_groups

TODAY = datetime.date(2018, 6, 1)


@pytest.mark.parametrize("ids", [[], [0], [7, 8], [3, 64, 65, 999], list(range(0, 300, 7))])
def test_a_bitset_gives_back_its_ids(ids):
    assert members(bitset(ids, 200)) == sorted(ids)


def _rows(count, rng):
    rows = []
    for pk in rng.sample(range(1, count * 3), count):
        facets = {
            "kind": [rng.choice(["case", "program"])],
            "field": rng.sample(["health", "disaster", "tourism", "education"], rng.randint(0, 2)),
            "block": [rng.choice(["kanto", "kyushu", "tohoku"])],
            "year": [str(rng.randint(2015, 2018))],
        }
        if rng.random() < 0.3:
            opens = TODAY + datetime.timedelta(days=rng.randint(-60, 30))
            facets |= {
                "application_open": opens.isoformat(),
                "application_close": (opens + datetime.timedelta(days=30)).isoformat(),
            }
        published = (
            None
            if rng.random() < 0.1
            else datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(hours=rng.randint(0, 50))
        )
        rows.append((pk, facets, f"k{pk:05d}", rng.choice(["あ", "い", "う"]) + str(pk % 7), published))
    return rows


def _loop(rows, fixed, selected):
    """The old backend's rule, row by row."""

    def passes(facets, name, wanted):
        return any(v in wanted for v in registry.facet(name).stored_values(facets, TODAY))

    counts = {spec.name: {} for spec in registry.facets()}
    totals = {spec.name: 0 for spec in registry.facets()}
    found = []
    for pk, facets, *_ in rows:
        if not all(passes(facets, name, wanted) for name, wanted in fixed.items()):
            continue
        failed = [name for name, wanted in selected.items() if not passes(facets, name, wanted)]
        if not failed:
            found.append(pk)
        for spec in registry.facets():
            if not failed or failed == [spec.name]:
                totals[spec.name] += 1
                for value in registry.facet(spec.name).stored_values(facets, TODAY):
                    counts[spec.name][value] = counts[spec.name].get(value, 0) + 1
    return sorted(found), counts, totals


@pytest.mark.parametrize(
    "fixed, selected",
    [
        ({}, {}),
        ({"kind": ["case"]}, {}),
        ({}, {"field": ["health", "disaster"]}),
        ({"kind": ["program"]}, {"field": ["tourism"], "block": ["kanto", "kyushu"], "open": ["1"]}),
        ({}, {"year": ["2016"], "block": ["tohoku"], "field": ["nothing-has-this"]}),
    ],
)
def test_counts_under_selections_equal_a_loop_over_every_row(fixed, selected):
    rows = _rows(400, random.Random(1))
    index = FacetIndex.build("v1", rows)
    candidates = every((index.selection(n, w, TODAY) for n, w in fixed.items()), index.live)
    masks = {name: index.selection(name, wanted, TODAY) for name, wanted in selected.items()}
    counts, totals = index.facet_counts(candidates, masks, TODAY)
    found, loop_counts, loop_totals = _loop(rows, fixed, selected)
    assert members(every(masks.values(), candidates)) == found
    assert counts == loop_counts
    assert totals == loop_totals


@pytest.mark.parametrize("size", [5, 1500, 3000])  # sparse (sorted members) and dense (walked order)
@pytest.mark.parametrize("order", ["newest", "title"])
def test_pages_follow_the_sort_order(size, order):
    rng = random.Random(size)
    rows = _rows(size, rng)
    index = FacetIndex.build("v1", rows)
    chosen = sorted(rng.sample([row[0] for row in rows], size * 2 // 3))
    if order == "newest":
        key = lambda row: (row[4] is None, -(row[4].timestamp() if row[4] else 0), row[2])  # noqa: E731
    else:
        key = lambda row: (row[3], row[2])  # noqa: E731
    expected = [row[0] for row in sorted((r for r in rows if r[0] in set(chosen)), key=key)]
    mask = bitset(chosen, index.nbytes)
    assert index.page([mask], order, 0, len(chosen)) == expected
    assert index.page([mask], order, 3, 20) == expected[3:23]


def test_relevance_groups_put_more_title_matches_first():
    found = bitset(range(10), 2)
    first, second = bitset([1, 2, 3], 2), bitset([2, 3, 4], 2)
    assert [members(m) for m in score_groups(found, [first, second])] == [[2, 3], [1, 4], [0, 5, 6, 7, 8, 9]]


def test_pages_run_on_across_groups():
    rows = _rows(50, random.Random(3))
    index = FacetIndex.build("v1", rows)
    ids = list(index.newest)
    top, rest = bitset(ids[40:], index.nbytes), bitset(ids[:40], index.nbytes)
    assert index.page([top, rest], "newest", 5, 10) == ids[45:] + ids[:5]


def test_open_is_decided_by_the_day_asked():
    rows = [(1, {"application_open": "2018-06-01", "application_close": "2018-06-30"}, "k1", "a", None)]
    index = FacetIndex.build("v1", rows)
    assert members(index.selection("open", ["1"], TODAY)) == [1]
    assert members(index.selection("open", ["1"], datetime.date(2018, 7, 1))) == []
