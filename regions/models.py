"""The region pages (地域ブロック → 都道府県 → 市区町村), the bodies that
municipalities belong to (地域IoT官民ネット), and two pages that summarise
what the source documents say (ロードマップ, オープンデータ推進の手引き).

Prefecture and municipality pages are routes of their block page, drawn
from the taxonomy: no page per prefecture or municipality is stored."""

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pages import SectionPage
from provenance.documents import DOCUMENTS
from provenance.models import QuotedMixin
from taxonomy.views import municipality_chooser_viewset

DOCUMENT_CHOICES = [(key.split("_")[0], title) for key, title in DOCUMENTS.items()]


class StatementBlock(blocks.StructBlock):
    """What one source document says, in its own words."""

    text = blocks.TextBlock(label="資料の記載")
    doc = blocks.ChoiceBlock(choices=DOCUMENT_CHOICES, label="資料")
    period = blocks.CharBlock(label="時点", required=False, help_text="例：2017年度")

    class Meta:
        icon = "openquote"
        label = "資料の記載"


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し")
    statements = blocks.ListBlock(StatementBlock(), label="資料の記載")

    class Meta:
        icon = "list-ul"
        label = "節"
        template = "regions/blocks/section.html"


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="氏名")
    role = blocks.CharBlock(label="肩書き（資料の表記）")

    class Meta:
        icon = "user"
        label = "人物"


class RegionIndexPage(RoutablePageMixin, SectionPage):
    """/regions/: the eleven blocks, and /regions/code/<code>/ for any
    municipality by its 全国地方公共団体コード."""

    subpage_types = ["regions.RegionBlockPage", "regions.NetworkPage"]

    class Meta:
        verbose_name = "地域一覧"

    @re_path(r"^$", name="index")
    def index_view(self, request):
        from . import views

        return views.region_index(self, request)

    @re_path(r"^code/(?P<code>[^/]+)/$", name="code")
    def code_view(self, request, code):
        from . import views

        return views.code_redirect(self, request, code)

    def get_sitemap_urls(self, request=None):
        from .sitemap import route_urls

        return super().get_sitemap_urls(request) + route_urls(self, request)


class RegionBlockPage(RoutablePageMixin, QuotedMixin, Page):
    """A 地域ブロック, its prefectures (/<prefecture>/) and their
    municipalities (/<prefecture>/<name>/)."""

    block = models.OneToOneField(
        "taxonomy.RegionBlock", verbose_name="地域ブロック", on_delete=models.PROTECT, related_name="page"
    )
    intro = models.TextField("導入文", blank=True)
    activities = StreamField([("statement", StatementBlock())], verbose_name="推進体制の取組（資料の記載）", blank=True)
    advisor_applications = models.PositiveSmallIntegerField(
        "地域情報化アドバイザーの応募団体数（管区別）", null=True, blank=True
    )
    advisor_note = models.CharField("応募団体数の注記", max_length=200, blank=True)
    source = models.CharField("出典", max_length=300, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("activities")]
    content_panels = Page.content_panels + [
        FieldPanel("block"),
        FieldPanel("intro"),
        FieldPanel("activities"),
        FieldPanel("advisor_applications"),
        FieldPanel("advisor_note"),
        FieldPanel("source"),
        FieldPanel("quotes"),
    ]
    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "地域ブロック"

    @re_path(r"^$", name="block")
    def block_view(self, request):
        from . import views

        return views.block_page(self, request)

    @re_path(r"^(?P<prefecture>[-a-z]+)/$", name="prefecture")
    def prefecture_view(self, request, prefecture):
        from . import views

        return views.prefecture_page(self, request, prefecture)

    @re_path(r"^(?P<prefecture>[-a-z]+)/(?P<name>[^/]+)/$", name="municipality")
    def municipality_view(self, request, prefecture, name):
        from . import views

        return views.municipality_page(self, request, prefecture, name)

    @re_path(r"^(?P<prefecture>[-a-z]+)/(?P<name>[^/]+)/feed/$", name="municipality_atom")
    def municipality_atom_view(self, request, prefecture, name):
        from . import views

        return views.municipality_atom(self, request, prefecture, name)

    @re_path(r"^(?P<prefecture>[-a-z]+)/(?P<name>[^/]+)/ical/$", name="municipality_ical")
    def municipality_ical_view(self, request, prefecture, name):
        from . import views

        return views.municipality_ical(self, request, prefecture, name)

    def prefecture_url(self, prefecture, base=None):
        """The route's path below `base` (the page's own URL by default; the
        sitemap passes its full URL)."""
        return (base or self.url) + self.reverse_subpage("prefecture", kwargs={"prefecture": prefecture.slug})

    def municipality_url(self, municipality, base=None, route="municipality"):
        """The municipality's page, or with `route` one of its feeds."""
        return (base or self.url) + self.reverse_subpage(
            route, kwargs={"prefecture": municipality.prefecture.slug, "name": municipality.name}
        )

    def get_prefecture(self, slug):
        prefecture = self.block.prefectures.filter(slug=slug).first()
        if prefecture is None:
            raise Http404("この地域ブロックにその都道府県はありません")
        return prefecture

    def meta_description(self):
        return (self.search_description or self.intro or self.title)[:160]


