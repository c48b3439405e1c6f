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


@dataclass
class PrefectureGroup:
    prefecture: object
    kinds: list = field(default_factory=list)
    case_count: int = 0

    @property
    def count(self):
        return sum(group.count for group in self.kinds)


def group_by_kind(municipalities, labels):
    """[KindGroup] in KIND_ORDER, each keeping the given order of its members;
    kinds without members are left out."""
    groups = {}
    for municipality in municipalities:
        groups.setdefault(municipality.kind, []).append(municipality)
    order = [k for k in KIND_ORDER if k in groups] + sorted(k for k in groups if k not in KIND_ORDER)
    return [KindGroup(kind, labels.get(kind, kind), groups[kind]) for kind in order]


def group_by_prefecture(prefectures, municipalities, labels):
    """[PrefectureGroup] for every prefecture given (an empty one too, so the
    page says "0" rather than leaving a prefecture out), with the municipalities'
    `case_count` summed."""
    members = {p.pk: [] for p in prefectures}
    for municipality in municipalities:
        members.setdefault(municipality.prefecture_id, []).append(municipality)
    return [
        PrefectureGroup(
            prefecture,
            group_by_kind(members[prefecture.pk], labels),
            sum(getattr(m, "case_count", 0) for m in members[prefecture.pk]),
        )
        for prefecture in prefectures
    ]


def has_own_content(case_count, membership_count, seminar_count):
    """A municipality page is worth indexing only for what is its own: a case
    implemented there, a membership, or a seminar held there. Seminars merely
    in the same prefecture do not count (every page would qualify)."""
    return bool(case_count or membership_count or seminar_count)
