"""Thin views for the routes of the region pages. Every page reads a fixed
number of queries however many municipalities, cases or seminars there are:
lists are fetched whole with their relations, and long ones are cut to the
newest few with a link to the filtered list."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from cases.models import CaseMunicipality, CaseStudyPage
from events import calendar
from events.models import Seminar, SeminarCalendarPage
from provenance.documents import DOCUMENTS
from taxonomy.models import Field, Municipality, MunicipalityKind

from taxonomy import codes

from . import directory, measures
from .models import MeasureTableRow, NetworkMembership, NetworkPage, RegionBlockPage

SHOWN_CASES = 12
SHOWN_SEMINARS = 8
KIND_LABELS = dict(MunicipalityKind.choices)


def _live_cases():
    return (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related(
            "fields", Prefetch("municipality_links", CaseMunicipality.objects.select_related("municipality__prefecture__block"))
        )
        .order_by("-first_published_at", "-pk")
    )


def _with_counts(municipalities):
    live = Q(case_links__page__live=True)
    return municipalities.select_related("prefecture").annotate(
        case_count=Count("case_links", filter=live, distinct=True),
        membership_count=Count("network_memberships", filter=Q(network_memberships__page__live=True), distinct=True),
    )


def _seminars(queryset):
    # Newest first, cut to a few: the calendar link lists all of them.
    seminars = list(queryset.prefetch_related("fields").select_related("prefecture").newest_first()[: SHOWN_SEMINARS + 1])
    return seminars[:SHOWN_SEMINARS], len(seminars) > SHOWN_SEMINARS


def _cases(queryset):
    cases = list(queryset[: SHOWN_CASES + 1])
    return cases[:SHOWN_CASES], len(cases) > SHOWN_CASES


def _calendar_url():
    page = SeminarCalendarPage.objects.live().first()
    return page.url if page else ""


def _render(request, template, page, context):
    return TemplateResponse(request, template, {"page": page, "self": page, "today": calendar.today(), **context})


def _link(page, municipalities):
    for municipality in municipalities:
        municipality.page_url = page.municipality_url(municipality)
    return municipalities


def source_label(source):
    """A stored source ("001_…", maybe followed by a note) with the
    document's title in place of its id."""
    for key, title in DOCUMENTS.items():
        if source.startswith(key):
            return title + source[len(key):]
    return source


def region_index(page, request):
    blocks = list(RegionBlockPage.objects.live().public().child_of(page).select_related("block").order_by("block__sort_order"))
    counts = dict(
        Municipality.objects.exclude(kind=MunicipalityKind.PREFECTURE)
        .values_list("prefecture__block")
        .annotate(n=Count("pk"))
        .values_list("prefecture__block", "n")
    )
    rows = [{"page": b, "municipality_count": counts.get(b.block_id, 0)} for b in blocks]
    networks = NetworkPage.objects.live().public().child_of(page).order_by("path")
    return _render(request, "regions/region_index_page.html", page, {"blocks": rows, "networks": networks})


def code_redirect(page, request, code):
    code = codes.normalise_code(code)
    municipality = Municipality.objects.select_related("prefecture__block").filter(lg_code=code).first() if code else None
    if municipality is None:
        raise Http404("その全国地方公共団体コードの団体は、このサイトにまだ登録されていません")
    block_page = RegionBlockPage.objects.live().filter(block=municipality.prefecture.block).first()
    if block_page is None:
        raise Http404("この団体の地域ページは公開されていません")
    return redirect(block_page.municipality_url(municipality))


def block_page(page, request):
    block = page.block
    prefectures = list(block.prefectures.all())
    for prefecture in prefectures:
        prefecture.page_url = page.prefecture_url(prefecture)
    municipalities = _link(
        page, list(_with_counts(Municipality.objects.filter(prefecture__block=block).exclude(kind=MunicipalityKind.PREFECTURE)))
    )
    cases, more_cases = _cases(_live_cases().filter(municipality_links__municipality__prefecture__block=block).distinct())
    seminars, more_seminars = _seminars(Seminar.objects.public().filter(block=block))
    return _render(
        request,
        "regions/region_block_page.html",
        page,
        {
            "block": block,
            "groups": directory.group_by_prefecture(prefectures, municipalities, KIND_LABELS),
            "cases": cases,
            "more_cases": more_cases,
            "seminars": seminars,
            "more_seminars": more_seminars,
            "calendar_url": _calendar_url(),
            "filter_query": f"block={block.slug}",
        },
    )


