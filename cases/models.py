from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultipleChooserPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pages import SectionPage, SummaryAndSourceMixin
from search.pages import SearchIndexMixin
from taxonomy.views import municipality_chooser_viewset

from .blocks import CaseBodyBlock


class CaseIndexPage(SearchIndexMixin, SectionPage):
    subpage_types = ["cases.CaseStudyPage"]
    search_fixed = {"kind": ["case"]}

    class Meta:
        verbose_name = "事例一覧"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["prefecture_map"] = self.prefecture_map(request, context["result"])
        return context

    @staticmethod
    def prefecture_map(request, result):
        """The tile map of the current result: the 都道府県 facet's counts
        (which, like every facet's, leave out its own selection, so each tile
        says what choosing it would give), each tile narrowing the list to
        its prefecture with the other filters kept. No second search."""
        from core.querystring import query_without

        from .pictures import case_count_map, count_map_description, prefectures_in_block_order

        facet = next((f for f in result.facets if f.name == "prefecture"), None)
        counts = {value.value: value.count for value in facet.values} if facet else {}
        selected = set(result.query.filters.get("prefecture", ()))
        others = query_without(request.GET, "prefecture")  # and the page: a narrower list starts at its first
        tile_map = case_count_map(
            prefectures_in_block_order(),
            counts,
            lambda slug: f"{request.path}?{urlencode({'prefecture': slug})}&{others}".rstrip("&"),
            selected,
        )
        return {"map": tile_map, "description": count_map_description(tile_map)}


class CaseTag(TaggedItemBase):
    content_object = ParentalKey("cases.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items")


class CaseStudyPage(SummaryAndSourceMixin, Page):
    challenge = models.TextField("地域課題", blank=True)
    body = StreamField(CaseBodyBlock(), verbose_name="取組内容", blank=True)
    implementers = models.CharField("実施主体", max_length=300, blank=True)
    fields = ParentalManyToManyField("taxonomy.Field", verbose_name="分野", blank=True, related_name="cases")
    tags = ClusterTaggableManager("タグ", through=CaseTag, blank=True)
    year_started = models.PositiveSmallIntegerField("開始年度", null=True, blank=True)
    model_case = models.ForeignKey(
        "self",
        verbose_name="モデルとした事例（横展開元）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopters",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="メイン画像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    selected_100 = models.BooleanField("ICT地域活性化事例100選", default=False)

    search_fields = (
        Page.search_fields
        + SummaryAndSourceMixin.search_fields
        + [
            index.SearchField("challenge"),
            index.SearchField("body"),
            index.SearchField("implementers"),
            index.FilterField("selected_100"),
            index.FilterField("year_started"),
        ]
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("body"),
        InlinePanel("effects", heading="定量的な効果", label="効果"),
        FieldPanel("implementers"),
        FieldRowPanel([FieldPanel("year_started"), FieldPanel("selected_100")]),
        FieldPanel("lead_image"),
        InlinePanel("links", heading="関連リンク", label="リンク"),
        FieldPanel("source"),
        FieldPanel("quotes"),
    ]
    taxonomy_panels = [
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        MultipleChooserPanel("municipality_links", chooser_field_name="municipality", heading="主な地域（市区町村）"),
        FieldPanel("tags"),
    ]
    relation_panels = [
        MultipleChooserPanel("program_links", chooser_field_name="program", heading="活用した支援策"),
        PageChooserPanel("model_case", "cases.CaseStudyPage"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(taxonomy_panels, heading="分類"),
            ObjectList(relation_panels, heading="関連"),
            ObjectList(Page.promote_panels, heading="公開設定"),
        ]
    )
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "事例"
        verbose_name_plural = "事例"

    @classmethod
    def related_lookups(cls):
        """The relations that both the page's head (structured data) and its
        body read, and the search document too: one query each, however many
        regions or tags the case has."""
        return ["fields", "tags", cls.place_lookup()]

    @staticmethod
    def place_lookup():
        return Prefetch(
            "municipality_links", CaseMunicipality.objects.select_related("municipality__prefecture__block")
        )

    def get_context(self, request, *args, **kwargs):
        # A new page in preview has no rows yet, and the in-memory relations
        # of any preview take precedence over prefetched ones anyway.
        if self.pk:
            programs = Prefetch("program_links", CaseProgram.objects.select_related("program"))
            prefetch_related_objects([self], *self.related_lookups(), programs)
        context = super().get_context(request, *args, **kwargs)
        context["adopters"] = adopters = list(self.adopting_cases().prefetch_related(self.place_lookup()))
        if adopters:
            from .pictures import model_case_map

            context["places_map"] = model_case_map(self, adopters)
        return context

    # What the page's <head> says of it (seo/meta.py).
    og_type = "article"

    def json_ld(self, request, canonical, image):
        from .structured_data import case_article

        return [case_article(self, canonical, image)]

    def municipalities(self):
        return [link.municipality for link in self.municipality_links.all()]

    def prefectures(self):
        """Derived from the municipalities, never stored, so it cannot drift."""
        seen = {}
        for municipality in self.municipalities():
            seen.setdefault(municipality.prefecture_id, municipality.prefecture)
        return list(seen.values())

    def blocks(self):
        seen = {}
        for prefecture in self.prefectures():
            seen.setdefault(prefecture.block_id, prefecture.block)
        return list(seen.values())

    def adopting_cases(self):
        """Live cases that took this one as their model; none while it is being created."""
        return self.adopters.live() if self.pk else CaseStudyPage.objects.none()

    def programs(self):
        return [link.program for link in self.program_links.all()]

    def networks(self):
        """Slugs of the live networks (地域IoT官民ネット) any of the case's
        municipalities has joined."""
        return sorted(
            {
                membership.page.slug
                for municipality in self.municipalities()
                for membership in municipality.network_memberships.all()
                if membership.page.live
            }
        )


class CaseRow(Orderable):
    """An inline row of a case, in the editor's order. Rows saved by code
    carry no order, so their creation order decides, the same on every
    database (PostgreSQL returns ties in any order)."""

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class CaseMunicipality(CaseRow):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="municipality_links")
    municipality = models.ForeignKey(
        "taxonomy.Municipality", verbose_name="市区町村", on_delete=models.CASCADE, related_name="case_links"
    )

    panels = [FieldPanel("municipality", widget=municipality_chooser_viewset.widget_class)]

    class Meta(CaseRow.Meta):
        verbose_name = "主な地域"
        constraints = [models.UniqueConstraint(fields=["page", "municipality"], name="unique_case_municipality")]


class CaseProgram(CaseRow):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="program_links")
    program = models.ForeignKey(
        "supports.SupportProgramPage", verbose_name="支援策", on_delete=models.CASCADE, related_name="case_links"
    )

    panels = [PageChooserPanel("program", "supports.SupportProgramPage")]

    class Meta(CaseRow.Meta):
        verbose_name = "活用した支援策"


class CaseEffect(CaseRow):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="effects")
    label = models.CharField("指標", max_length=100)
    value = models.CharField("値", max_length=50)
    unit = models.CharField("単位", max_length=20, blank=True)

    class Meta(CaseRow.Meta):
        verbose_name = "定量的な効果"


class CaseLink(CaseRow):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField("リンク名", max_length=200)
    url = models.URLField("URL")

    class Meta(CaseRow.Meta):
        verbose_name = "関連リンク"
