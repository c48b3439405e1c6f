"""The finder in three formats: a page, a CSV download and JSON for other systems.

Invalid input is a 400 in every format, with the same messages per field."""

import csv

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.querystring import query_with

from .finder import csv_rows, run_finder
from .forms import YEARS_ALL

JSON_OPTIONS = {"ensure_ascii": False}


def _absolute_url_for(request):
    return lambda page: request.build_absolute_uri(page.get_url(request))


def finder_page(request, index_page):
    return _render_page(request, index_page, run_finder(request.GET or None))


def _render_page(request, index_page, outcome):
    query = request.GET.urlencode()
    context = {
        "page": index_page,
        "self": index_page,
        "outcome": outcome,
        "form": outcome.form,
        "finder_url": f"{index_page.url}{index_page.reverse_subpage('finder')}",
        "csv_url": f"{index_page.url}{index_page.reverse_subpage('finder_csv')}?{query}",
        "api_url": f"{reverse('supports_finder_api')}?{query}",
        "show_past_query": query_with(request.GET, years=YEARS_ALL),
        "municipality_choices": _municipality_choices(request, outcome.form),
        "lookup_url": reverse("municipality_lookup"),
    }
    status = 400 if outcome.form.errors else 200
    return TemplateResponse(request, "supports/finder_page.html", context, status=status)


def _municipality_choices(request, form):
    """The bodies a typed name found, each a link that keeps the rest of the input."""
    lookup = form.municipality_lookup
    if lookup is None:
        return []
    return [(body, "?" + query_with(request.GET, municipality=body.lg_code)) for body in lookup.matches]


def finder_csv(request, index_page):
    outcome = run_finder(request.GET)
    if outcome.query is None:
        # The person who clicked a broken link needs the explanation, not a file.
        return _render_page(request, index_page, outcome)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="supports-finder.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only after a byte order mark
    csv.writer(response).writerows(csv_rows(outcome.grouped_results, _absolute_url_for(request)))
    return response


@require_safe
def finder_api(request):
    outcome = run_finder(request.GET)
    if outcome.query is None:
        return JsonResponse(
            {"profile": None, "results": [], "errors": outcome.errors}, status=400, json_dumps_params=JSON_OPTIONS
        )
    url_for = _absolute_url_for(request)
    return JsonResponse(
        {
            "profile": outcome.query.as_dict(),
            "results": [result.as_dict(url_for) for result in outcome.grouped_results],
            "errors": {},
        },
        json_dumps_params=JSON_OPTIONS,
    )
