"""Finding a body by name, kana or code: table tests over the committed
directory (plain objects, no database)."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from taxonomy import lookup

DATA = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "local_governments.json"
PREFECTURE_NAMES = {
    body["prefecture"]: body["name"] for body in json.loads(DATA.read_text())["bodies"] if body["kind"] == "prefecture"
}


@dataclass(frozen=True)
class Prefecture:
    code: str
    name: str


@dataclass(frozen=True)
class Body:
    name: str
    kana: str
    lg_code: str
    kind: str
    prefecture: Prefecture

    def __str__(self):
        return self.name if self.kind == "prefecture" else f"{self.prefecture.name}{self.name}"


BODIES = [
    Body(b["name"], b["kana"], b["lg_code"], b["kind"], Prefecture(b["prefecture"], PREFECTURE_NAMES[b["prefecture"]]))
    for b in json.loads(DATA.read_text())["bodies"]
]


def find(query, limit=lookup.DEFAULT_LIMIT):
    return lookup.find_bodies(query, BODIES, limit)


@pytest.mark.parametrize(
    "query",
    [
        "いすみ",
        "イスミ",
        "ｲｽﾐ",
        "いすみ市",
        "いすみし",
        "イスミシ",
        "千葉県いすみ市",
        "122386",
        "12238",
        "１２２３８６",
        " いすみ ",
        "12238 ",
    ],
)
def test_every_way_of_writing_isumi_chooses_isumi(query):
    found = find(query)
    assert found.chosen is not None and str(found.chosen) == "千葉県いすみ市", found
    assert found.message == ""


def test_fuchu_offers_both_cities_and_chooses_neither():
    found = find("府中")
    names = [str(body) for body in found.matches]
    assert {"東京都府中市", "広島県府中市"} <= set(names[: found.exact])
    assert found.chosen is None and found.exact >= 2
    assert names.index("東京都府中市") < names.index("広島県府中市")  # stable: by code


@pytest.mark.parametrize(
    "query, expected",
    [("東京都府中市", "東京都府中市"), ("広島県府中市", "広島県府中市"), ("ふちゅうちょう", "広島県府中町")],
)
def test_prefecture_and_reading_settle_an_ambiguous_name(query, expected):
    assert str(find(query).chosen) == expected


def test_exact_before_prefix_before_substring():
    found = find("川", limit=2000)
    ranks = [lookup._rank(lookup._keys(body), "川") for body in found.matches]
    assert ranks == sorted(ranks)
    assert lookup.EXACT not in ranks and lookup.PREFIX in ranks and lookup.SUBSTRING in ranks
    names = [str(body) for body in found.matches]
    # 川崎市 starts with 川; 香川県 only holds it.
    assert names.index("神奈川県川崎市") < names.index("香川県")


def test_results_are_capped_but_counted():
    found = find("市", limit=5)
    assert len(found.matches) == 5 and found.total > 5 and found.truncated


def test_the_same_query_gives_the_same_order_whatever_the_input_order():
    found = lookup.find_bodies("山", list(reversed(BODIES)))
    assert found.matches == find("山").matches


@pytest.mark.parametrize(
    "query, message",
    [
        ("122387", "検査数字"),
        ("１２２３８７", "検査数字"),
        ("1223", "5桁または6桁"),
        ("1234567", "5桁または6桁"),
        ("016951", "北方領土"),
        ("01695", "北方領土"),
        ("01700", "北方領土"),
        ("", "入力してください"),
        ("   ", "入力してください"),
        ("あ" * 51, "50文字以内"),
        ("存在しない町名", "見つかりませんでした"),
        ("%%%", "見つかりませんでした"),
        ("99999", "見つかりませんでした"),
    ],
)
def test_bad_or_unknown_input_explains_itself(query, message):
    found = find(query)
    assert found.matches == () and found.chosen is None
    assert message in found.message


@pytest.mark.parametrize(
    "ward, city",
    [
        ("01101", "札幌市"),
        ("011011", "札幌市"),
        ("14118", "横浜市"),
        ("14131", "川崎市"),
        ("27128", "大阪市"),
        ("22131", "浜松市"),
    ],
)
def test_a_ward_code_points_to_its_city_without_choosing_it(ward, city):
    found = find(ward)
    assert [body.name for body in found.matches] == [city]
    assert found.chosen is None and "区のコード" in found.message


@pytest.mark.parametrize("query", ["区", "く", "中央区", "北区", "01101", "港北"])
def test_never_yields_anything_but_a_stored_body(query):
    """Wards are not stored; whatever matches "区" is a 特別区 (or a body whose name holds 区)."""
    found = find(query, limit=2000)
    assert all(body in BODIES for body in found.matches)
    assert all(body.kind != "ward" for body in found.matches)
    if query in ("中央区", "北区"):
        assert {body.prefecture.name for body in found.matches} == {"東京都"}
