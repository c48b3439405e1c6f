"""003's table of prefectures' IT measures: its columns, and how the page
labels them. What an item says is the document's; an empty cell only means
the table lists nothing there, and a row the extracted text garbled is not
shown at all."""

from dataclasses import dataclass

# The table's columns, in its order (003: 行政サービス・オープンデータ; 地域産業の育成 …).
CATEGORIES = (
    "行政サービス・オープンデータ",
    "IT産業・製造業他、人材育成",
    "中小企業支援、起業促進",
    "農林水産業",
    "観光業",
    "就労・テレワーク・生活支援",
    "健康長寿",
    "教育",
    "防災・交通・街づくりほか",
)

SOURCE = {
    "title": "各都道府県の地方総合戦略におけるIT利活用に係る主な施策一覧（暫定版）",
    "as_of": "2015年12月末現在",
    "by": "IT総合戦略室（当室読み込みによるまとめ）",
    "caveat": (
        "本資料は、発表された各都道府県の地方版総合戦略を踏まえ、IT利活用が明記されている施策としてIT室が判断したものを"
        "リストアップしたもの。そもそもITはツールであり、実際にはITを利活用していても、表現によっては記載されていない可能性はある。"
    ),
}


@dataclass
class Column:
    category: str
    items: list
    garbled: bool = False  # the cell has text, too garbled to show

    @property
    def listed(self):
        return bool(self.items)


def by_category(measures, left_out=()):
    """Every column of the table, in its order, with the prefecture's items:
    an empty list where the table lists none, and `garbled` where the cell
    holds text that could not be read."""
    columns = {category: [] for category in CATEGORIES}
    for measure in measures:
        columns.setdefault(measure.category, []).append(measure)
    return [Column(category, items, category in left_out) for category, items in columns.items()]
