from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.pagebase import SectionPage, SummaryAndSourceMixin

from .blocks import RuleBlock, rule_dict
from .eligibility import Rule, explain_rule
from .money import format_yen


class SupportKind(models.TextChoices):
    PLANNING = "planning", "計画策定支援"
    SUBSIDY = "subsidy", "財政支援（補助金）"
    LOCAL_FINANCE = "local_finance", "地方財政措置（特別交付税）"
    HUMAN = "human", "人的支援"
    DEMONSTRATION = "demonstration", "実証事業"
    PROMOTION = "promotion", "普及促進"


class SupportIndexPage(RoutablePageMixin, SectionPage):
    subpage_types = ["supports.SupportProgramPage"]

    class Meta:
        verbose_name = "支援策一覧"

    def get_context(self, request, *args, **kwargs):
        from search.views import search_context

        context = super().get_context(request, *args, **kwargs)
        context.update(search_context(request, fixed={"kind": ["program"]}))
        return context

    # The finder lives under the index so its URL and breadcrumbs follow the
    # page an editor may move or rename; Wagtail serves only paths ending in
    # "/", hence finder/csv/ rather than finder.csv.
    @path("finder/", name="finder")
    def finder(self, request):
        from .views import finder_page

        return finder_page(request, self)

    @path("finder/csv/", name="finder_csv")
    def finder_csv(self, request):
        from .views import finder_csv

        return finder_csv(request, self)


class SupportProgramTag(TaggedItemBase):
    content_object = ParentalKey("supports.SupportProgramPage", on_delete=models.CASCADE, related_name="tagged_items")


class SupportProgramPage(SummaryAndSourceMixin, Page):
    ministry = models.CharField("所管", max_length=50, default="総務省")
    support_kind = models.CharField("支援の種類", max_length=20, choices=SupportKind.choices)
    fields = ParentalManyToManyField("taxonomy.Field", verbose_name="分野", blank=True, related_name="programs")
    tags = ClusterTaggableManager("タグ", through=SupportProgramTag, blank=True)
    fiscal_year = models.PositiveSmallIntegerField("年度", help_text="支援内容が記述された年度（西暦）")
    budget_yen = models.BigIntegerField("予算額（円）", null=True, blank=True)
    budget_fiscal_year = models.PositiveSmallIntegerField("予算の年度", null=True, blank=True)
    budget_note = models.CharField("予算の注記", max_length=100, blank=True, help_text="例：平成30年度予算案")
    body = RichTextField("内容", blank=True)
    eligible_bodies = models.TextField("対象", blank=True)
    conditions = models.TextField("条件", blank=True)
    terms = models.TextField("補助率・上限など", blank=True)
    rules = StreamField([("rule", RuleBlock())], verbose_name="対象区分と支援内容（構造化）", blank=True)
    application_open = models.DateField("募集開始日", null=True, blank=True)
    application_close = models.DateField("募集締切日", null=True, blank=True)
    contact = models.TextField("問い合わせ先", blank=True)
    official_url = models.URLField("公式ページ", blank=True)

    search_fields = Page.search_fields + SummaryAndSourceMixin.search_fields + [
        index.SearchField("ministry"),
        index.SearchField("eligible_bodies"),
        index.SearchField("terms"),
        index.SearchField("body"),
        index.FilterField("support_kind"),
        index.FilterField("fiscal_year"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("ministry"), FieldPanel("support_kind"), FieldPanel("fiscal_year")]),
        MultiFieldPanel(
            [FieldPanel("budget_yen"), FieldPanel("budget_fiscal_year"), FieldPanel("budget_note")], heading="予算"
        ),
        FieldPanel("body"),
        FieldPanel("contact"),
        FieldPanel("official_url"),
        FieldPanel("source"),
        FieldPanel("quotes"),
    ]
    eligibility_panels = [
        FieldPanel("eligible_bodies"),
        FieldPanel("conditions"),
        FieldPanel("terms"),
        FieldPanel("rules"),
        FieldRowPanel([FieldPanel("application_open"), FieldPanel("application_close")], heading="募集期間"),
    ]
    taxonomy_panels = [FieldPanel("fields", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(eligibility_panels, heading="対象・支援内容"),
            ObjectList(taxonomy_panels, heading="分類"),
            ObjectList(Page.promote_panels, heading="公開設定"),
        ]
    )
    parent_page_types = ["supports.SupportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "支援策"
        verbose_name_plural = "支援策"

    def is_open(self, today=None):
        """募集中: only when the window is known; an unknown window is never
        advertised as open."""
        if not (self.application_open and self.application_close):
            return False
        today = today or timezone.localdate()
        return self.application_open <= today <= self.application_close

    def rule_dicts(self):
        # Parsed once per value of `rules`: the finder reads every program's
        # rules several times a request, and StreamField parsing dominates it.
        cached = self.__dict__.get("_rule_dicts")
        if cached is None or cached[0] is not self.rules:
            cached = (self.rules, [rule_dict(block.value) for block in self.rules])
            self.__dict__["_rule_dicts"] = cached
        return cached[1]

    def rule_objects(self):
        return [Rule.from_dict(rule) for rule in self.rule_dicts()]

    def rule_explanations(self):
        return [{"label": rule.label, "text": explain_rule(rule)} for rule in self.rule_objects()]

    @property
    def budget_display(self):
        return format_yen(self.budget_yen) if self.budget_yen is not None else ""

    @property
    def fiscal_year_label(self):
        return f"{self.fiscal_year}年度"

    @classmethod
    def search_queryset(cls, queryset):
        return queryset.prefetch_related("fields", "tags")

    def search_document(self):
        from search.text import html_text

        return {
            "kind": "program",
            "title": self.title,
            "summary": self.summary,
            "body": "\n".join(filter(None, [html_text(self.body), self.eligible_bodies, self.conditions, self.terms])),
            "url": self.get_url(),
            "fields": [f.slug for f in self.fields.all()],
            "block": [],
            "prefecture": [],
            "municipalities": [],
            "tags": sorted(t.name for t in self.tags.all()),
            "ministry": self.ministry,
            "year": self.fiscal_year,
            "support_kind": self.support_kind,
            "applicant_kinds": sorted({kind for rule in self.rule_dicts() for kind in rule["applicant_kinds"]}),
            "application_open": self.application_open.isoformat() if self.application_open else None,
            "application_close": self.application_close.isoformat() if self.application_close else None,
            "published_at": self.first_published_at.isoformat() if self.first_published_at else None,
        }

    def used_by_cases(self):
        """Public cases that used this program; none while it is being created."""
        from cases.models import CaseStudyPage

        if self.pk is None:
            return CaseStudyPage.objects.none()
        return CaseStudyPage.objects.live().public().filter(program_links__program=self).distinct()
