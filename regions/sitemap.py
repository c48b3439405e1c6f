"""The routes of the region pages that belong in the sitemap: every
prefecture, and the municipalities with something of their own. Listed by
the index page in a fixed number of queries."""

from django.db.models import Count, Q

from taxonomy.models import Municipality, MunicipalityKind, Prefecture

from . import directory


def route_urls(index_page, request=None):
    from events.models import Seminar

    from .models import RegionBlockPage

    block_pages = {p.block_id: p for p in RegionBlockPage.objects.live().public().child_of(index_page)}
    prefectures = Prefecture.objects.filter(block__in=list(block_pages)).order_by("code")
    held = set(Seminar.objects.public().exclude(city="").values_list("prefecture_id", "city"))
    municipalities = (
        Municipality.objects.filter(prefecture__block__in=list(block_pages))
        .exclude(kind=MunicipalityKind.PREFECTURE)
        .select_related("prefecture")
        .annotate(
            case_count=Count("case_links", filter=Q(case_links__page__live=True), distinct=True),
            membership_count=Count(
                "network_memberships", filter=Q(network_memberships__page__live=True), distinct=True
            ),
        )
        .order_by("prefecture__code", "pk")
    )
    bases = {block_id: page.get_full_url(request) for block_id, page in block_pages.items()}
    urls = []
    for prefecture in prefectures:
        page = block_pages[prefecture.block_id]
        urls.append(_url(page, page.prefecture_url(prefecture, bases[prefecture.block_id])))
    for municipality in municipalities:
        own = directory.has_own_content(
            municipality.case_count,
            municipality.membership_count,
            (municipality.prefecture_id, municipality.name) in held,
        )
        if own:
            block_id = municipality.prefecture.block_id
            urls.append(
                _url(block_pages[block_id], block_pages[block_id].municipality_url(municipality, bases[block_id]))
            )
    return urls


def _url(page, location):
    return {"location": location, "lastmod": page.last_published_at}
