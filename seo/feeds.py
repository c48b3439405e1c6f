"""Atom feeds of search result states: every list or search URL has a feed
with the same parameters, newest first, drawn through search.service, so a
feed always agrees with the page it comes from."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from core.querystring import url_with_query
from search import service
from search.registry import kind_labels, search_types

SITE_NAME = "ICT地域活性化ポータル"
# Parameters that change how a state is shown, not what it contains.
PRESENTATION = ("page", "sort")


def feed_params(params, fixed=None):
    """The state's parameters, as (name, value) pairs in a stable order."""
    pairs = [(name, value) for name, values in (fixed or {}).items() for value in values]
    pairs += [
        (name, value) for name, values in params.lists() for value in values if name not in PRESENTATION and value
    ]
    return pairs


def feed_url(params, fixed=None):
    return url_with_query(reverse("search_feed"), feed_params(params, fixed))


def page_kinds():
    """Kinds stored as Wagtail pages; the others (seminars, awards) are
    snippets whose ids are not page ids."""
    return {t.kind for t in search_types() if issubclass(t.model_class(), Page)}


def _page_id(hit, kinds):
    key = hit.document.get("key", "")
    return int(key.rsplit(":", 1)[1]) if hit.kind in kinds and key else None


def _last_published(hits, kinds):
    """When each page hit was last published: one query for the whole feed."""
    ids = [page_id for page_id in (_page_id(hit, kinds) for hit in hits) if page_id]
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "last_published_at"))


def _title(result):
    kinds = result.query.fixed.get("kind") or result.query.filters.get("kind") or ()
    subject = "・".join(kind_labels().get(kind, kind) for kind in kinds) if len(kinds) == 1 else "新着情報"
    selections = [
        f"{facet.label}：{'・'.join(facet.selected_labels)}" for facet in result.facets if facet.has_selection
    ]
    text = f"「{result.query.text}」" if result.query.text else ""
    return f"{SITE_NAME} {text}{subject}" + (f"（{'、'.join(selections)}）" if selections else "")


def entry(title, link, summary, published, updated, categories, unique_id=None):
    """One Atom entry as Atom1Feed.add_item takes it; the link is its id
    unless the thing has a stabler one (a seminar's UUID)."""
    return {
        "title": title,
        "link": link,
        "description": summary,
        "unique_id": unique_id or link,
        "unique_id_is_permalink": unique_id is None,
        "pubdate": published,
        "updateddate": updated or published,
        "categories": categories,
    }


def atom_document(title, link, feed_url, entries, description="ICT地域活性化ポータルの新着・更新情報です。"):
    """The Atom text of `entries` (see `entry`), in the order given."""
    feed = Atom1Feed(title=title, link=link, description=description, feed_url=feed_url, language="ja")
    for item in entries:
        feed.add_item(**item)
    return feed.writeString("utf-8")


def atom(request, result, html_url):
    kinds = page_kinds()
    updated = _last_published(result.hits, kinds)
    entries = []
    for hit in result.hits:
        published = parse_datetime(hit.document.get("published_at") or "")
        link = request.build_absolute_uri(hit.url)
        entries.append(
            entry(hit.title, link, hit.summary, published, updated.get(_page_id(hit, kinds)), [hit.kind_label])
        )
    return atom_document(_title(result), request.build_absolute_uri(html_url), request.build_absolute_uri(), entries)


def newest(params, fixed=None):
    """The first page of the state, newest first."""
    query = params.copy()
    for name in PRESENTATION:
        query.pop(name, None)
    query["sort"] = "newest"
    return service.search(query, fixed=fixed, log_query=False)


def feed_response(request, fixed=None, html_url="/"):
    result = newest(request.GET, fixed=fixed)
    return HttpResponse(atom(request, result, html_url), content_type="application/atom+xml; charset=utf-8")
