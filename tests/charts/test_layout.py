"""The pictures' layout as plain functions: no HTTP, no database."""

import pytest

from charts.bars import Datum, bar_chart, by_year, text_width
from charts.colour import DARK_TEXT, LIGHT_TEXT, contrast, text_colour_on
from charts.tilemap import GRID, PLACE_STYLES, SHADES, Region, count_classes, count_map, place_map, short_name

# JIS X 0401 order; the names only label the tests' regions.
NAMES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 "
    "石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 "
    "岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
CODES = [f"{n:02d}" for n in range(1, 48)]


def regions(counts=None, **kwargs):
    counts = counts or {}
    return [Region(code, name, count=counts.get(code, 0), **kwargs) for code, name in zip(CODES, NAMES, strict=False)]


@pytest.mark.parametrize(
    "fill, expected",
    [
        ("#ffffff", DARK_TEXT),
        ("#deebf7", DARK_TEXT),
        ("#9ecae1", DARK_TEXT),
        ("#4292c6", DARK_TEXT),
        ("#08519c", LIGHT_TEXT),
        ("#fdd49e", DARK_TEXT),
        ("#000000", LIGHT_TEXT),
    ],
)
def test_text_colour_is_the_one_that_reads_on_the_shade(fill, expected):
    assert text_colour_on(fill) == expected
    assert contrast(expected, fill) >= 4.5


def test_a_shade_no_text_can_be_read_on_is_refused():
    with pytest.raises(ValueError):
        text_colour_on("#7f7f7f")  # 4.0:1 with white, 4.3:1 with the dark text
    assert contrast("#ffffff", "#000000") == pytest.approx(21)


@pytest.mark.parametrize("fill", [*SHADES, *(style.fill for style in PLACE_STYLES.values())])
def test_every_palette_shade_carries_readable_text(fill):
    assert contrast(text_colour_on(fill), fill) >= 4.5


@pytest.mark.parametrize(
    "maximum, labels",
    [
        (0, ["0件"]),
        (1, ["0件", "1件"]),
        (3, ["0件", "1件", "2件", "3件"]),
        (4, ["0件", "1件", "2件", "3件", "4件"]),
        (5, ["0件", "1件", "2件", "3〜5件"]),
        (12, ["0件", "1件", "2件", "3〜4件", "5〜12件"]),
        (47, ["0件", "1〜2件", "3〜4件", "5〜19件", "20〜47件"]),
        (10000, ["0件", "1〜9件", "10〜99件", "100〜999件", "1000〜10000件"]),
    ],
)
def test_scale_classes_grow_geometrically_and_end_at_the_maximum(maximum, labels):
    assert [c.label for c in count_classes(maximum)] == labels


