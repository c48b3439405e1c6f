"""Cases in the site search: their documents and the facet they own."""

from search.facets import FlagFacet
from search.registry import SearchType
from search.text import stream_text


def prepare(queryset):
    return queryset.prefetch_related(
        *queryset.model.related_lookups(),
        "effects",
        "award_results__award",
        "municipality_links__municipality__network_memberships__page",
    )


def case_document(case):
    effects = " ".join(f"{e.label}{e.value}{e.unit}" for e in case.effects.all())
    prefectures = case.prefectures()
    return {
        "kind": "case",
        "title": case.title,
        "summary": case.summary,
        "body": "\n".join(filter(None, [case.challenge, stream_text(case.body), effects])),
        "url": case.get_url(),
        "fields": [f.slug for f in case.fields.all()],
        "block": [b.slug for b in case.blocks()],
        "prefecture": [p.slug for p in prefectures],
        "prefecture_names": [p.name for p in prefectures],
        "municipalities": [m.name for m in case.municipalities()],
        "tags": sorted(t.name for t in case.tags.all()),
        "implementers": case.implementers,
        "year": case.year_started,
        "selected_100": case.selected_100,
        "network": case.networks(),
        # Only published awards: a draft edition's tiers are not news yet.
        "award_tier": sorted({r.tier for r in case.award_results.all() if r.award.live}),
        "published_at": case.first_published_at.isoformat() if case.first_published_at else None,
    }


SEARCH_TYPES = (
    SearchType("case", "事例", "cases.CaseStudyPage", case_document, prepare=prepare, text_keys=("implementers",)),
)
FACETS = (FlagFacet("selected_100", "事例100選", flag_label="ICT地域活性化事例100選"),)
