"""Search for the content apps' index pages: a page that lists one kind of
document declares what it fixes and gets the whole search (text, facets,
sorting, paging) in its context, without importing a view."""

from django.core.exceptions import ImproperlyConfigured

from core.querystring import query_without

from . import service
from .query import SORTS


def search_context(request, fixed=None):
    """What a page showing search results needs; shared by /search/ and the
    index pages."""
    result = service.search(request.GET, fixed=fixed)
    return {
        "result": result,
        "search_query": request.GET.get("q", "")[:200],
        "sorts": SORTS,
        "page_query": query_without(request.GET),
        "noindex": sum(len(v) for v in result.query.filters.values()) > 1,
    }


class SearchIndexMixin:
    """For a Wagtail page listing documents through the search, e.g.
    `search_fixed = {"kind": ["case"]}`: the filters the page imposes, which
    are not shown as facets or chips."""

    search_fixed = None

    def get_context(self, request, *args, **kwargs):
        if not self.search_fixed:
            raise ImproperlyConfigured(f"{type(self).__name__} needs search_fixed")
        context = super().get_context(request, *args, **kwargs)
        context.update(search_context(request, fixed=self.search_fixed))
        return context
