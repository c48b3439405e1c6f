"""The shared vocabulary: every page, snippet and search document speaks in
these slugs, so facets and filters line up across the portal."""

from django.db import models
from wagtail.search import index

from provenance.models import QuotedMixin


class Field(index.Indexed, models.Model):
    """分野 of the 地域IoT実装推進ロードマップ."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField("スラッグ", max_length=50, unique=True)
    description = models.TextField("説明", blank=True)
    sort_order = models.PositiveSmallIntegerField("並び順", default=0)
    color = models.CharField(
        "色", max_length=7, default="#1f4e79", help_text="白い文字とのコントラスト比4.5:1以上の色（#RRGGBB）"
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "分野"
        verbose_name_plural = "分野"

    def __str__(self):
        return self.name


class RegionBlock(index.Indexed, QuotedMixin):
    """地域ブロック: the area of one 総合通信局 (or 沖縄総合通信事務所).

    ``council`` is the regional body the documents name; where two documents
    name it differently both names are kept, joined by ／, and the quotes say
    which document says which. ``study_group`` is the group set up inside it
    for the roadmap, where the documents name one."""

    name = models.CharField("名称", max_length=20, unique=True)
    slug = models.SlugField("スラッグ", max_length=30, unique=True)
    bureau = models.CharField("総合通信局等", max_length=50, blank=True)
    council = models.CharField("地域の推進体制", max_length=100, blank=True)
    study_group = models.CharField("推進体制内の検討の場", max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField("並び順", default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "地域ブロック"
        verbose_name_plural = "地域ブロック"

    def __str__(self):
        return self.name


class Prefecture(index.Indexed, models.Model):
    code = models.CharField("都道府県コード（JIS）", max_length=2, unique=True)
    name = models.CharField("名称", max_length=10, unique=True)
    slug = models.SlugField("スラッグ", max_length=30, unique=True)
    block = models.ForeignKey(
        RegionBlock, verbose_name="地域ブロック", on_delete=models.PROTECT, related_name="prefectures"
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["code"]
        verbose_name = "都道府県"
        verbose_name_plural = "都道府県"

    def __str__(self):
        return self.name


class MunicipalityKind(models.TextChoices):
    PREFECTURE = "prefecture", "都道府県"
    DESIGNATED_CITY = "designated_city", "政令指定都市"
    CORE_CITY = "core_city", "中核市"
    SPECIAL_CITY = "special_city", "施行時特例市"
    CITY = "city", "市"
    TOWN = "town", "町"
    VILLAGE = "village", "村"
    SPECIAL_WARD = "special_ward", "特別区"


class Municipality(index.Indexed, QuotedMixin):
    """A local government body; a prefecture acting as a body is one too."""

    name = models.CharField("名称", max_length=50)
    kana = models.CharField("よみ", max_length=100, blank=True)
    prefecture = models.ForeignKey(
        Prefecture, verbose_name="都道府県", on_delete=models.PROTECT, related_name="municipalities"
    )
    kind = models.CharField("団体区分", max_length=20, choices=MunicipalityKind.choices)
    lg_code = models.CharField("地方公共団体コード", max_length=6, blank=True)
    source = models.CharField("出典", max_length=200, blank=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("kana"),
        index.AutocompleteField("name"),
        index.RelatedFields("prefecture", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["prefecture__code", "kana", "name"]
        constraints = [models.UniqueConstraint(fields=["prefecture", "name"], name="unique_municipality_per_prefecture")]
        verbose_name = "市区町村"
        verbose_name_plural = "市区町村"

    def __str__(self):
        if self.kind == MunicipalityKind.PREFECTURE:
            return self.name
        return f"{self.prefecture.name}{self.name}"

    @property
    def block(self):
        return self.prefecture.block
