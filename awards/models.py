from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.db.models.functions import Coalesce
from django.http import Http404
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    PublishingPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from core.pages import RoutedSnippetMixin, RoutingPageMixin, SectionPage
from provenance.models import QuotedMixin


class AwardTier(models.TextChoices):
    GRAND = "grand", "大賞・総務大臣賞"
    # 001 lists the winners before 2017 only as 【過去の総務大臣賞】, without
    # saying whether each was also the 大賞.
    MINISTER = "minister", "総務大臣賞"
    EXCELLENCE = "excellence", "優秀賞"
    SPECIAL = "special", "特別賞"
    ENCOURAGEMENT = "encouragement", "奨励賞"


# The order the award announcements list them in.
TIER_ORDER = [AwardTier.GRAND, AwardTier.MINISTER, AwardTier.EXCELLENCE, AwardTier.SPECIAL, AwardTier.ENCOURAGEMENT]


class AwardKind(models.TextChoices):
    EDITION = "edition", "回（年度ごとの表彰）"
    COMPILATION = "compilation", "複数年度の受賞一覧（回ごとの内訳が資料にないもの）"


class AwardQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def newest_first(self):
        """By year; a compilation comes before the edition of its last year,
        right after the newer editions it precedes."""
        return self.annotate(sort_year=Coalesce("fiscal_year", "period_end")).order_by("-sort_year", "kind", "pk")

    def with_results(self):
        results = AwardResult.objects.select_related("case").prefetch_related("municipalities__prefecture__block")
        return self.prefetch_related(Prefetch("results", queryset=results.order_by("sort_order", "pk")))

    def latest_edition_with_results(self):
        return (
            self.public()
            .filter(kind=AwardKind.EDITION)
            .annotate(result_count=Count("results"))
            .filter(result_count__gt=0)
            .order_by("-fiscal_year", "-pk")
            .with_results()
            .first()
        )


