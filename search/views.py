from django.template.response import TemplateResponse


def search(request):
    """Placeholder until the faceted search layer lands; keeps the URL stable."""
    query = request.GET.get("q", "")[:200]
    return TemplateResponse(request, "search/search.html", {"search_query": query})
