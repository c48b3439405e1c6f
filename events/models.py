import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

import clock
from core.pages import RoutedSnippetMixin, RoutingPageMixin, SectionPage
from provenance.models import QuotedMixin
from search.text import html_text

from . import calendar


class SeminarKind(models.TextChoices):
    SEMINAR = "seminar", "セミナー"
    BRIEFING = "briefing", "自治体向け説明会等"
    WORKSHOP = "workshop", "ワークショップ"
    FORUM = "forum", "フォーラム"
    EXHIBITION = "exhibition", "展示会"
    # Dated events the documents name that are none of the above: a
    # consortium's founding, the nationwide テレワーク・デイ.
    OTHER = "other", "その他の取組"


class SeminarStatus(models.TextChoices):
    """What an editor records. 予定 and 開催済 are not stored: they follow
    from the date, so they can never be out of date."""

    SCHEDULED = "scheduled", "通常（予定／開催済は日付から自動で表示）"
    CANCELLED = "cancelled", "中止"
    POSTPONED = "postponed", "延期"


class Progress(models.TextChoices):
    """The status the public sees, derived from the stored status and today."""

    UPCOMING = "upcoming", "予定"
    HELD = "held", "開催済"
    CANCELLED = "cancelled", "中止"
    POSTPONED = "postponed", "延期"


slug_validator = RegexValidator(
    r"^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$",
    "半角英小文字・数字・ハイフンで、英字を1文字以上含めてください（例：2018-02-06-toyama-seminar）。",
)


class SeminarQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def with_last_date(self):
        """`last_day`: the end date, or the start date of a one-day seminar."""
        return self.annotate(last_day=Coalesce("end_date", "start_date"))

    def upcoming(self, today):
        return self.with_last_date().filter(last_day__gte=today)

    def past(self, today):
        return self.with_last_date().filter(last_day__lt=today)

    def overlapping(self, first, last):
        return self.with_last_date().filter(start_date__lte=last, last_day__gte=first)

    def chronological(self):
        return self.order_by("start_date", models.F("start_time").asc(nulls_first=True), "pk")

    def newest_first(self):
        return self.order_by("-start_date", models.F("start_time").desc(nulls_last=True), "-pk")


class SeminarTag(TaggedItemBase):
    content_object = ParentalKey("events.Seminar", on_delete=models.CASCADE, related_name="tagged_items")


