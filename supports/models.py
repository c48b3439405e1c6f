from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

import clock
from core.pages import SectionPage, SummaryAndSourceMixin
from provenance.models import QuotedMixin
from search.pages import SearchIndexMixin

from .blocks import RuleBlock, raw_rule_dict
from .eligibility import APPLICANT_KIND_LABELS, DISADVANTAGED_LABELS, Rule, explain_rule
from .funding import MEASURE_KIND_LABELS, ROUTE_LABELS, Measure, Route, measure_text
from .money import format_yen, parse_rate


class SupportKind(models.TextChoices):
    PLANNING = "planning", "計画策定支援"
    SUBSIDY = "subsidy", "財政支援（補助金）"
    LOCAL_FINANCE = "local_finance", "地方財政措置（特別交付税）"
    HUMAN = "human", "人的支援"
    DEMONSTRATION = "demonstration", "実証事業"
    PROMOTION = "promotion", "普及促進"


class SupportIndexPage(SearchIndexMixin, RoutablePageMixin, SectionPage):
    subpage_types = ["supports.SupportProgramPage"]
    search_fixed = {"kind": ["program"]}

    class Meta:
        verbose_name = "支援策一覧"

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

    search_fields = (
        Page.search_fields
        + SummaryAndSourceMixin.search_fields
        + [
            index.SearchField("ministry"),
            index.SearchField("eligible_bodies"),
            index.SearchField("terms"),
            index.SearchField("body"),
            index.FilterField("support_kind"),
            index.FilterField("fiscal_year"),
        ]
    )

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

    def get_context(self, request, *args, **kwargs):
        from .calculator import run_calculator

        context = super().get_context(request, *args, **kwargs)
        context["calculator"] = run_calculator(self, request.GET)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        calculator = getattr(response, "context_data", {}).get("calculator")
        if calculator is not None and calculator.invalid:
            response.status_code = 400
        return response

    def is_open(self, today=None):
        """募集中: only when the window is known; an unknown window is never
        advertised as open."""
        if not (self.application_open and self.application_close):
            return False
        today = today or clock.today()
        return self.application_open <= today <= self.application_close

    def rule_dicts(self):
        # Parsed once per value of `rules`: the finder reads every program's
        # rules several times a request, and StreamField parsing dominates it.
        cached = self.__dict__.get("_rule_dicts")
        if cached is None or cached[0] is not self.rules:
            cached = (self.rules, [raw_rule_dict(block["value"]) for block in self.rules.raw_data])
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

    def json_ld(self, request, canonical, image):
        """schema.org data for the page's <head> (seo/meta.py)."""
        from .structured_data import support_program

        return [support_program(self, canonical)]

    def used_by_cases(self):
        """Public cases that used this program; none while it is being created."""
        from cases.models import CaseStudyPage

        if self.pk is None:
            return CaseStudyPage.objects.none()
        return CaseStudyPage.objects.live().public().filter(program_links__program=self).distinct()


