from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from search.registry import facets

from .feeds import feed_response


def _robots_lines(request):
    yield "User-agent: *"
    yield "Disallow: /admin/"
    # Wagtail serves drafts and previews only under /admin/; these are the
    # public URLs that only repeat other pages.
    yield "Disallow: /api/"
    yield "Disallow: /search/feed.atom"
    # A result state with two or more filter values: the second value always
    # follows an "&" (a single value follows the "?").
    for facet in facets():
        yield f"Disallow: /*?*&{facet.name}="
    yield "Allow: /api/v2/"
    yield ""
    yield f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"


@require_safe
def robots_txt(request):
    return HttpResponse("\n".join(_robots_lines(request)) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def search_feed(request):
    """/search/feed.atom?<the parameters of any search or list state>."""
    return feed_response(request, html_url=reverse("search") + f"?{request.GET.urlencode()}")


@require_safe
def cases_feed(request):
    """New and updated cases: all, or per 分野 (?field=) or 地域ブロック (?block=)."""
    return feed_response(request, fixed={"kind": ["case"]}, html_url="/cases/")


@require_safe
def programs_feed(request):
    return feed_response(request, fixed={"kind": ["program"]}, html_url="/supports/")


def shortlink_path(page):
    return reverse("shortlink", args=[page.pk])


@require_safe
def shortlink(request, page_id):
    """/p/<id>/: an ASCII address that survives Japanese slugs, renames and
    moves; it redirects to wherever the page lives now."""
    site = Site.find_for_request(request)
    page = (
        Page.objects.live().public().descendant_of(site.root_page, inclusive=True).filter(pk=page_id).first()
        if site is not None
        else None
    )
    if page is None:
        raise Http404("この番号の公開ページはありません。")
    return HttpResponsePermanentRedirect(page.get_url(request))
