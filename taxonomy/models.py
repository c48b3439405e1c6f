"""The shared vocabulary: every page, snippet and search document speaks in
these slugs, so facets and filters line up across the portal."""

from django.db import models
from wagtail.search import index

from provenance.models import QuotedMixin

from . import kinds


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
    kind = models.CharField(
        "団体区分（2018年4月1日時点）",
        max_length=20,
        choices=MunicipalityKind.choices,
        help_text="2018年4月1日時点の区分。その前後の移行は「団体区分の移行」に日付つきで記録します。",
    )
    lg_code = models.CharField("地方公共団体コード", max_length=6, blank=True, db_index=True)
    source = models.CharField("出典", max_length=200, blank=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("kana"),
        index.AutocompleteField("name"),
        index.RelatedFields("prefecture", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["prefecture__code", "kana", "name"]
        constraints = [
            models.UniqueConstraint(fields=["prefecture", "name"], name="unique_municipality_per_prefecture")
        ]
        verbose_name = "市区町村"
        verbose_name_plural = "市区町村"

    def __str__(self):
        if self.kind == MunicipalityKind.PREFECTURE:
            return self.name
        return f"{self.prefecture.name}{self.name}"

    @property
    def block(self):
        return self.prefecture.block

    @property
    def code5(self):
        """The 5-digit form of the code (without the check digit)."""
        return self.lg_code[:5]

    def kind_on(self, day):
        """The kind in force on ``day`` (see taxonomy.kinds); reads the
        prefetched ``kind_changes`` when a list view prefetched them."""
        return kinds.kind_on(self.kind, [change.as_change() for change in self.kind_changes.all()], day)


def directory_entries():
    """Every body as a taxonomy.lookup.Entry, in one query."""
    from .lookup import Entry, Place

    labels = dict(MunicipalityKind.choices)
    rows = Municipality.objects.values_list(
        "pk", "name", "kana", "lg_code", "kind", "prefecture__code", "prefecture__name", "prefecture__block__name"
    )
    places = {}
    return [
        Entry(pk, name, kana, lg_code, kind, labels[kind], places.setdefault(code, Place(code, prefecture, block)))
        for pk, name, kana, lg_code, kind, code, prefecture, block in rows
    ]


class MunicipalityKindChange(models.Model):
    """A dated change of 団体区分 (a move to 中核市, 市制施行), from the
    project's list taxonomy/data/city_status.json."""

    municipality = models.ForeignKey(
        Municipality, verbose_name="市区町村", on_delete=models.CASCADE, related_name="kind_changes"
    )
    date = models.DateField("移行日")
    before = models.CharField("移行前の区分", max_length=20, choices=MunicipalityKind.choices)
    after = models.CharField("移行後の区分", max_length=20, choices=MunicipalityKind.choices)
    note = models.CharField("備考", max_length=100, blank=True)

    class Meta:
        ordering = ["municipality", "date"]
        constraints = [models.UniqueConstraint(fields=["municipality", "date"], name="one_kind_change_per_day")]
        verbose_name = "団体区分の移行"
        verbose_name_plural = "団体区分の移行"

    def __str__(self):
        day = self.date
        return f"{self.municipality}: {self.get_before_display()}→{self.get_after_display()}（{day.year}年{day.month}月{day.day}日）"

    def as_change(self):
        return kinds.KindChange(self.date, self.before, self.after)
