"""Thin views: the calendar page's routes (list, month, seminar) and the
feeds, which Wagtail cannot serve as page routes because their URLs end in
.ics and .atom."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

import clock
from core.listing import paginate
from core.querystring import query_without, url_with_query

from . import calendar, feeds, ical, listing
from .calendar import Month
from .models import Seminar, SeminarCalendarPage
from .structured_data import event_json_ld

PER_PAGE = 20


def _base_context(page, request, filters):
    calendar_url = page.get_url(request)
    return {
        "calendar_url": calendar_url,
        "filter_query": filters.query,
        "ics_url": url_with_query(reverse("seminar_calendar_ics"), filters.query),
        "atom_url": url_with_query(reverse("seminar_atom_feed"), filters.query),
        "today": clock.today(),
        **filters.facets,
    }


def seminar_list(page, request):
    filters = listing.read_filters(request.GET)
    context = _base_context(page, request, filters)
    today = context["today"]
    seminars = listing.matching(filters)
    past = paginate(seminars.past(today).newest_first(), request.GET, PER_PAGE)
    upcoming = list(seminars.upcoming(today).chronological()) if past.number == 1 else []
    context.update(
        page_obj=past,
        upcoming=upcoming,
        past_count=past.paginator.count,
        period=filters.period,
        period_label=_period_label(filters.period),
        years=listing.available_years(),
        selected_year=request.GET.get("year", "").strip(),
        default_month=listing.default_month(listing.filter_seminars(Seminar.objects.public(), **filters.chosen), today),
        page_query=filters.query,
    )
    return page.render(request, context_overrides=context, template="events/seminar_list.html")


def _period_label(period):
    if isinstance(period, Month):
        return period.label
    if period:
        return f"{period[0].year}年"
    return ""


def month_jump(page, request):
    """The 'show month' form: ?year=&month= → /<yyyy>/<mm>/, keeping the
    filters; with neither, the default month."""
    filters = listing.read_filters(request.GET, with_period=False)
    year, month = request.GET.get("year", "").strip(), request.GET.get("month", "").strip()
    if year and month:
        target = listing.read_month(listing.read_year(year), month)
    elif year or month:
        raise BadRequest("表示する月は、年（year）と月（month）の両方を指定してください。")
    else:
        seminars = listing.filter_seminars(Seminar.objects.public(), **filters.chosen)
        target = listing.default_month(seminars, clock.today())
    return redirect(url_with_query(_month_url(page, request, target), query_without(request.GET, "year", "month")))


def _month_url(page, request, month):
    return f"{page.get_url(request)}{month.year}/{month.month:02d}/"


def year_redirect(page, request, year):
    try:
        Month(int(year), 1)
    except ValueError as error:
        raise Http404(str(error)) from None
    query = query_without(request.GET, "year", "month")
    return redirect(f"{page.get_url(request)}?year={year}" + (f"&{query}" if query else ""))


def seminar_month(page, request, year, month):
    try:
        shown = Month(int(year), int(month))
    except ValueError:
        raise Http404(
            f"{year}年{month}月という月はありません。月は01から12まで、年は{calendar.FIRST_YEAR}から{calendar.LAST_YEAR}までで指定してください。"
        ) from None
    if len(month) != 2:
        return redirect(url_with_query(_month_url(page, request, shown), request.GET.urlencode()), permanent=True)
    filters = listing.read_filters(request.GET, with_period=False)
    context = _base_context(page, request, filters)
    matching = listing.matching(filters)
    seminars = list(matching.overlapping(shown.first_day, shown.last_day).chronological())
    before, after = listing.neighbouring_months(matching, shown)
    context.update(
        month=shown,
        weeks=calendar.month_grid(shown, seminars, context["today"]),
        week_header=calendar.WEEK_HEADER,
        month_numbers=range(1, 13),
        seminars=seminars,
        month_links=[
            (rel, label, target, url_with_query(_month_url(page, request, target), filters.query))
            for rel, label, target in (
                ("prev", "前の月", shown.previous),
                ("next", "次の月", shown.next),
                # Only when they skip empty months; otherwise they repeat 前の月/次の月.
                ("", "開催のある前の月", before if before != shown.previous else None),
                ("", "開催のある次の月", after if after != shown.next else None),
            )
            if target
        ],
        list_url=url_with_query(page.get_url(request), filters.query),
    )
    return page.render(request, context_overrides=context, template="events/seminar_month.html")


def _public_seminar(slug):
    seminar = Seminar.objects.public().select_related("prefecture", "block").filter(slug=slug).first()
    if seminar is None:
        raise Http404(
            "お探しのセミナー・説明会は見つかりませんでした。公開が終わったか、URLが変わった可能性があります。"
        )
    return seminar


def seminar_detail(page, request, year, slug):
    seminar = _public_seminar(slug)
    if seminar.start_date.year != int(year):
        return redirect(seminar.path_under(page.get_url(request)), permanent=True)
    return page.render(
        request, context_overrides=detail_context(page, request, seminar), template="events/seminar_detail.html"
    )


def detail_context(page, request, seminar):
    """Also the admin preview's context, where `page` may not exist yet."""
    calendar_url = page.get_url(request) if page else "/"
    return {
        "page": page,
        "seminar": seminar,
        "routed_item": seminar,
        "calendar_url": calendar_url,
        "today": clock.today(),
        "json_ld": event_json_ld(seminar, request.build_absolute_uri(seminar.path_under(calendar_url))),
        "month_url": _month_url(page, request, Month.of(seminar.start_date)) if page else "",
        "ics_url": reverse("seminar_ics", args=[seminar.start_date.year, seminar.slug]),
    }


# Feeds


def _calendar_page():
    page = SeminarCalendarPage.objects.live().first()
    if page is None:
        raise Http404("セミナー・説明会のページは公開されていません。")
    return page


def _absolute_url_for(request, calendar_url):
    return lambda seminar: request.build_absolute_uri(seminar.path_under(calendar_url))


def calendar_ics(request):
    calendar_url = _calendar_page().get_url(request)
    filters = listing.read_filters(request.GET)
    seminars = listing.matching(filters).chronological()
    body = ical.calendar_for(seminars, _absolute_url_for(request, calendar_url))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="seminars.ics"'
    return response


def seminar_ics(request, year, slug):
    calendar_url = _calendar_page().get_url(request)
    seminar = _public_seminar(slug)
    if seminar.start_date.year != int(year):
        raise Http404(
            "お探しのセミナー・説明会は見つかりませんでした。公開が終わったか、URLが変わった可能性があります。"
        )
    body = ical.calendar_for([seminar], _absolute_url_for(request, calendar_url), name=seminar.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{seminar.slug}.ics"'
    return response


def atom_feed(request):
    calendar_url = _calendar_page().get_url(request)
    filters = listing.read_filters(request.GET)
    seminars = listing.matching(filters).order_by("-first_published_at", "-pk")[: feeds.FEED_SIZE]
    body = feeds.atom_for(
        seminars,
        _absolute_url_for(request, calendar_url),
        feed_url=request.build_absolute_uri(),
        site_url=request.build_absolute_uri(calendar_url),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
