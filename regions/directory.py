"""Pure rules of the region pages: how a list of
municipalities is summarised, and which municipality pages are worth
indexing. No ORM here; views hand in plain objects."""

from dataclasses import dataclass, field

# The order municipalities are grouped in (taxonomy.MunicipalityKind values).
KIND_ORDER = ("prefecture", "designated_city", "core_city", "special_city", "city", "special_ward", "town", "village")


@dataclass
class KindGroup:
    kind: str
    label: str
    municipalities: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.municipalities)


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class PrefectureSummary:
    """A prefecture on its block page: how many bodies of each kind, how many
    cases, and only the bodies with cases named (a block has up to ~300)."""

    prefecture: object
    kinds: list = field(default_factory=list)
    case_count: int = 0
    with_cases: list = field(default_factory=list)

    @property
    def count(self):
        return sum(kind.count for kind in self.kinds)


def _kind_order(kinds):
    return [k for k in KIND_ORDER if k in kinds] + sorted(k for k in kinds if k not in KIND_ORDER)


def group_by_kind(municipalities, labels):
    """[KindGroup] in KIND_ORDER, each keeping the given order of its members;
    kinds without members are left out."""
    groups = {}
    for municipality in municipalities:
        groups.setdefault(municipality.kind, []).append(municipality)
    return [KindGroup(kind, labels.get(kind, kind), groups[kind]) for kind in _kind_order(groups)]


def count_by_kind(pairs, labels):
    """[KindCount] in KIND_ORDER for (kind, count) pairs, the counts of one
    kind added up; kinds counted zero times are left out."""
    totals = {}
    for kind, count in pairs:
        totals[kind] = totals.get(kind, 0) + count
    return [KindCount(kind, labels.get(kind, kind), totals[kind]) for kind in _kind_order(totals) if totals[kind]]


def summarise_prefectures(prefectures, kind_rows, case_counts, with_cases, labels):
    """[PrefectureSummary] for every prefecture given (an empty one too, so
    the page says "0" rather than leaving a prefecture out).

    kind_rows: (prefecture_id, kind, count); case_counts: {prefecture_id:
    number of cases}; with_cases: the bodies with cases, each with a
    ``prefecture_id``, in the order they are to be shown."""
    kinds = {}
    for prefecture_id, kind, count in kind_rows:
        kinds.setdefault(prefecture_id, []).append((kind, count))
    named = {}
    for municipality in with_cases:
        named.setdefault(municipality.prefecture_id, []).append(municipality)
    return [
        PrefectureSummary(
            prefecture,
            count_by_kind(kinds.get(prefecture.pk, []), labels),
            case_counts.get(prefecture.pk, 0),
            named.get(prefecture.pk, []),
        )
        for prefecture in prefectures
    ]


def count_table(keys, rows, labels):
    """A table of counts by kind: (columns, {key: [count per column]}) for
    rows of (key, kind, count). Columns are the kinds present, in KIND_ORDER,
    each a KindCount carrying the total over every key."""
    columns = count_by_kind([(kind, count) for _, kind, count in rows], labels)
    cells = {(key, kind): count for key, kind, count in rows}
    return columns, {key: [cells.get((key, column.kind), 0) for column in columns] for key in keys}


def has_own_content(case_count, membership_count, seminar_count):
    """A municipality page is worth indexing only for what is its own: a case
    implemented there, a membership, or a seminar held there. Seminars merely
    in the same prefecture do not count (every page would qualify)."""
    return bool(case_count or membership_count or seminar_count)