class Seminar(
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
    """A seminar, briefing, workshop, forum or exhibition.

    Dates and times are Japanese wall-clock values; `start` and `end` give
    them as aware Asia/Tokyo datetimes. No time means an all-day event."""

    routing_page_model = "events.SeminarCalendarPage"

    title = models.CharField("名称", max_length=200)
    slug = models.SlugField(
        "スラッグ",
        max_length=80,
        unique=True,
        validators=[slug_validator],
        help_text="URL（/seminars/年/スラッグ/）に使います。公開後は変更しないでください。",
    )
    uid = models.UUIDField("カレンダー用ID", default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("種類", max_length=20, choices=SeminarKind.choices, default=SeminarKind.SEMINAR)
    start_date = models.DateField("開始日")
    end_date = models.DateField("終了日", null=True, blank=True, help_text="複数日にわたる場合だけ入力します。")
    start_time = models.TimeField(
        "開始時刻（日本時間）",
        null=True,
        blank=True,
        help_text="時刻が分からない場合は空欄にします（終日の予定として扱います）。",
    )
    end_time = models.TimeField("終了時刻（日本時間）", null=True, blank=True)
    venue = models.CharField("会場", max_length=200, blank=True)
    city = models.CharField("市区町村", max_length=50, blank=True)
    prefecture = models.ForeignKey(
        "taxonomy.Prefecture",
        verbose_name="都道府県",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seminars",
    )
    block = models.ForeignKey(
        "taxonomy.RegionBlock",
        verbose_name="地域ブロック",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seminars",
        help_text="都道府県を選ぶと自動で設定されます。都道府県が決まらない地域単位の開催のときだけ選びます。",
    )
    organiser = models.CharField("主催", max_length=200, blank=True, help_text="例：東北総合通信局")
    fields = ParentalManyToManyField(
        "taxonomy.Field", verbose_name="テーマ（分野）", blank=True, related_name="seminars"
    )
    tags = ClusterTaggableManager("タグ", through=SeminarTag, blank=True)
    description = RichTextField("内容", blank=True, features=["bold", "link", "ol", "ul"])
    registration_url = models.URLField("申込みページ", blank=True)
    fee = models.CharField("参加費", max_length=50, blank=True, help_text="例：無料、入場無料")
    capacity = models.PositiveIntegerField("定員（人）", null=True, blank=True)
    status = models.CharField("開催状況", max_length=20, choices=SeminarStatus.choices, default=SeminarStatus.SCHEDULED)
    status_reason = models.CharField("中止・延期の理由", max_length=200, blank=True, help_text="例：大雪のため中止")
    source = models.CharField("出典", max_length=300, blank=True, help_text="事実の出典となる資料名")

    objects = SeminarQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("organiser"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("start_date"),
        index.FilterField("live"),
    ]

    content_panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("fee"), FieldPanel("capacity")]),
        FieldPanel("registration_url"),
        FieldPanel("organiser"),
        FieldPanel("source"),
        FieldPanel("quotes"),
        PublishingPanel(),
    ]
    schedule_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="日付"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")], heading="時刻"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("city"), FieldPanel("prefecture"), FieldPanel("block")], heading="会場"
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading="開催状況"),
    ]
    taxonomy_panels = [FieldPanel("fields", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(schedule_panels, heading="日時・会場"),
            ObjectList(taxonomy_panels, heading="分類"),
        ]
    )

    class Meta:
        ordering = ["-start_date", "-start_time", "pk"]
        verbose_name = "セミナー・説明会"
        verbose_name_plural = "セミナー・説明会"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "終了日は開始日より後の日付にしてください。"
        if self.end_time and not self.start_time:
            errors["end_time"] = "終了時刻だけを入力することはできません。開始時刻も入力してください。"
        elif (
            self.start_time and self.end_time and self.last_date == self.start_date and self.end_time <= self.start_time
        ):
            errors["end_time"] = "終了時刻は開始時刻より後にしてください。"
        if self.start_time and not self.end_time and self.end_date and self.end_date != self.start_date:
            errors["end_time"] = "複数日にわたる催しに開始時刻を入れるときは、終了時刻も入れてください。"
        if self.status != SeminarStatus.SCHEDULED and not self.status_reason.strip():
            errors["status_reason"] = "中止・延期のときは理由を入力してください（例：大雪のため中止）。"
        if self.status == SeminarStatus.SCHEDULED and self.status_reason.strip():
            errors["status_reason"] = "理由は中止・延期のときだけ入力します。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The block follows the prefecture, so the two cannot disagree.
        if self.prefecture_id:
            self.block_id = self.prefecture.block_id
        super().save(*args, **kwargs)

    # Dates and times

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def is_all_day(self):
        return self.start_time is None

    @property
    def start(self):
        return calendar.aware(self.start_date, self.start_time or datetime.time(0))

    @property
    def end(self):
        """The aware end, or None when the documents give no end time."""
        return calendar.aware(self.last_date, self.end_time) if self.end_time else None

    @property
    def fiscal_year(self):
        return clock.fiscal_year_of(self.start_date)

    def schedule_label(self):
        return calendar.schedule_label(self.start_date, self.last_date, self.start_time, self.end_time)

    # Status

    def progress(self, today=None):
        if self.status == SeminarStatus.CANCELLED:
            return Progress.CANCELLED
        if self.status == SeminarStatus.POSTPONED:
            return Progress.POSTPONED
        today = today or clock.today()
        return Progress.HELD if self.last_date < today else Progress.UPCOMING

    def progress_label(self, today=None):
        return Progress(self.progress(today)).label

    def is_called_off(self):
        return self.status != SeminarStatus.SCHEDULED

    # Place

    def place_label(self):
        """'富山県富山市', 'いわて県民情報交流センター（アイーナ）（岩手県）'."""
        area = f"{self.prefecture.name if self.prefecture else ''}{self.city}"
        if self.venue:
            return f"{self.venue}（{area}）" if area else self.venue
        return area or (f"{self.block.name}地域" if self.block else "")

    def description_text(self):
        return html_text(self.description)

    def meta_description(self):
        return " ".join(filter(None, [self.schedule_label(), self.place_label(), self.description_text()]))

    # URLs

    def path_under(self, calendar_url):
        return f"{calendar_url}{self.start_date.year}/{self.slug}/"

    # Preview

    def get_preview_template(self, request, mode_name):
        return "events/seminar_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        context = super().get_preview_context(request, mode_name)
        context.update(detail_context(self.routing_page(), request, self))
        return context


class SeminarCalendarPage(RoutingPageMixin, RoutablePageMixin, SectionPage):
    """セミナー・説明会: list, month calendar and each seminar's own page,
    all drawn from the Seminar snippets."""

    subpage_types = []
    routed_model = "events.Seminar"

    class Meta:
        verbose_name = "セミナー・説明会カレンダー"

    # Each route hands over to a view function (imported late: the views
    # read these models); the page only maps URLs.

    @re_path(r"^$", name="list")
    def list_view(self, request):
        from . import views

        return views.seminar_list(self, request)

    @re_path(r"^calendar/$", name="calendar")
    def calendar_view(self, request):
        from . import views

        return views.month_jump(self, request)

    @re_path(r"^(?P<year>\d{4})/$", name="year")
    def year_view(self, request, year):
        from . import views

        return views.year_redirect(self, request, year)

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="month")
    def month_view(self, request, year, month):
        from . import views

        return views.seminar_month(self, request, year, month)

    @re_path(r"^(?P<year>\d{4})/(?P<slug>[-a-z0-9]+)/$", name="seminar")
    def seminar_view(self, request, year, slug):
        from . import views

        return views.seminar_detail(self, request, year, slug)
