"""Awards in the site search, and the 受賞 facet: its values and labels are
the awards' own tiers in TIER_ORDER, so the facet cannot drift from them."""

from search.facets import Order, TermsFacet
from search.registry import SearchType

from .models import TIER_ORDER, Award


def _unique(items):
    return list(dict.fromkeys(items))


def prepare(queryset):
    return queryset.prefetch_related("results__municipalities__prefecture__block", "results__case__fields")


def award_document(award, routing_url=None):
    results = list(award.results.all())
    municipalities = [m for r in results for m in r.municipalities.all()]
    prefectures = _unique(m.prefecture for m in municipalities)
    cases = [r.case for r in results if r.case_id]
    return {
        "kind": "award",
        "title": award.heading,
        "summary": award.summary,
        "body": "\n".join(r.text() for r in results),
        "url": award.path_under(routing_url) if routing_url is not None else award.get_url(),
        "fields": _unique(f.slug for case in cases for f in case.fields.all()),
        "block": _unique(p.block.slug for p in prefectures),
        "prefecture": [p.slug for p in prefectures],
        "prefecture_names": [p.name for p in prefectures],
        "municipalities": _unique(m.name for m in municipalities),
        "tags": [],
        "year": award.year,
        "award_tier": [tier.value for tier in TIER_ORDER if any(r.tier == tier for r in results)],
        "edition": award.name if award.is_edition else None,
        "edition_slug": award.slug,
        "winners": [r.winners for r in results],
        "published_at": award.first_published_at.isoformat() if award.first_published_at else None,
    }


def award_dependents(award):
    """Cases whose search documents carry this award's tiers."""
    return [r.case for r in award.results.select_related("case") if r.case_id]


SEARCH_TYPES = (
    SearchType(
        "award",
        "表彰",
        "awards.Award",
        award_document,
        prepare=prepare,
        context=Award.routing_context,
        dependents=award_dependents,
        text_keys=("winners",),
    ),
)
FACETS = (
    TermsFacet(
        "award_tier", "受賞", order=Order.EDITORIAL, labels=lambda: {tier.value: tier.label for tier in TIER_ORDER}
    ),
)
