from home.listing import facet_selections, paginate
from taxonomy.models import Field

from .models import SupportProgramPage

PROGRAMS_PER_PAGE = 20


def program_listing(index_page, params):
    facets = facet_selections(params, {"field": list(Field.objects.all())})
    programs = SupportProgramPage.objects.live().public().descendant_of(index_page)
    if facets["groups"]["field"]["selection"].values:
        programs = programs.filter(fields__in=facets["groups"]["field"]["selection"].values).distinct()
    programs = programs.order_by("-fiscal_year", "path").prefetch_related("fields")
    page = paginate(programs, params, PROGRAMS_PER_PAGE)
    return {"page_obj": page, "result_count": page.paginator.count, **facets}
