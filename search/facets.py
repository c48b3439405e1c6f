"""The facets, described as data: both backends and the templates read this
list, so a facet is added in one place.

Every facet is a list of keyword values on the document; its query parameter
is its name. Selections are OR within a facet and AND across facets, and each
facet's counts reflect the selections of the *other* facets."""

from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class FacetSpec:
    name: str
    label: str
    size: int = 100  # buckets asked for; 47 prefectures must all come back
    collapse_after: int = 0  # 0: show every value; else 'show all' after this many
    kinds: tuple = ()  # kinds whose documents carry it; () means every kind
    source: str = ""  # the document key holding the values, when it differs from the name

    @property
    def key(self):
        return self.source or self.name


FACETS = (
    FacetSpec("kind", "種類"),
    FacetSpec("field", "分野", source="fields"),
    FacetSpec("block", "地域ブロック"),
    FacetSpec("prefecture", "都道府県", collapse_after=10),
    FacetSpec("tag", "タグ", collapse_after=10, source="tags"),
    FacetSpec("year", "年度", collapse_after=10),
    FacetSpec("support_kind", "支援の種類", kinds=("program",)),
    FacetSpec("ministry", "所管", kinds=("program",)),
    FacetSpec("open", "募集状況", kinds=("program",)),
    FacetSpec("award_tier", "受賞", kinds=("case", "award")),
    FacetSpec("selected_100", "事例100選", kinds=("case",)),
    FacetSpec("network", "推進体制への参加", kinds=("case",)),
)
FACETS_BY_NAME = {f.name: f for f in FACETS}

KIND_LABELS = {"case": "事例", "program": "支援策", "seminar": "セミナー", "award": "表彰", "region": "地域", "guide": "解説"}
FLAG_VALUE = "1"


def open_now(document, today=None):
    """募集中 depends on today's date, so it is decided at query time from the
    stored window rather than frozen into the index."""
    start, end = document.get("application_open"), document.get("application_close")
    if not (start and end):
        return False
    today = (today or timezone.localdate()).isoformat()
    return start <= today <= end


def facet_values(document, name, today=None):
    if name == "open":
        return [FLAG_VALUE] if open_now(document, today) else []
    value = document.get(FACETS_BY_NAME[name].key)
    if value is None:
        return []
    if isinstance(value, bool):
        return [FLAG_VALUE] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def stored_values(facets, name, today=None):
    """Facet values from a stored row (keyed by facet name); 募集中 is
    decided now from the stored window."""
    if name == "open":
        return [FLAG_VALUE] if open_now(facets, today) else []
    return facets.get(name, [])


def value_labels():
    """Labels for every facet value, read in a constant number of queries.
    The dicts keep the vocabularies' editorial order (北海道 → 沖縄), which
    is also the order their facet values are shown in."""
    from awards.models import TIER_ORDER
    from regions.models import NetworkPage
    from supports.models import SupportKind
    from taxonomy.models import Field, Prefecture, RegionBlock

    return {
        "kind": KIND_LABELS,
        "field": dict(Field.objects.values_list("slug", "name")),
        "block": dict(RegionBlock.objects.values_list("slug", "name")),
        "prefecture": dict(Prefecture.objects.values_list("slug", "name")),
        "support_kind": dict(SupportKind.choices),
        # The awards' own order and labels, so the facet cannot drift from them.
        "award_tier": {tier.value: tier.label for tier in TIER_ORDER},
        "open": {FLAG_VALUE: "募集中"},
        "selected_100": {FLAG_VALUE: "ICT地域活性化事例100選"},
        "network": {slug: f"{title}の参加団体" for slug, title in NetworkPage.objects.live().values_list("slug", "title")},
    }