class Award(
    RoutedSnippetMixin,
    QuotedMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One edition of the award (地域情報化大賞2014 … ICT地域活性化大賞2017)
    with its results inline, published through moderation.

    Where the documents list winners of several editions together without
    saying which edition each won (過去の総務大臣賞, 2014–2016), they are kept
    as a compilation over those years rather than assigned to a guessed
    edition."""

    routing_page_model = "awards.AwardArchivePage"

    kind = models.CharField("区分", max_length=20, choices=AwardKind.choices, default=AwardKind.EDITION)
    name = models.CharField("名称", max_length=100, help_text="例：ICT地域活性化大賞2017")
    slug = models.SlugField("スラッグ", max_length=50, unique=True, help_text="URL（/awards/スラッグ/）に使います。")
    fiscal_year = models.PositiveSmallIntegerField("年度", null=True, blank=True, help_text="回の年度（西暦）。")
    period_start = models.PositiveSmallIntegerField("対象期間の最初の年度", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("対象期間の最後の年度", null=True, blank=True)
    entries = models.PositiveIntegerField("応募総数（件）", null=True, blank=True)
    ceremony_date = models.DateField("表彰式", null=True, blank=True)
    summary = models.TextField("概要", blank=True)
    source = models.CharField("出典", max_length=300, blank=True, help_text="事実の出典となる資料名")

    objects = AwardQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.FilterField("fiscal_year"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("fiscal_year"), FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")])],
            heading="年度",
            help_text="回なら年度を、複数年度の受賞一覧なら対象期間を入力します。",
        ),
        FieldRowPanel([FieldPanel("entries"), FieldPanel("ceremony_date")]),
        FieldPanel("summary"),
        FieldPanel("source"),
        FieldPanel("quotes"),
        InlinePanel("results", heading="受賞結果", label="受賞"),
        PublishingPanel(),
    ]

    class Meta:
        ordering = ["-fiscal_year", "-period_end", "pk"]
        verbose_name = "表彰（回）"
        verbose_name_plural = "表彰（回）"

    def __str__(self):
        return self.heading

    def meta_description(self):
        return self.summary

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == AwardKind.EDITION:
            if self.fiscal_year is None:
                errors["fiscal_year"] = "回の年度を入力してください。"
            if self.period_start or self.period_end:
                errors["period_start"] = "対象期間は複数年度の受賞一覧のときだけ入力します。"
        else:
            if self.fiscal_year is not None:
                errors["fiscal_year"] = "複数年度の受賞一覧では年度を空欄にし、対象期間を入力してください。"
            if not (self.period_start and self.period_end):
                errors["period_start"] = "対象期間の最初と最後の年度を入力してください。"
            elif self.period_end < self.period_start:
                errors["period_end"] = "最後の年度は最初の年度以降にしてください。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_edition(self):
        return self.kind == AwardKind.EDITION

    @property
    def period_label(self):
        if self.is_edition:
            return f"{self.fiscal_year}年度"
        return f"{self.period_start}〜{self.period_end}年度"

    @property
    def heading(self):
        if self.is_edition:
            return self.name
        return f"過去の{self.name}（{self.period_label}、受賞年度の内訳は資料に記載なし）"

    @property
    def year(self):
        return self.fiscal_year if self.is_edition else None

    def tier_groups(self):
        """[(tier label, [results])] in announcement order, skipping empty
        tiers; reads the prefetched results, so no query per tier."""
        results = list(self.results.all())
        groups = []
        for tier in TIER_ORDER:
            members = [r for r in results if r.tier == tier]
            if members:
                groups.append((tier.label, members))
        return groups

    # URLs

    def path_under(self, archive_url):
        return f"{archive_url}{self.slug}/"

    def get_preview_template(self, request, mode_name):
        return "awards/award_edition.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        page = self.routing_page()
        context.update(page=page, award=self, routed_item=self, archive_url=page.get_url(request) if page else "/")
        return context


class AwardResult(Orderable, ClusterableModel):
    award = ParentalKey(Award, on_delete=models.CASCADE, related_name="results", verbose_name="表彰（回）")
    tier = models.CharField("賞", max_length=20, choices=AwardTier.choices)
    special_name = models.CharField("特別賞の名称", max_length=50, blank=True, help_text="例：行政効率化賞")
    case_title = models.CharField("事例名称（表彰時の表記）", max_length=200)
    winners = models.CharField("受賞団体", max_length=300)
    municipalities = ParentalManyToManyField(
        "taxonomy.Municipality", verbose_name="主な提供地域", blank=True, related_name="award_results"
    )
    case = models.ForeignKey(
        "cases.CaseStudyPage",
        verbose_name="事例ページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_results",
    )

    panels = [
        FieldRowPanel([FieldPanel("tier"), FieldPanel("special_name")]),
        FieldPanel("case_title"),
        FieldPanel("winners"),
        FieldPanel("municipalities", widget=forms.SelectMultiple),
        PageChooserPanel("case", "cases.CaseStudyPage"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "受賞結果"
        verbose_name_plural = "受賞結果"

    def __str__(self):
        return f"{self.tier_label}：{self.case_title}"

    def clean(self):
        super().clean()
        if self.special_name and self.tier != AwardTier.SPECIAL:
            raise ValidationError({"special_name": "特別賞の名称は、賞が「特別賞」のときだけ入力します。"})

    @property
    def tier_label(self):
        label = AwardTier(self.tier).label
        return f"{label}（{self.special_name}）" if self.special_name else label

    def badge_label(self):
        """'ICT地域活性化大賞2017 優秀賞'; for a compilation, its years."""
        if self.award.is_edition:
            return f"{self.award.name} {self.tier_label}"
        return f"{self.award.name}（{self.award.period_label}）"

    def text(self):
        return f"{self.tier_label}：{self.case_title}（{self.winners}）"


def badges_for_case(case):
    """The published award results of one case, in one query (none for a
    case still being created)."""
    if case.pk is None:
        return []
    return list(
        AwardResult.objects.filter(case=case, award__live=True)
        .select_related("award")
        .order_by(Coalesce("award__fiscal_year", "award__period_end").desc(), "sort_order")
    )


class AwardArchivePage(RoutingPageMixin, RoutablePageMixin, SectionPage):
    """表彰: every published edition, newest first, with its results by tier."""

    subpage_types = []
    routed_model = "awards.Award"

    class Meta:
        verbose_name = "表彰の記録"

    @re_path(r"^$", name="archive")
    def archive_view(self, request):
        awards = list(Award.objects.public().newest_first().with_results())
        context = {"awards": awards, "compilation": _first_compilation(awards), "archive_url": self.get_url(request)}
        return self.render(request, context_overrides=context)

    @re_path(r"^(?P<slug>[-a-z0-9]+)/$", name="award")
    def award_view(self, request, slug):
        award = Award.objects.public().with_results().filter(slug=slug).first()
        if award is None:
            raise Http404("お探しの表彰は見つかりませんでした。")
        context = {
            "award": award,
            "routed_item": award,
            "compilation": _first_compilation(Award.objects.public().filter(kind=AwardKind.COMPILATION)),
            "archive_url": self.get_url(request),
        }
        return self.render(request, context_overrides=context, template="awards/award_edition.html")


def _first_compilation(awards):
    return next((award for award in awards if not award.is_edition), None)
