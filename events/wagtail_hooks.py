import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import clock
from taxonomy.models import RegionBlock

from .models import Progress, Seminar, SeminarKind


class SeminarFilterSet(WagtailFilterSet):
    """The status editors ask about is the one the public sees (予定, 開催済,
    中止, 延期), which partly depends on today's date, so it is a filter
    method rather than a field lookup."""

    progress = django_filters.ChoiceFilter(
        label="開催状況",
        choices=Progress.choices,
        method="filter_progress",
        empty_label="すべて",
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label="種類", choices=SeminarKind.choices, empty_label="すべて", widget=forms.RadioSelect
    )
    block = django_filters.ModelChoiceFilter(
        label="地域ブロック", queryset=RegionBlock.objects.all(), empty_label="すべて"
    )
    start_date = django_filters.DateFromToRangeFilter(label="開始日", widget=DateRangePickerWidget)

    class Meta:
        model = Seminar
        fields = ["progress", "kind", "block", "start_date"]

    def filter_progress(self, queryset, name, value):
        today = clock.today()
        if value in (Progress.CANCELLED, Progress.POSTPONED):
            return queryset.filter(status=value)
        called_off = queryset.filter(status__in=[Progress.CANCELLED, Progress.POSTPONED]).values("pk")
        queryset = queryset.exclude(pk__in=called_off)
        return queryset.upcoming(today) if value == Progress.UPCOMING else queryset.past(today)


class SeminarViewSet(SnippetViewSet):
    model = Seminar
    icon = "date"
    menu_label = "セミナー・説明会"
    menu_order = 210
    add_to_admin_menu = True
    list_per_page = 50
    filterset_class = SeminarFilterSet
    ordering = ["-start_date", "-start_time"]
    list_display = [
        "title",
        Column("start_date", label="開始日", sort_key="start_date"),
        Column("kind", label="種類", accessor="get_kind_display"),
        Column("progress_label", label="開催状況"),
        Column("block", label="地域ブロック"),
    ]
    search_fields = ["title", "venue", "city", "organiser", "description"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Seminar.objects.select_related("block")


register_snippet(SeminarViewSet)
