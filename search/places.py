"""A query that names a place (福岡 子育て, 北海道 防災) is offered the
matching 都道府県 or 地域ブロック filter as a chip; the results stay as they
are until the visitor chooses it."""

from dataclasses import dataclass

# 北海道 keeps its 道: 北海 is not a place name people type.
_SUFFIXES = ("都", "府", "県")


@dataclass(frozen=True)
class PlaceChip:
    facet: str
    value: str
    label: str  # 福岡県


def _names(label):
    names = {label}
    if label.endswith(_SUFFIXES) and len(label) > 2:
        names.add(label[:-1])
    return names


def place_chips(terms, labels, selected=None, fixed=()):
    """Chips for the terms that are a prefecture's name (with or without
    都府県) or a block's; a prefecture wins over a block of the same name
    (北海道), and a facet already chosen or imposed by the page is left alone."""
    selected = selected or {}
    chips = []
    for term in terms:
        for facet in ("prefecture", "block"):
            if facet in fixed or selected.get(facet):
                continue
            match = next((slug for slug, label in labels.get(facet, {}).items() if term in _names(label)), None)
            if match:
                chips.append(PlaceChip(facet, match, labels[facet][match]))
                break
    return list(dict.fromkeys(chips))
