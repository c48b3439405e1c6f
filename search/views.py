from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from . import service
from .pages import search_context


def search(request):
    return TemplateResponse(request, "search/search.html", search_context(request))


def as_json(result):
    return {
        "count": result.count,
        "page": result.query.page,
        "num_pages": result.num_pages,
        "backend": result.backend,
        "notice": result.notice,
        "ignored": result.ignored,
        "suggestion": result.suggestion[0] if result.suggestion else None,
        "results": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "fields": hit.document.get("fields", []),
                "prefectures": hit.document.get("prefecture", []),
                "year": hit.document.get("year"),
                "highlight": str(hit.highlight),
                "promoted": hit.promoted,
            }
            for hit in result.hits
        ],
        "facets": {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in facet.values
            ]
            for facet in result.facets
        },
    }


def _json_error(message, status):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@require_safe
def search_api(request):
    try:
        result = service.search(request.GET, log_query=False)
    except BadRequest as error:
        return _json_error(str(error), 400)
    except Http404 as error:
        return _json_error(str(error), 404)
    return JsonResponse(as_json(result), json_dumps_params={"ensure_ascii": False})


@require_safe
def suggest_api(request):
    suggestions, backend = service.suggest(request.GET.get("q", ""))
    return JsonResponse({"backend": backend, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
