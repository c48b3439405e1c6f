from home.listing import facet_selections, paginate
from taxonomy.models import Field, Prefecture, RegionBlock

from .models import CaseStudyPage

CASES_PER_PAGE = 20


def filter_cases(queryset, field=(), block=(), prefecture=()):
    """Conjunctive across kinds of filter, disjunctive within one."""
    if field:
        queryset = queryset.filter(fields__in=field)
    if block:
        queryset = queryset.filter(municipality_links__municipality__prefecture__block__in=block)
    if prefecture:
        queryset = queryset.filter(municipality_links__municipality__prefecture__in=prefecture)
    return queryset.distinct()


def case_listing(index_page, params):
    facets = facet_selections(
        params,
        {
            "field": list(Field.objects.all()),
            "block": list(RegionBlock.objects.all()),
            "prefecture": list(Prefecture.objects.all()),
        },
    )
    cases = filter_cases(
        CaseStudyPage.objects.live().public().descendant_of(index_page),
        **{name: facet["selection"].values for name, facet in facets["groups"].items()},
    )
    cases = cases.order_by("-first_published_at", "path").prefetch_related(
        "fields", "municipality_links__municipality__prefecture"
    )
    page = paginate(cases, params, CASES_PER_PAGE)
    return {"page_obj": page, "result_count": page.paginator.count, **facets}