@pytest.mark.parametrize("maximum", [1, 2, 5, 7, 12, 47, 99, 250, 10000])
def test_every_count_falls_in_exactly_one_class(maximum):
    scale = count_classes(maximum)
    for count in range(0, maximum + 1, max(1, maximum // 200)):
        assert sum(c.holds(count) for c in scale) == 1
    assert scale[0].dashed and not any(c.dashed for c in scale[1:])
    assert [c.fill for c in scale[1:]] == list(SHADES[-(len(scale) - 1) :])  # light to dark, darkest kept


def test_grid_has_one_distinct_square_per_prefecture():
    assert sorted(GRID) == CODES
    assert len(set(GRID.values())) == 47


@pytest.mark.parametrize(
    "first, second",
    [
        ("01", "02"),
        ("02", "03"),
        ("05", "06"),
        ("04", "07"),
        ("07", "09"),
        ("08", "12"),
        ("11", "13"),
        ("13", "14"),
        ("15", "16"),
        ("20", "19"),
        ("19", "22"),
        ("22", "23"),
        ("26", "27"),
        ("27", "29"),
        ("27", "30"),
        ("28", "31"),
        ("33", "34"),
        ("34", "35"),
        ("35", "40"),
        ("40", "41"),
        ("43", "46"),
        ("38", "39"),
        ("37", "36"),
        ("46", "47"),
    ],
)
def test_neighbours_touch_on_the_grid(first, second):
    """Real neighbours (or across a strait) sit side by side or diagonally."""
    (c1, r1), (c2, r2) = GRID[first], GRID[second]
    assert max(abs(c1 - c2), abs(r1 - r2)) == 1


def test_the_north_east_is_top_right_and_the_south_west_bottom_left():
    column, row = GRID["01"]
    assert row == 0 and column == max(c for c, _ in GRID.values())
    column, row = GRID["47"]
    assert column == 0 and row == max(r for _, r in GRID.values())


@pytest.mark.parametrize(
    "name, short",
    [
        ("北海道", "北海道"),
        ("東京都", "東京"),
        ("京都府", "京都"),
        ("大阪府", "大阪"),
        ("神奈川県", "神奈川"),
        ("沖縄県", "沖縄"),
    ],
)
def test_short_names(name, short):
    assert short_name(name) == short


def test_count_map_shades_labels_and_links_every_tile():
    counts = {"01": 3, "13": 12, "47": 1}
    tiles = count_map(
        [
            Region(r.code, r.name, r.count, href=f"/cases/?prefecture={r.code}", group="g", selected=r.code == "13")
            for r in regions(counts)
        ]
    ).tiles
    by_code = {tile.region.code: tile for tile in tiles}
    assert len(tiles) == 47
    assert by_code["01"].label == "北海道 3件（北海道の事例）"
    assert by_code["13"].label == "東京 12件（東京都の事例・選択中）"
    assert by_code["02"].label == "青森 0件（青森県の事例）" and by_code["02"].dashed
    assert by_code["13"].fill == SHADES[-1] and by_code["47"].fill == SHADES[0]
    assert by_code["01"].marker == "3" and by_code["01"].short == "北海道"
    assert by_code["01"].x > by_code["47"].x and by_code["01"].y < by_code["47"].y


def test_count_map_groups_the_table_in_the_order_given():
    given = [
        Region("02", "青森県", 1, group="東北"),
        Region("03", "岩手県", 0, group="東北"),
        Region("01", "北海道", 2, group="北海道"),
    ]
    assert [(group, [r.code for r in members]) for group, members in count_map(given).groups] == [
        ("東北", ["02", "03"]),
        ("北海道", ["01"]),
    ]


@pytest.mark.parametrize("codes", [["48"], ["1"], ["01", "01"]])
def test_unknown_or_repeated_codes_are_refused(codes):
    with pytest.raises(ValueError):
        count_map([Region(code, "x") for code in codes])


def test_place_map_marks_roles_by_symbol_and_lists_only_present_roles():
    roles = {"29": "model", "01": "adopter", "40": "adopter"}
    tiles = {
        t.region.code: t
        for t in place_map([Region(r.code, r.name, role=roles.get(r.code, "")) for r in regions()]).tiles
    }
    assert (tiles["29"].marker, tiles["01"].marker, tiles["13"].marker) == ("★", "●", "")
    assert tiles["29"].label == "奈良県（モデル事例の地域）" and tiles["01"].label == "北海道（横展開先の地域）"
    assert tiles["29"].fill != tiles["01"].fill and tiles["13"].dashed
    legend = place_map([Region("29", "奈良県", role="both")]).legend
    assert [style.marker for style in legend] == ["★●", ""]


def test_text_width_counts_full_width_characters_as_one_em():
    assert text_width("防災", 10) == 20
    assert text_width("IoT基盤", 10) == pytest.approx(38)


def test_bars_scale_to_the_largest_value_and_leave_room_for_the_numbers():
    chart = bar_chart([Datum("防災", 10), Datum("医療・介護・健康", 5), Datum("教育", 0)], width=400)
    longest, half, empty = chart.bars
    assert chart.label_width == text_width("医療・介護・健康")
    assert half.width == pytest.approx(longest.width / 2) and empty.width == 0
    assert longest.value_text == "10件" and empty.value_text == "0件"
    assert longest.value_x + text_width("10件") <= chart.width
    assert [bar.y for bar in chart.bars] == [0, 28, 56] and chart.height == 84


def test_an_empty_chart_has_no_bars_and_still_a_drawable_size():
    chart = bar_chart([])
    assert chart.bars == [] and chart.height > 0


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({2017: 33, None: 31}, [("2017年度", 33)]),
        ({2015: 2, 2017: 1}, [("2015年度", 2), ("2016年度", 0), ("2017年度", 1)]),
        ({1990: 1, 2017: 1}, [("1990年度", 1), ("2017年度", 1)]),  # too long a span to fill
        ({None: 4}, []),
    ],
)
def test_years_in_order_with_gaps_filled(counts, expected):
    assert [(d.label, d.value) for d in by_year(counts)] == expected
