"""What the <head> says about a page for search engines and link previews:
title, description, canonical URL, preview image and JSON-LD. Plain
functions of the template context, so every page type shares one rule."""

from django.templatetags.static import static
from django.utils.http import urlencode

from . import structured_data

DEFAULT_DESCRIPTION = "ICT・IoTを活用した地域活性化の事例と、自治体が活用できる支援策を探せるポータルサイトです。"
DEFAULT_IMAGE = "img/og-default.png"
IMAGE_SPEC = "fill-1200x630"
DESCRIPTION_LENGTH = 160


def subject_title(context):
    """The thing the page is about: an item shown by a route of the page
    (`routed_item`: a seminar, an award edition) comes before the page
    itself; a view that is not a page names its subject with `seo_title`."""
    if context.get("seo_title"):
        return context["seo_title"]
    item = context.get("routed_item")
    if item is not None:
        return str(item)
    page = context.get("page")
    if page is not None and page.depth > 2:
        return page.seo_title or page.title
    return page.seo_title if page is not None and page.seo_title else structured_data.SITE_NAME


def document_title(context):
    """The <title>: what the page is about, then which list state it shows,
    then the site, so that every indexable URL has its own."""
    title = subject_title(context)
    if title == structured_data.SITE_NAME:
        return title
    result = context.get("result")
    if result is not None:
        selections = [
            f"{facet.label}：{'・'.join(facet.selected_labels)}" for facet in result.facets if facet.has_selection
        ]
        if selections:
            title += f"（{'、'.join(selections)}）"
        if result.query.page > 1:
            title += f"（{result.query.page}ページ目）"
    return f"{title} | {structured_data.SITE_NAME}"


def description(context):
    item, page = context.get("routed_item"), context.get("page")
    if context.get("seo_description"):
        text = context["seo_description"]
    elif item is not None:
        text = item.meta_description()
    elif page is not None and hasattr(page, "meta_description"):
        text = page.meta_description()
    elif page is not None:
        text = page.search_description or getattr(page, "intro", "") or getattr(page, "lead", "")
    else:
        text = ""
    return " ".join((text or DEFAULT_DESCRIPTION).split())[:DESCRIPTION_LENGTH]


def canonical_query(filters):
    """A list filtered by exactly one facet value is a page worth indexing
    under its own URL; paging, sorting, text and combinations are not."""
    chosen = [(name, value) for name, values in filters.items() for value in values]
    return urlencode(chosen) if len(chosen) == 1 else ""


def canonical_url(request, context):
    url = request.build_absolute_uri(request.path)
    result = context.get("result")
    query = getattr(result, "query", None)
    if query is not None and not query.text:
        filters = canonical_query(query.filters)
        if filters:
            return f"{url}?{filters}"
    return url


def image_url(request, page):
    lead_image = getattr(page, "lead_image", None) if page is not None else None
    if lead_image is not None:
        return request.build_absolute_uri(lead_image.get_rendition(IMAGE_SPEC).url)
    return request.build_absolute_uri(static(DEFAULT_IMAGE))


def breadcrumbs(request, context):
    """[(name, absolute url)] like the visible breadcrumbs: the page's
    ancestors below the root, the page, then the item a route of it shows."""
    if context.get("seo_crumbs"):
        return [(name, request.build_absolute_uri(path)) for name, path in context["seo_crumbs"]]
    page = context.get("page")
    if page is None:
        return []
    pages = [*page.get_ancestors()[1:], page]
    crumbs = [(p.title, request.build_absolute_uri(p.url)) for p in pages]
    item = context.get("routed_item")
    if item is not None:
        crumbs.append((str(item), request.build_absolute_uri(request.path)))
    return crumbs if len(crumbs) > 1 else []


def shows_the_page_itself(context):
    """False where a route of the page shows an item of its own (a seminar,
    an award edition), which its own view describes."""
    return context.get("routed_item") is None


def json_ld(request, context, canonical, image):
    """The schema.org objects for the page: what its type says of itself
    (its `json_ld()`, declared by its app), then the breadcrumbs."""
    page = context.get("page")
    data = []
    if shows_the_page_itself(context) and hasattr(page, "json_ld"):
        data += page.json_ld(request, canonical, image)
    crumbs = breadcrumbs(request, context)
    if crumbs:
        data.append(structured_data.breadcrumb_list(crumbs))
    return data


def _feed_url(context):
    from .feeds import feed_url

    result, request = context.get("result"), context["request"]
    return feed_url(request.GET, result.query.fixed) if result is not None else ""


def _shortlink(request, page):
    from .views import shortlink_path

    # Only where the page itself is shown: a seminar or the finder, served by
    # a route of their page, are not that page; a page being created has no number.
    if page is None or page.pk is None or page.depth <= 2 or page.get_url(request) != request.path:
        return ""
    return request.build_absolute_uri(shortlink_path(page))


def head(context):
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    canonical = canonical_url(request, context)
    image = image_url(request, page)
    og_type = getattr(page, "og_type", "website") if shows_the_page_itself(context) else "website"
    return {
        "title": subject_title(context),
        "document_title": document_title(context),
        "description": description(context),
        "canonical": canonical,
        "image": image,
        "og_type": og_type,
        "feed_url": _feed_url(context),
        "shortlink": _shortlink(request, page),
        "json_ld": [structured_data.script_tag(item) for item in json_ld(request, context, canonical, image)],
    }
