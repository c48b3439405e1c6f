"""The region pages and the two document summaries in the site search, and
the 推進体制 facet: which networks (地域IoT官民ネット) a case's
municipalities have joined, labelled from the live network pages."""

from cases.models import CaseStudyPage
from search.facets import TermsFacet
from search.registry import SearchType

from .models import NetworkPage


def statements_text(stream):
    """Plain text of the statements, sections and people of a StreamField,
    for the search document."""
    parts = []
    for block in stream or []:
        value = block.value
        if "statements" in value:
            parts.append(value["heading"])
            parts.extend(statement["text"] for statement in value["statements"])
        elif "text" in value:
            parts.append(value["text"])
        else:
            parts.append(" ".join(str(v) for v in value.values() if v))
    return "\n".join(parts)


def index_document(page):
    return {"kind": "region", "title": page.title, "summary": page.intro, "body": "", "url": page.get_url()}


def block_document(page):
    return {
        "kind": "region",
        "title": page.title,
        "summary": page.intro,
        "body": "\n".join(filter(None, [page.block.council, statements_text(page.activities)])),
        "url": page.get_url(),
        "block": [page.block.slug],
    }


def network_document(page):
    return {
        "kind": "region",
        "title": page.title,
        "summary": page.summary,
        "body": "\n".join(filter(None, [statements_text(page.representatives), statements_text(page.founders)])),
        "url": page.get_url(),
    }


def guide_document(page):
    return {
        "kind": "guide",
        "title": page.title,
        "summary": page.intro,
        "body": statements_text(page.body),
        "url": page.get_url(),
    }


def network_dependents(page):
    """Cases carry the networks their municipalities belong to. A publish may
    have removed members as well as added them, and the old list is gone by
    now, so every live case is re-indexed: networks change rarely and cases
    number in the hundreds."""
    return list(CaseStudyPage.objects.live())


def network_labels():
    return {slug: f"{title}の参加団体" for slug, title in NetworkPage.objects.live().values_list("slug", "title")}


SEARCH_TYPES = (
    SearchType("region", "地域", "regions.RegionIndexPage", index_document),
    SearchType(
        "region", "地域", "regions.RegionBlockPage", block_document, prepare=lambda q: q.select_related("block")
    ),
    SearchType("region", "地域", "regions.NetworkPage", network_document, dependents=network_dependents),
    SearchType("guide", "解説", "regions.RoadmapPage", guide_document),
    SearchType("guide", "解説", "regions.OpenDataGuidePage", guide_document),
)
FACETS = (TermsFacet("network", "推進体制への参加", labels=network_labels),)