class FinancingMeasureForm(WagtailAdminModelForm):
    """Who may use a measure, as checkboxes over the finder's own vocabulary;
    stored as lists so the domain reads them as it reads a rule."""

    applicant_kinds = forms.MultipleChoiceField(
        label="利用できる団体の種類", choices=list(APPLICANT_KIND_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    disadvantaged_any = forms.MultipleChoiceField(
        label="条件不利地域（いずれかに該当する団体に限る）",
        choices=list(DISADVANTAGED_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disadvantaged_none = forms.MultipleChoiceField(
        label="条件不利地域（該当する団体は除く）",
        choices=list(DISADVANTAGED_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="例：「その他の市町村」は過疎地域・辺地に該当しない市町村です。",
    )


class MeasureKind(models.TextChoices):
    BOND = "bond", MEASURE_KIND_LABELS["bond"]
    SPECIAL_TAX = "special_tax", MEASURE_KIND_LABELS["special_tax"]


class FinancingMeasure(QuotedMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A 地方債 or 特別交付税措置 that pays part of a program's cost, with the
    programs it finances; supports/funding.py turns it into funding plans."""

    name = models.CharField("名称", max_length=100)
    slug = models.SlugField("スラッグ", max_length=80, unique=True, help_text="データの読み込みに使う識別子です。")
    kind = models.CharField("種類", max_length=20, choices=MeasureKind.choices)
    coverage_percent = models.PositiveSmallIntegerField(
        "充当率（%）", null=True, blank=True, validators=[MaxValueValidator(100)], help_text="地方債のみ。例：100"
    )
    allocation_percent = models.PositiveSmallIntegerField(
        "交付税算入率（%）",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="地方債のみ。算入なしは0。",
    )
    special_tax_rate = models.CharField("措置率", max_length=10, blank=True, help_text="特別交付税措置のみ。例：1/2")
    cost_cap_yen = models.BigIntegerField(
        "対象経費の上限額（円）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="特別交付税措置のみ。",
    )
    unsourced_adjustment = models.CharField(
        "算式が資料にない補正",
        max_length=100,
        blank=True,
        help_text="例：財政力補正あり。計算には含めず、その旨を表示します。",
    )
    applicant_kinds = models.JSONField("利用できる団体の種類", default=list)
    disadvantaged_any = models.JSONField("条件不利地域（いずれかに該当）", default=list, blank=True)
    disadvantaged_none = models.JSONField("条件不利地域（該当する団体は除く）", default=list, blank=True)
    users_label = models.CharField("利用できる団体（資料の表記）", max_length=100, help_text="例：過疎市町村")
    source = models.CharField("出典", max_length=300, blank=True, help_text="事実の出典となる資料名")

    base_form_class = FinancingMeasureForm
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("coverage_percent"), FieldPanel("allocation_percent")]),
        FieldRowPanel([FieldPanel("special_tax_rate"), FieldPanel("cost_cap_yen")]),
        FieldPanel("unsourced_adjustment"),
        MultiFieldPanel(
            [
                FieldPanel("users_label"),
                FieldPanel("applicant_kinds"),
                FieldPanel("disadvantaged_any"),
                FieldPanel("disadvantaged_none"),
            ],
            heading="利用できる団体",
        ),
        InlinePanel("links", heading="財源となる支援策", label="支援策"),
        FieldPanel("source"),
        FieldPanel("quotes"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "財源措置（地方債・特別交付税措置）"
        verbose_name_plural = "財源措置（地方債・特別交付税措置）"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def measure(self) -> Measure:
        """The domain value; raises ValueError when the fields do not make one."""
        return Measure(
            key=self.slug,
            name=self.name,
            kind=self.kind,
            allocation=_percent(self.allocation_percent)
            if self.kind == MeasureKind.BOND
            else _tax_rate(self.special_tax_rate),
            coverage=_percent(self.coverage_percent),
            cost_cap_yen=self.cost_cap_yen,
            applicant_kinds=self.applicant_kinds or (),
            disadvantaged_any=self.disadvantaged_any or (),
            disadvantaged_none=self.disadvantaged_none or (),
            users_label=self.users_label,
            unsourced_adjustment=self.unsourced_adjustment,
        )

    def describe(self):
        """The rule as the page states it; empty while the fields do not make one."""
        try:
            return f"{measure_text(self.measure())}。利用できる団体：{self.users_label}"
        except ValueError:
            return ""

    def clean(self):
        super().clean()
        if self.kind == MeasureKind.BOND and (self.special_tax_rate or self.cost_cap_yen is not None):
            raise ValidationError("地方債では措置率と対象経費の上限額を空欄にしてください。")
        if self.kind == MeasureKind.SPECIAL_TAX and (
            self.coverage_percent is not None or self.allocation_percent is not None
        ):
            raise ValidationError("特別交付税措置では充当率と交付税算入率を空欄にしてください。")
        try:
            self.measure()
        except ValueError:
            raise ValidationError(
                "地方債は充当率（1〜100）と交付税算入率（0〜100）を、特別交付税措置は措置率（例：1/2）を入力してください。"
            ) from None


def _percent(value):
    return None if value is None else Fraction(value, 100)


def _tax_rate(text):
    return parse_rate(text) if text else None


class FinancingLink(Orderable):
    """A program whose cost the measure may finance, and how."""

    measure = ParentalKey(FinancingMeasure, on_delete=models.CASCADE, related_name="links")
    program = models.ForeignKey(
        SupportProgramPage, verbose_name="支援策", on_delete=models.CASCADE, related_name="financing_links"
    )
    route = models.CharField(
        "使い方",
        max_length=20,
        choices=list(ROUTE_LABELS.items()),
        help_text="国庫補助事業の補助裏に充てるか、国庫補助を受けない地方単独事業に充てるか。",
    )
    condition = models.CharField(
        "事業の条件",
        max_length=200,
        blank=True,
        help_text="資料が示す事業の目的など。例：指定避難所における避難者の生活環境の改善のために実施する、Wi-Fi環境の整備",
    )

    panels = [FieldPanel("program"), FieldPanel("route"), FieldPanel("condition")]

    class Meta(Orderable.Meta):
        verbose_name = "財源となる支援策"
        verbose_name_plural = "財源となる支援策"

    def route_value(self) -> Route:
        return Route(self.measure.measure(), self.route, self.condition)