class NetworkPage(QuotedMixin, Page):
    """A body that municipalities join (地域IoT官民ネット); its members are
    the memberships below, shown on each municipality's page too."""

    summary = models.TextField("設立の趣旨", blank=True)
    founded = models.DateField("設立日", null=True, blank=True)
    secretariat = models.CharField("事務局", max_length=100, blank=True)
    member_municipalities = models.PositiveSmallIntegerField("参加自治体数", null=True, blank=True)
    member_companies = models.PositiveSmallIntegerField("参加企業数", null=True, blank=True)
    members_as_of = models.DateField("参加団体数の時点", null=True, blank=True)
    representatives = StreamField([("person", PersonBlock())], verbose_name="共同代表", blank=True)
    founders = StreamField([("person", PersonBlock())], verbose_name="自治体発起人", blank=True)
    activities = StreamField([("statement", StatementBlock())], verbose_name="活動（資料の記載）", blank=True)
    source = models.CharField("出典", max_length=300, blank=True)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("representatives")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("founded"),
        FieldPanel("secretariat"),
        FieldPanel("member_municipalities"),
        FieldPanel("member_companies"),
        FieldPanel("members_as_of"),
        FieldPanel("representatives"),
        FieldPanel("founders"),
        FieldPanel("activities"),
        InlinePanel("memberships", heading="参加自治体", label="参加自治体"),
        FieldPanel("source"),
        FieldPanel("quotes"),
    ]
    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "官民ネットワーク"

    def meta_description(self):
        return (self.search_description or self.summary or self.title)[:160]

    def get_context(self, request, *args, **kwargs):
        from .views import network_context

        context = super().get_context(request, *args, **kwargs)
        context.update(network_context(self))
        return context


class NetworkMembership(Orderable, QuotedMixin):
    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        "taxonomy.Municipality", verbose_name="市区町村", on_delete=models.CASCADE, related_name="network_memberships"
    )
    is_founder = models.BooleanField("発起人自治体", default=False)
    note = models.CharField("注記", max_length=200, blank=True)

    panels = [
        FieldPanel("municipality", widget=municipality_chooser_viewset.widget_class),
        FieldPanel("is_founder"),
        FieldPanel("note"),
        FieldPanel("quotes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "参加自治体"
        verbose_name_plural = "参加自治体"
        constraints = [models.UniqueConstraint(fields=["page", "municipality"], name="unique_network_membership")]


class PrefectureMeasure(QuotedMixin):
    """One IT measure of a prefecture as 003's table lists it (IT総合戦略室's
    reading of the 地方版総合戦略, end of 2015, provisional)."""

    prefecture = models.ForeignKey(
        "taxonomy.Prefecture", verbose_name="都道府県", on_delete=models.CASCADE, related_name="it_measures"
    )
    category = models.CharField("分野（表の列）", max_length=40)
    text = models.TextField("施策（資料の記載）")
    sort_order = models.PositiveSmallIntegerField("並び順", default=0)

    class Meta:
        ordering = ["prefecture__code", "sort_order", "pk"]
        verbose_name = "都道府県のIT利活用施策"
        verbose_name_plural = "都道府県のIT利活用施策"

    def __str__(self):
        return f"{self.prefecture.name}：{self.text[:30]}"


class MeasureTableRow(models.Model):
    """How a prefecture's row of 003's table could be read: a row the
    extraction merged with another or left without legible text says
    nothing about that prefecture, which is not the same as an empty row."""

    prefecture = models.OneToOneField(
        "taxonomy.Prefecture", verbose_name="都道府県", on_delete=models.CASCADE, related_name="it_measure_row"
    )
    readable = models.BooleanField("表の行を読み取れた", default=True)
    left_out = models.JSONField("文字が崩れていて載せなかった列", default=list, blank=True)

    class Meta:
        verbose_name = "IT利活用施策の表の行"
        verbose_name_plural = "IT利活用施策の表の行"

    def __str__(self):
        return self.prefecture.name


class DocumentSummaryPage(QuotedMixin, Page):
    """A page that puts together what the documents say on one subject, in
    their words, each statement with its document."""

    intro = models.TextField("導入文", blank=True)
    period_note = models.CharField("資料の時期", max_length=200, blank=True)
    body = StreamField([("section", SectionBlock())], verbose_name="本文", blank=True)
    source = models.CharField("出典", max_length=300, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("period_note"),
        FieldPanel("body"),
        FieldPanel("source"),
        FieldPanel("quotes"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True

    def meta_description(self):
        return (self.search_description or self.intro or self.title)[:160]


class RoadmapPage(DocumentSummaryPage):
    max_count = 1
    template = "regions/document_summary_page.html"

    class Meta:
        verbose_name = "地域IoT実装推進ロードマップ"

    def get_context(self, request, *args, **kwargs):
        from .views import roadmap_context

        context = super().get_context(request, *args, **kwargs)
        context.update(roadmap_context())
        return context


class OpenDataGuidePage(DocumentSummaryPage):
    max_count = 1
    template = "regions/document_summary_page.html"

    class Meta:
        verbose_name = "オープンデータ推進の手引き"
