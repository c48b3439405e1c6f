"""The pure rules of the region pages: grouping, indexability."""

from types import SimpleNamespace

import pytest

from regions import directory


def _m(name, kind, prefecture_id=1, case_count=0):
    return SimpleNamespace(name=name, kind=kind, prefecture_id=prefecture_id, case_count=case_count)


LABELS = {"city": "市", "town": "町", "village": "村", "designated_city": "政令指定都市"}


def test_group_by_kind_orders_kinds_and_keeps_member_order():
    groups = directory.group_by_kind([_m("b町", "town"), _m("a市", "city"), _m("c町", "town"), _m("d市", "designated_city")], LABELS)
    assert [(g.label, g.count, [m.name for m in g.municipalities]) for g in groups] == [
        ("政令指定都市", 1, ["d市"]),
        ("市", 1, ["a市"]),
        ("町", 2, ["b町", "c町"]),
    ]


def test_group_by_prefecture_keeps_empty_prefectures_and_sums_cases():
    prefectures = [SimpleNamespace(pk=1, name="甲県"), SimpleNamespace(pk=2, name="乙県")]
    groups = directory.group_by_prefecture(prefectures, [_m("a市", "city", 1, 2), _m("b村", "village", 1, 1)], LABELS)
    assert [(g.prefecture.name, g.count, g.case_count) for g in groups] == [("甲県", 2, 3), ("乙県", 0, 0)]
    assert groups[1].kinds == []


@pytest.mark.parametrize(
    "cases, memberships, seminars, expected",
    [(0, 0, 0, False), (1, 0, 0, True), (0, 1, 0, True), (0, 0, 1, True), (3, 2, 1, True)],
)
def test_has_own_content(cases, memberships, seminars, expected):
    assert directory.has_own_content(cases, memberships, seminars) is expected
