"""Horizontal bar charts: the category on the left (Japanese labels read
best horizontally), the bar, and its number printed after it. Pure layout;
the template draws it as inline SVG."""

import unicodedata
from dataclasses import dataclass

FONT = 14
ROW = 28
BAR = 18
PAD = 8
WIDTH = 480
BAR_FILL = "#0b4f8a"  # 8.6:1 against the white page, so bars pass 1.4.11 unaided


def text_width(text, font=FONT):
    """An estimate of the rendered width: full-width characters (kanji,
    kana) take 1em, everything else about 0.6em."""
    return font * sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6 for char in text)


@dataclass(frozen=True)
class Datum:
    label: str
    value: int


@dataclass(frozen=True)
class Bar:
    datum: Datum
    y: int  # top of the row
    width: float
    value_text: str
    value_x: float  # where the number starts, just after the bar

    @property
    def bar_y(self):
        return self.y + (ROW - BAR) // 2

    @property
    def baseline(self):
        return self.y + ROW // 2 + FONT * 0.35


@dataclass
class BarChart:
    bars: list
    label_width: float
    bar_x: float
    width: int
    height: int
    unit: str
    bar_height: int = BAR
    fill: str = BAR_FILL
    font: int = FONT


def bar_chart(data, unit="件", width=WIDTH):
    """Bars scaled to the largest value; the label column as wide as the
    longest label, the number column as wide as the longest number."""
    data = list(data)
    texts = [f"{datum.value:,}{unit}" for datum in data]
    label_width = max((text_width(datum.label) for datum in data), default=0)
    value_width = max((text_width(text) for text in texts), default=0)
    bar_x = label_width + PAD
    room = max(width - bar_x - value_width - PAD, 1)
    top = max((datum.value for datum in data), default=0)
    bars = []
    for index, (datum, text) in enumerate(zip(data, texts, strict=False)):
        length = room * datum.value / top if top else 0
        bars.append(Bar(datum, y=index * ROW, width=length, value_text=text, value_x=bar_x + length + PAD / 2))
    return BarChart(
        bars=bars, label_width=label_width, bar_x=bar_x, width=width, height=max(len(bars), 1) * ROW, unit=unit
    )


MAX_FILLED_SPAN = 20


def by_year(counts):
    """Years in order, the years between them filled with 0 so the axis does
    not hide a gap (unless the span is too long to draw); `None` (no year
    recorded) is left out here and reported by the caller in words."""
    years = sorted(year for year in counts if year is not None)
    if years and years[-1] - years[0] < MAX_FILLED_SPAN:
        years = list(range(years[0], years[-1] + 1))
    return [Datum(f"{year}年度", counts.get(year, 0)) for year in years]
