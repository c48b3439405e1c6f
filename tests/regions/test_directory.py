"""The pure rules of the region pages: grouping, indexability."""

from types import SimpleNamespace

import pytest

from regions import directory


def _m(name, kind, prefecture_id=1, case_count=0):
    return SimpleNamespace(name=name, kind=kind, prefecture_id=prefecture_id, case_count=case_count)


LABELS = {"city": "市", "town": "町", "village": "村", "designated_city": "政令指定都市"}


def test_group_by_kind_orders_kinds_and_keeps_member_order():
    groups = directory.group_by_kind(
        [_m("b町", "town"), _m("a市", "city"), _m("c町", "town"), _m("d市", "designated_city")], LABELS
    )
    assert [(g.label, g.count, [m.name for m in g.municipalities]) for g in groups] == [
        ("政令指定都市", 1, ["d市"]),
        ("市", 1, ["a市"]),
        ("町", 2, ["b町", "c町"]),
    ]


def test_count_by_kind_adds_up_orders_and_drops_zero():
    counts = directory.count_by_kind([("town", 2), ("city", 1), ("town", 3), ("village", 0)], LABELS)
    assert [(c.label, c.count) for c in counts] == [("市", 1), ("町", 5)]


def test_summarise_prefectures_keeps_empty_prefectures_and_names_only_bodies_with_cases():
    prefectures = [SimpleNamespace(pk=1, name="甲県"), SimpleNamespace(pk=2, name="乙県")]
    rows = [(1, "village", 4), (1, "city", 2), (3, "town", 9)]
    groups = directory.summarise_prefectures(
        prefectures, rows, {1: 3}, [_m("a市", "city", 1, 2), _m("c町", "town", 3, 1)], LABELS
    )
    assert [(g.prefecture.name, g.count, g.case_count, [m.name for m in g.with_cases]) for g in groups] == [
        ("甲県", 6, 3, ["a市"]),
        ("乙県", 0, 0, []),
    ]
    assert [(k.label, k.count) for k in groups[0].kinds] == [("市", 2), ("村", 4)]
    assert groups[1].kinds == []


def test_count_table_has_a_cell_for_every_key_and_kind_and_totals_per_kind():
    columns, cells = directory.count_table(
        ["a", "b", "c"], [("a", "town", 2), ("b", "city", 1), ("b", "town", 1)], LABELS
    )
    assert [(c.label, c.count) for c in columns] == [("市", 1), ("町", 3)]
    assert cells == {"a": [0, 2], "b": [1, 1], "c": [0, 0]}


@pytest.mark.parametrize(
    "cases, memberships, seminars, expected",
    [(0, 0, 0, False), (1, 0, 0, True), (0, 1, 0, True), (0, 0, 1, True), (3, 2, 1, True)],
)
def test_has_own_content(cases, memberships, seminars, expected):
    assert directory.has_own_content(cases, memberships, seminars) is expected
