"""A tile map of Japan: one square per 都道府県 on a fixed grid, laid out so
that neighbours stay neighbours (north-east to south-west, 沖縄 in an inset
at the bottom left). Pure layout: the caller gives each prefecture's JIS
code, name, count or role and link; this returns what the SVG template
draws, and the same numbers for the table beside it."""

import math
from dataclasses import dataclass, field
from itertools import groupby

from .colour import text_colour_on

# (column, row) per JIS X 0401 code; column 0 is the west, row 0 the north.
GRID = {
    "01": (12, 0),  # 北海道
    "02": (12, 1),  # 青森
    "05": (11, 2),
    "03": (12, 2),  # 秋田 岩手
    "06": (11, 3),
    "04": (12, 3),  # 山形 宮城
    "17": (8, 4),
    "16": (9, 4),
    "15": (10, 4),
    "07": (11, 4),  # 石川 富山 新潟 福島
    "18": (7, 5),
    "21": (8, 5),
    "20": (9, 5),
    "10": (10, 5),
    "09": (11, 5),
    "08": (12, 5),  # 福井 岐阜 長野 群馬 栃木 茨城
    "32": (3, 6),
    "31": (4, 6),
    "28": (5, 6),
    "26": (6, 6),
    "25": (7, 6),
    "23": (8, 6),  # 島根 鳥取 兵庫 京都 滋賀 愛知
    "19": (9, 6),
    "11": (10, 6),
    "13": (11, 6),
    "12": (12, 6),  # 山梨 埼玉 東京 千葉
    "35": (2, 7),
    "34": (3, 7),
    "33": (4, 7),
    "27": (6, 7),
    "29": (7, 7),
    "24": (8, 7),  # 山口 広島 岡山 大阪 奈良 三重
    "22": (9, 7),
    "14": (10, 7),  # 静岡 神奈川
    "41": (0, 8),
    "40": (1, 8),
    "44": (2, 8),
    "38": (4, 8),
    "37": (5, 8),
    "30": (6, 8),  # 佐賀 福岡 大分 愛媛 香川 和歌山
    "42": (0, 9),
    "43": (1, 9),
    "45": (2, 9),
    "39": (4, 9),
    "36": (5, 9),  # 長崎 熊本 宮崎 高知 徳島
    "46": (1, 10),  # 鹿児島
    "47": (0, 11),  # 沖縄 (inset)
}
INSET = ("47",)
COLUMNS = 1 + max(column for column, _ in GRID.values())
ROWS = 1 + max(row for _, row in GRID.values())

TILE = 44
GAP = 4
MARGIN = 4
INSET_PAD = 3

# A sequential palette (light to dark); a scale with fewer classes takes the
# darkest ones, so a single class never looks like "almost nothing".
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#08519c")
ZERO_FILL = "#ffffff"
OUTLINE = "#595959"
NICE_STEPS = (1, 2, 3, 5)


def short_name(name):
    """北海道 stays whole; 東京都/大阪府/京都府/青森県 lose the suffix."""
    if name.endswith(("都", "府", "県")) and len(name) > 2:
        return name[:-1]
    return name


def _nice(value):
    """The nearest of 1, 2, 3, 5, 10, 20, … on a log scale."""
    candidates = [step * 10**power for power in range(int(math.log10(value)) + 2) for step in NICE_STEPS]
    return min(candidates, key=lambda candidate: abs(math.log(candidate / value)))


@dataclass(frozen=True)
class CountClass:
    lower: int
    upper: int
    fill: str
    text: str
    dashed: bool = False

    @property
    def label(self):
        if self.lower == self.upper:
            return f"{self.lower}件"
        return f"{self.lower}〜{self.upper}件"

    def holds(self, count):
        return self.lower <= count <= self.upper


def count_classes(maximum, classes=None):
    """The legend's scale for counts up to `maximum`: 0 on its own (white,
    dashed outline), then at most `classes` shades whose bounds grow
    geometrically and are rounded to 1/2/3/5 × 10ⁿ, the top one ending at
    `maximum`, so every count falls in exactly one class."""
    classes = classes or len(SHADES)
    zero = CountClass(0, 0, ZERO_FILL, text_colour_on(ZERO_FILL), dashed=True)
    if maximum <= 0:
        return [zero]
    if maximum <= classes:
        lowers = list(range(1, maximum + 1))
    else:
        bounds = {_nice(maximum ** (k / classes)) for k in range(1, classes)}
        lowers = [1] + sorted(b for b in bounds if 1 < b <= maximum)
    uppers = [lower - 1 for lower in lowers[1:]] + [maximum]
    shades = SHADES[-len(lowers) :]
    return [zero] + [
        CountClass(lower, upper, shade, text_colour_on(shade))
        for lower, upper, shade in zip(lowers, uppers, shades, strict=False)
    ]


