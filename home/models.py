from django.db import models
from django.db.models import Count, Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from pagecache.generation import memoize
from taxonomy.models import Field, RegionBlock


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

    def get_context(self, request, *args, **kwargs):
        from awards.models import Award, AwardArchivePage
        from cases.models import CaseIndexPage, CaseStudyPage
        from supports.models import SupportIndexPage, SupportProgramPage

        context = super().get_context(request, *args, **kwargs)
        context["fields"], context["blocks"] = memoize("home-case-counts", case_counts)
        cases = CaseStudyPage.objects.live().public().prefetch_related(
            "fields", "municipality_links__municipality__prefecture"
        )
        context["latest_cases"] = cases.order_by("-first_published_at", "-pk")[:6]
        context["featured_cases"] = [
            item.page for item in self.featured_cases.select_related("page") if item.page.live
        ]
        context["case_index"] = CaseIndexPage.objects.live().first()
        context["support_index"] = SupportIndexPage.objects.live().first()
        context["programs"] = SupportProgramPage.objects.live().public().order_by("-fiscal_year", "path")[:6]
        context["latest_award"] = Award.objects.latest_edition_with_results()
        context["award_archive"] = AwardArchivePage.objects.live().first()
        return context


class HomeFeaturedCase(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_cases")
    page = models.ForeignKey("cases.CaseStudyPage", verbose_name="事例", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", "cases.CaseStudyPage")]

    class Meta(Orderable.Meta):
        verbose_name = "注目の事例"
