"""Thin views for the routes of the region pages. Every page reads a fixed
number of queries however many municipalities, cases or seminars there are:
lists are fetched whole with their relations, and long ones are cut to the
newest few with a link to the filtered list."""

from urllib.parse import urlencode

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

import clock
from cases.models import CaseMunicipality, CaseStudyPage
from events import feeds as seminar_feeds
from events import ical
from events.models import Seminar, SeminarCalendarPage
from provenance.documents import DOCUMENTS
from seo import feeds
from supports.models import SupportIndexPage, SupportProgramPage
from taxonomy import codes
from taxonomy.kinds import REFERENCE_DATE
from taxonomy.localgov import is_northern_territory
from taxonomy.models import Field, Municipality, MunicipalityKind

from . import directory, measures, programs
from .models import MeasureTableRow, NetworkMembership, NetworkPage, RegionBlockPage

SHOWN_CASES = 12
SHOWN_SEMINARS = 8
# 近くの事例 on a municipality page: same prefecture first, then same block.
SHOWN_NEARBY = 6
KIND_LABELS = dict(MunicipalityKind.choices)


def _live_cases():
    return (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related(
            "fields",
            Prefetch("municipality_links", CaseMunicipality.objects.select_related("municipality__prefecture__block")),
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
    seminars = list(
        queryset.prefetch_related("fields").select_related("prefecture").newest_first()[: SHOWN_SEMINARS + 1]
    )
    return seminars[:SHOWN_SEMINARS], len(seminars) > SHOWN_SEMINARS


def _cases(queryset):
    cases = list(queryset[: SHOWN_CASES + 1])
    return cases[:SHOWN_CASES], len(cases) > SHOWN_CASES


def _calendar_url():
    page = SeminarCalendarPage.objects.live().first()
    return page.url if page else ""


def _render(request, template, page, context):
    return TemplateResponse(request, template, {"page": page, "self": page, "today": clock.today(), **context})


def _link(page, municipalities):
    for municipality in municipalities:
        municipality.page_url = page.municipality_url(municipality)
    return municipalities


def source_label(source):
    """A stored source ("001_…", maybe followed by a note) with the
    document's title in place of its id."""
    for key, title in DOCUMENTS.items():
        if source.startswith(key):
            return title + source[len(key) :]
    return source


def region_index(page, request):
    blocks = list(
        RegionBlockPage.objects.live().public().child_of(page).select_related("block").order_by("block__sort_order")
    )
    counts = _coded(Municipality.objects).values_list("prefecture__block", "kind").annotate(n=Count("pk")).order_by()
    columns, by_block = directory.count_table([b.block_id for b in blocks], list(counts), KIND_LABELS)
    rows = [
        {
            "page": b,
            "counts": by_block[b.block_id],
            "municipality_count": _bodies_below_prefecture(columns, by_block[b.block_id]),
        }
        for b in blocks
    ]
    networks = NetworkPage.objects.live().public().child_of(page).order_by("path")
    return _render(
        request,
        "regions/region_index_page.html",
        page,
        {"blocks": rows, "kind_columns": columns, "reference_date": REFERENCE_DATE, "networks": networks},
    )


def _coded(municipalities):
    # A body the documents print without a code (001's 高浜市 under 福井県)
    # is kept as printed but is not counted as a local government.
    return municipalities.exclude(lg_code="")


def _bodies_below_prefecture(columns, counts):
    return sum(
        count for column, count in zip(columns, counts, strict=False) if column.kind != MunicipalityKind.PREFECTURE
    )


def code_redirect(page, request, code):
    code = codes.normalise_code(code)
    if code is None:
        raise Http404(
            "全国地方公共団体コードは5桁、または検査数字を含む6桁の数字で指定してください（6桁の場合は検査数字が正しいか確認してください）。"
        )
    if is_northern_territory(code[:5]):
        raise Http404(
            "このコードは北方領土の村（色丹村・泊村・留夜別村・留別村・紗那村・蘂取村）のものです。"
            "コードは総務省のコード表に残っていますが、このサイトの名簿は現在の地方公共団体に限っており、これらの村は含めていないため、ページはありません。"
        )
    municipality = Municipality.objects.select_related("prefecture__block").filter(lg_code=code).first()
    if municipality is None:
        raise Http404("その全国地方公共団体コードの団体は、このサイトに登録されていません。")
    block_page = RegionBlockPage.objects.live().filter(block=municipality.prefecture.block).first()
    if block_page is None:
        raise Http404("この団体の地域ページは公開されていません。")
    if municipality.kind == MunicipalityKind.PREFECTURE:
        return redirect(block_page.prefecture_url(municipality.prefecture))
    return redirect(block_page.municipality_url(municipality))


def block_page(page, request):
    block = page.block
    prefectures = list(block.prefectures.all())
    for prefecture in prefectures:
        prefecture.page_url = page.prefecture_url(prefecture)
    bodies = Municipality.objects.filter(prefecture__block=block).exclude(kind=MunicipalityKind.PREFECTURE)
    kind_rows = _coded(bodies).values_list("prefecture", "kind").annotate(n=Count("pk")).order_by()
    with_cases = _link(page, list(_with_counts(bodies).filter(case_count__gt=0)))
    live_cases = _live_cases().filter(municipality_links__municipality__prefecture__block=block)
    case_counts = dict(
        CaseStudyPage.objects.live()
        .public()
        .filter(municipality_links__municipality__prefecture__block=block)
        .values_list("municipality_links__municipality__prefecture")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    cases, more_cases = _cases(live_cases.distinct())
    seminars, more_seminars = _seminars(Seminar.objects.public().filter(block=block))
    return _render(
        request,
        "regions/region_block_page.html",
        page,
        {
            "region": block,
            "groups": directory.summarise_prefectures(
                prefectures, list(kind_rows), case_counts, with_cases, KIND_LABELS
            ),
            "reference_date": REFERENCE_DATE,
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
            "reference_date": REFERENCE_DATE,
            "cases": cases,
            "more_cases": more_cases,
            "seminars": seminars,
            "more_seminars": more_seminars,
            "calendar_url": _calendar_url(),
            "filter_query": f"prefecture={prefecture.slug}",
            "measures": measures.by_category(list(prefecture.it_measures.all()), row.left_out)
            if row and row.readable
            else [],
            "measures_row": row,
            "measures_source": measures.SOURCE,
            "seo_title": f"{prefecture.name}（{page.title}）",
            "seo_description": f"{prefecture.name}の市区町村、ICT・IoTの事例、セミナー・説明会、IT利活用施策（2015年12月時点の資料）。",
            "seo_crumbs": [*_crumbs(page), (prefecture.name, request.path)],
        },
    )


def _municipality(page, prefecture, name):
    prefecture = page.get_prefecture(prefecture)
    municipality = (
        Municipality.objects.filter(prefecture=prefecture, name=name).prefetch_related("kind_changes").first()
    )
    if municipality is None:
        raise Http404(
            f"{prefecture.name}に「{name}」という名前の市区町村は登録されていません。"
            f"表記（「ケ」と「ヶ」など）を確かめるか、{prefecture.name}のページの一覧から選んでください。"
        )
    municipality.prefecture = prefecture
    return prefecture, municipality


def _nearby_cases(municipality, prefecture):
    """The newest cases of the same prefecture, then of the same block,
    other than the municipality's own."""
    links = CaseMunicipality.objects.filter(page=OuterRef("pk"))
    return list(
        _live_cases()
        .filter(Exists(links.filter(municipality__prefecture__block_id=prefecture.block_id)))
        .exclude(Exists(links.filter(municipality=municipality)))
        .annotate(same_prefecture=Exists(links.filter(municipality__prefecture=prefecture)))
        .order_by("-same_prefecture", "-first_published_at", "-pk")[:SHOWN_NEARBY]
    )


def _nearby_seminars(prefecture):
    """Seminars of the same block, those of the same prefecture first, each
    part newest first."""
    nearness = Case(When(prefecture=prefecture, then=Value(0)), default=Value(1))
    seminars = list(
        Seminar.objects.public()
        .filter(block_id=prefecture.block_id)
        .prefetch_related("fields")
        .select_related("prefecture")
        .order_by(nearness, "-start_date", F("start_time").desc(nulls_last=True), "-pk")[: SHOWN_SEMINARS + 1]
    )
    return seminars[:SHOWN_SEMINARS], len(seminars) > SHOWN_SEMINARS


def _near(municipality, prefecture):
    """What a municipality page and its feeds list: its own cases, the
    cases near it, and the seminars near it."""
    own = list(_live_cases().filter(municipality_links__municipality=municipality).select_related("model_case"))
    seminars, more_seminars = _nearby_seminars(prefecture)
    return {
        "cases": own,
        "nearby_cases": _nearby_cases(municipality, prefecture),
        "seminars": seminars,
        "more_seminars": more_seminars,
    }


def _finder_url(municipality):
    index = SupportIndexPage.objects.live().first()
    if index is None:
        return ""
    # A body printed in the documents without a code (001's 高浜市) is
    # judged by its kind alone.
    query = {"municipality": municipality.lg_code} if municipality.lg_code else {"applicant_kind": municipality.kind}
    return f"{index.url}{index.reverse_subpage('finder')}?{urlencode(query)}"


def municipality_page(page, request, prefecture, name):
    prefecture, municipality = _municipality(page, prefecture, name)
    prefecture_url = page.prefecture_url(prefecture)
    if municipality.kind == MunicipalityKind.PREFECTURE:
        # The prefecture as a body has the prefecture page.
        return redirect(prefecture_url)
    near = _near(municipality, prefecture)
    models = {c.model_case_id: c.model_case for c in near["cases"] if c.model_case_id and c.model_case.live}
    memberships = list(
        NetworkMembership.objects.filter(municipality=municipality, page__live=True)
        .select_related("page")
        .order_by("page__path")
    )
    held_here = Seminar.objects.public().filter(prefecture=prefecture, city=municipality.name).count()
    indexable = directory.has_own_content(len(near["cases"]), len(memberships), held_here)
    live_programs = SupportProgramPage.objects.live().public().order_by("-fiscal_year", "path")
    return _render(
        request,
        "regions/municipality.html",
        page,
        {
            **near,
            "municipality": municipality,
            "kind_changes": list(municipality.kind_changes.all()),
            "reference_date": REFERENCE_DATE,
            "shown_nearby": SHOWN_NEARBY,
            "prefecture": prefecture,
            "prefecture_url": prefecture_url,
            "adopted_models": list(models.values()),
            "memberships": memberships,
            "programs": programs.programs_for(municipality.kind_on, live_programs),
            "finder_url": _finder_url(municipality),
            "municipality_source": source_label(municipality.source),
            "calendar_url": _calendar_url(),
            "filter_query": f"block={page.block.slug}",
            "seminar_place": f"{prefecture.name}と{page.title}",
            "atom_url": page.municipality_url(municipality, route="municipality_atom"),
            "ical_url": page.municipality_url(municipality, route="municipality_ical"),
            "noindex": not indexable,
            "seo_title": f"{municipality.name}（{prefecture.name}）",
            "seo_description": f"{prefecture.name}{municipality.name}（{municipality.get_kind_display()}）のICT・IoTの事例、参加している推進体制、対象となりうる支援策、近くのセミナー・説明会。",
            "seo_crumbs": [*_crumbs(page), (prefecture.name, prefecture_url), (municipality.name, request.path)],
        },
    )


def _body(page, prefecture, name):
    """The municipality a feed is about; a prefecture has no feed of its own."""
    prefecture, municipality = _municipality(page, prefecture, name)
    if municipality.kind == MunicipalityKind.PREFECTURE:
        raise Http404(f"{prefecture.name}の新着は、{prefecture.name}のページをご覧ください。")
    return prefecture, municipality


def _seminar_url_for(request):
    calendar_url = _calendar_url()
    return lambda seminar: request.build_absolute_uri(seminar.path_under(calendar_url))


def municipality_atom(page, request, prefecture, name):
    """The page's cases (its own and those near it) and seminars near it,
    newest first."""
    prefecture, municipality = _body(page, prefecture, name)
    near = _near(municipality, prefecture)
    seminar_url = _seminar_url_for(request)
    entries = [
        feeds.entry(
            case.title,
            request.build_absolute_uri(case.get_url(request)),
            case.summary,
            case.first_published_at,
            case.last_published_at,
            ["事例"],
        )
        for case in [*near["cases"], *near["nearby_cases"]]
    ] + [seminar_feeds.entry(seminar, seminar_url(seminar)) for seminar in near["seminars"]]
    entries.sort(key=lambda entry: entry["pubdate"] or ical.EPOCH, reverse=True)
    body = feeds.atom_document(
        f"{feeds.SITE_NAME} {prefecture.name}{municipality.name}と近くの事例・セミナー",
        request.build_absolute_uri(page.municipality_url(municipality)),
        request.build_absolute_uri(),
        entries,
        description=f"{prefecture.name}{municipality.name}の事例、{prefecture.name}・{page.title}の事例とセミナー・説明会の新着です。",
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def municipality_ical(page, request, prefecture, name):
    prefecture, municipality = _body(page, prefecture, name)
    seminars, _ = _nearby_seminars(prefecture)
    body = ical.calendar_for(
        seminars,
        _seminar_url_for(request),
        name=f"{feeds.SITE_NAME} {prefecture.name}{municipality.name}の近くのセミナー・説明会",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="seminars.ics"'
    return response


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