@dataclass(frozen=True)
class Region:
    """What the caller knows about one prefecture."""

    code: str
    name: str
    count: int = 0
    href: str = ""
    group: str = ""  # the heading the table puts it under (its 地域ブロック)
    selected: bool = False
    role: str = ""  # on a place map: "model", "adopter", "both" or ""


@dataclass(frozen=True)
class Tile:
    region: Region
    x: int
    y: int
    fill: str
    text: str
    dashed: bool
    label: str  # the accessible name: the tile says no more than this
    marker: str = ""  # second line of the tile: the count, or a role's symbol

    @property
    def short(self):
        return short_name(self.region.name)

    @property
    def centre(self):
        return self.x + TILE // 2


@dataclass
class TileMap:
    tiles: list
    legend: list
    groups: list = field(default_factory=list)  # [(group, [Region, …])] for the table
    width: int = MARGIN * 2 + COLUMNS * (TILE + GAP) - GAP
    height: int = MARGIN * 2 + ROWS * (TILE + GAP) - GAP
    tile: int = TILE

    @property
    def inset(self):
        """The frame around 沖縄, which is not where the grid puts it."""
        frames = []
        for tile in self.tiles:
            if tile.region.code in INSET:
                frames.append((tile.x - INSET_PAD, tile.y - INSET_PAD, TILE + 2 * INSET_PAD))
        return frames


def _position(code):
    column, row = GRID[code]
    return MARGIN + column * (TILE + GAP), MARGIN + row * (TILE + GAP)


def _groups(regions):
    return [(name, list(members)) for name, members in groupby(regions, key=lambda region: region.group)]


def _check(regions):
    codes = [region.code for region in regions]
    unknown = sorted(set(codes) - set(GRID))
    if unknown or len(set(codes)) != len(codes):
        raise ValueError(f"prefecture codes must be distinct JIS codes 01–47: {unknown or codes}")


def count_map(regions, noun="事例"):
    """Tiles shaded by `count`. Each tile's accessible name starts with what
    the tile shows (WCAG 2.5.3, label in name) and then says what it counts:
    "青森 3件（青森県の事例）", "北海道 1件（北海道の事例・選択中）"."""
    regions = list(regions)
    _check(regions)
    scale = count_classes(max((region.count for region in regions), default=0))
    tiles = []
    for region in regions:
        shade = next(c for c in scale if c.holds(region.count))
        label = f"{short_name(region.name)} {region.count}件（{region.name}の{noun}{'・選択中' if region.selected else ''}）"
        x, y = _position(region.code)
        tiles.append(Tile(region, x, y, shade.fill, shade.text, shade.dashed, label, marker=str(region.count)))
    return TileMap(tiles=tiles, legend=scale, groups=_groups(regions))


@dataclass(frozen=True)
class PlaceStyle:
    role: str
    fill: str
    marker: str
    label: str
    dashed: bool = False

    @property
    def text(self):
        return text_colour_on(self.fill)


# Told apart by their symbol as well as their shade, so colour is never the only cue.
PLACE_STYLES = {
    "model": PlaceStyle("model", "#08519c", "★", "モデル事例の地域"),
    "adopter": PlaceStyle("adopter", "#fdd49e", "●", "横展開先の地域"),
    "both": PlaceStyle("both", "#08519c", "★●", "モデル事例の地域で横展開先もある"),
    "": PlaceStyle("", ZERO_FILL, "", "該当なし", dashed=True),
}


def place_map(regions):
    """Tiles marked by role: the model case's own prefecture(s) and those of
    the cases that adopted it. The legend lists only the roles present, plus
    the blank tiles."""
    regions = list(regions)
    _check(regions)
    tiles = []
    for region in regions:
        style = PLACE_STYLES[region.role]
        label = f"{region.name}（{style.label}）" if region.role else region.name
        x, y = _position(region.code)
        tiles.append(Tile(region, x, y, style.fill, style.text, style.dashed, label, marker=style.marker))
    present = {region.role for region in regions}
    legend = [style for role, style in PLACE_STYLES.items() if role in present or role == ""]
    return TileMap(tiles=tiles, legend=legend, groups=_groups(regions))
