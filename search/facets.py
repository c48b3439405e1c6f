"""Facet types: what a facet's values are, how they are read from a
document, which values a visitor may ask for, and in what order they are
shown. The facets themselves are declared by the apps that own their data
(their search.py) and collected by search.registry.

Every facet's query parameter is its name. Selections are OR within a facet
and AND across facets, and each facet's counts reflect the selections of the
*other* facets."""

import enum
from collections.abc import Callable
from dataclasses import dataclass

import clock

FLAG_VALUE = "1"


class Order(enum.Enum):
    """How a facet's values are listed."""

    EDITORIAL = "editorial"  # the vocabulary's own order (北海道 → 沖縄, 大賞 → 奨励賞)
    COUNT = "count"  # most results first, then by label
    NEWEST = "newest"  # numbers, largest first (年度)


def _as_strings(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


@dataclass(frozen=True)
class TermsFacet:
    """Keyword values stored on the document (a list or a single value)."""

    name: str
    label: str
    source: str = ""  # the document key holding the values, when it differs from the name
    order: Order = Order.COUNT
    labels: Callable[[], dict] | None = None  # value → label, in editorial order; read per request
    size: int = 100  # buckets asked for; 47 prefectures must all come back
    collapse_after: int = 0  # 0: show every value; else 'show all' after this many
    position: int = 100  # where the facet sits among the others (lower first)

    # Stored with the document; a facet whose value depends on the day is not.
    window = None

    @property
    def key(self):
        return self.source or self.name

    def values(self, document, today=None):
        return _as_strings(document.get(self.key))

    def stored_values(self, stored, today=None):
        """The values from a stored row's facets (keyed by facet name)."""
        return stored.get(self.name, [])

    def accepts(self, value):
        """Whether a visitor's value can name anything of this facet."""
        return True

    def value_labels(self):
        return dict(self.labels()) if self.labels else {}

    def sort_key(self, labels):
        """Sort key for FacetValue items, given value_labels()."""
        if self.order is Order.EDITORIAL:
            rank = {value: index for index, value in enumerate(labels)}
            return lambda v: (rank.get(v.value, len(rank)), v.value)
        if self.order is Order.NEWEST:
            return lambda v: (-int(v.value) if v.value.isdigit() else 0, v.value)
        return lambda v: (-v.count, v.label)


@dataclass(frozen=True)
class YearFacet(TermsFacet):
    """A year (年度): digits only, newest first."""

    order: Order = Order.NEWEST

    def accepts(self, value):
        return value.isascii() and value.isdigit()


@dataclass(frozen=True)
class FlagFacet(TermsFacet):
    """A yes/no property: one value, FLAG_VALUE, on the documents that have it."""

    flag_label: str = ""

    def values(self, document, today=None):
        return [FLAG_VALUE] if document.get(self.key) else []

    def value_labels(self):
        return {FLAG_VALUE: self.flag_label}


@dataclass(frozen=True)
class DateWindowFacet(TermsFacet):
    """Whether today falls in a window of two dates on the document (募集中).
    It depends on the day, so it is decided at query time from the stored
    window rather than frozen into the index."""

    start: str = ""
    end: str = ""
    flag_label: str = ""

    @property
    def window(self):
        return (self.start, self.end)

    def values(self, document, today=None):
        return [FLAG_VALUE] if within(document.get(self.start), document.get(self.end), today) else []

    def stored_values(self, stored, today=None):
        return self.values(stored, today)

    def value_labels(self):
        return {FLAG_VALUE: self.flag_label}


def within(start, end, today=None):
    """Whether `today` lies in [start, end] (ISO dates); an open end never does."""
    if not (start and end):
        return False
    today = (today or clock.today()).isoformat()
    return start <= today <= end