def prefecture_page(page, request, prefecture):
    prefecture = page.get_prefecture(prefecture)
    row = MeasureTableRow.objects.filter(prefecture=prefecture).first()
    municipalities = list(
        _with_counts(Municipality.objects.filter(prefecture=prefecture).exclude(kind=MunicipalityKind.PREFECTURE))
    )
    for municipality in municipalities:
        municipality.prefecture = prefecture
    _link(page, municipalities)
    cases, more_cases = _cases(_live_cases().filter(municipality_links__municipality__prefecture=prefecture).distinct())
    seminars, more_seminars = _seminars(Seminar.objects.public().filter(prefecture=prefecture))
    return _render(
        request,
        "regions/prefecture.html",
        page,
        {
            "prefecture": prefecture,
            "kind_groups": directory.group_by_kind(municipalities, KIND_LABELS),
            "cases": cases,
            "more_cases": more_cases,
            "seminars": seminars,
            "more_seminars": more_seminars,
            "calendar_url": _calendar_url(),
            "filter_query": f"prefecture={prefecture.slug}",
            "measures": measures.by_category(list(prefecture.it_measures.all()), row.left_out) if row and row.readable else [],
            "measures_row": row,
            "measures_source": measures.SOURCE,
            "seo_title": f"{prefecture.name}（{page.title}）",
            "seo_description": f"{prefecture.name}の市区町村、ICT・IoTの事例、セミナー・説明会、IT利活用施策（2015年12月時点の資料）。",
            "seo_crumbs": [*_crumbs(page), (prefecture.name, request.path)],
        },
    )


def municipality_page(page, request, prefecture, name):
    prefecture = page.get_prefecture(prefecture)
    municipality = Municipality.objects.filter(prefecture=prefecture, name=name).first()
    if municipality is None or municipality.kind == MunicipalityKind.PREFECTURE:
        raise Http404("この都道府県にその名前の市区町村は登録されていません")
    municipality.prefecture = prefecture
    cases = list(_live_cases().filter(municipality_links__municipality=municipality).select_related("model_case"))
    models = {c.model_case_id: c.model_case for c in cases if c.model_case_id and c.model_case.live}
    memberships = list(
        NetworkMembership.objects.filter(municipality=municipality, page__live=True).select_related("page").order_by("page__path")
    )
    held_here = Seminar.objects.public().filter(prefecture=prefecture, city=municipality.name).count()
    seminars, more_seminars = _seminars(Seminar.objects.public().filter(prefecture=prefecture))
    indexable = directory.has_own_content(len(cases), len(memberships), held_here)
    prefecture_url = page.prefecture_url(prefecture)
    return _render(
        request,
        "regions/municipality.html",
        page,
        {
            "municipality": municipality,
            "prefecture": prefecture,
            "prefecture_url": prefecture_url,
            "cases": cases,
            "adopted_models": list(models.values()),
            "memberships": memberships,
            "municipality_source": source_label(municipality.source),
            "seminars": seminars,
            "more_seminars": more_seminars,
            "calendar_url": _calendar_url(),
            "filter_query": f"prefecture={prefecture.slug}",
            "noindex": not indexable,
            "seo_title": f"{municipality.name}（{prefecture.name}）",
            "seo_description": f"{prefecture.name}{municipality.name}（{municipality.get_kind_display()}）のICT・IoTの事例、参加している推進体制、{prefecture.name}のセミナー・説明会。",
            "seo_crumbs": [*_crumbs(page), (prefecture.name, prefecture_url), (municipality.name, request.path)],
        },
    )


def _crumbs(page):
    return [(p.title, p.url) for p in [*page.get_ancestors()[1:], page]]


def network_context(page):
    memberships = list(page.memberships.select_related("municipality__prefecture__block").all())
    block_pages = {p.block_id: p for p in RegionBlockPage.objects.live().select_related("block")}
    prefectures = {}
    for membership in memberships:
        municipality = membership.municipality
        block_page = block_pages.get(municipality.prefecture.block_id)
        municipality.page_url = block_page.municipality_url(municipality) if block_page else ""
        prefectures.setdefault(municipality.prefecture, []).append(membership)
    return {"members_by_prefecture": list(prefectures.items()), "member_count": len(memberships)}


def roadmap_context():
    model_cases = (
        CaseStudyPage.objects.live()
        .public()
        .filter(adopters__isnull=False)
        .distinct()
        .prefetch_related("fields")
        .order_by("title")
    )
    return {"roadmap_fields": list(Field.objects.all()), "model_cases": list(model_cases)}

