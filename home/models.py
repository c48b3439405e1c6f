from django.db import models
from django.db.models import Count, Q
from django.templatetags.static import static
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from pagecache.generation import memoize
from seo import structured_data
from seo.meta import DEFAULT_IMAGE
from taxonomy.models import Field, Prefecture, RegionBlock


def case_counts():
    """(分野, 地域ブロック), each with `case_count`: live cases in it. A scan of
    every case, so the home page keeps it until the next publish."""
    live_case = Q(cases__live=True)
    fields = Field.objects.annotate(case_count=Count("cases", filter=live_case, distinct=True))
    live_in_block = Q(prefectures__municipalities__case_links__page__live=True)
    blocks = RegionBlock.objects.annotate(
        case_count=Count("prefectures__municipalities__case_links__page", filter=live_in_block, distinct=True)
    )
    return list(fields), list(blocks)


def case_places_and_years():
    """Every prefecture (in block order, with its block) with `case_count`,
    and {開始年度 or None: live cases}: the home page's map and year chart.
    Two grouped queries, kept like case_counts() until the next publish."""
    from cases.models import CaseStudyPage

    live_in_prefecture = Q(municipalities__case_links__page__live=True)
    prefectures = (
        Prefecture.objects.select_related("block")
        .annotate(case_count=Count("municipalities__case_links__page", filter=live_in_prefecture, distinct=True))
        .order_by("block__sort_order", "block__pk", "code")
    )
    years = CaseStudyPage.objects.live().order_by().values_list("year_started").annotate(count=Count("pk"))
    return list(prefectures), dict(years)


class HomePage(Page):
    lead = models.TextField("リード文", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        InlinePanel("featured_cases", heading="注目の事例", label="事例"),
    ]
    subpage_types = [
        "cases.CaseIndexPage",
        "supports.SupportIndexPage",
        "events.SeminarCalendarPage",
        "awards.AwardArchivePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "ホーム"

    def json_ld(self, request, canonical, image):
        """The site itself, with its search, for the <head> (seo/meta.py)."""
        site_url = request.build_absolute_uri("/")
        return [
            structured_data.website(site_url, request.build_absolute_uri(reverse("search"))),
            structured_data.organization(site_url, request.build_absolute_uri(static(DEFAULT_IMAGE))),
        ]

    def get_context(self, request, *args, **kwargs):
        from awards.models import Award, AwardArchivePage
        from cases.models import CaseIndexPage, CaseStudyPage
        from supports.models import SupportIndexPage, SupportProgramPage

        context = super().get_context(request, *args, **kwargs)
        context["fields"], context["blocks"] = memoize("home-case-counts", case_counts)
        prefectures, years = memoize("home-case-places-years", case_places_and_years)
        cases = (
            CaseStudyPage.objects.live()
            .public()
            .prefetch_related("fields", "municipality_links__municipality__prefecture")
        )
        context["latest_cases"] = cases.order_by("-first_published_at", "-pk")[:6]
        context["featured_cases"] = [item.page for item in self.featured_cases.select_related("page") if item.page.live]
        context["case_index"] = CaseIndexPage.objects.live().first()
        index_url = context["case_index"].get_url(request) if context["case_index"] else ""
        context.update(self.pictures(context["fields"], prefectures, years, index_url))
        context["support_index"] = SupportIndexPage.objects.live().first()
        context["programs"] = SupportProgramPage.objects.live().public().order_by("-fiscal_year", "path")[:6]
        context["latest_award"] = Award.objects.latest_edition_with_results()
        context["award_archive"] = AwardArchivePage.objects.live().first()
        return context

    @staticmethod
    def pictures(fields, prefectures, years, index_url):
        """The map and charts of every live case; tiles link to the case list
        narrowed to their prefecture."""
        from cases.pictures import case_count_map, count_map_description
        from charts.bars import Datum, bar_chart, by_year

        tile_map = case_count_map(
            prefectures,
            {p.slug: p.case_count for p in prefectures},
            lambda slug: f"{index_url}?prefecture={slug}" if index_url else "",
        )
        return {
            "prefecture_map": {"map": tile_map, "description": count_map_description(tile_map)},
            # Longest bar first; ties keep the editorial order of 分野.
            "field_chart": bar_chart(sorted((Datum(f.name, f.case_count) for f in fields), key=lambda d: -d.value)),
            "year_chart": bar_chart(by_year(years)),
            # A case the documents give no year for is counted, never placed in a year.
            "year_note": f"開始年度の記載がない事例が{years[None]}件あります（グラフには含めていません）。"
            if years.get(None)
            else "",
        }


class HomeFeaturedCase(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_cases")
    page = models.ForeignKey("cases.CaseStudyPage", verbose_name="事例", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", "cases.CaseStudyPage")]

    class Meta(Orderable.Meta):
        verbose_name = "注目の事例"
