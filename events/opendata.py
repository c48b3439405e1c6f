"""Seminars as open data: the CSV/JSON dataset and the API endpoint."""

from opendata.api import SnippetAPIViewSet, plain
from opendata.api import labels as api_labels
from opendata.datasets import Column, Dataset, iso, labels, rows_modified

from .models import Seminar


def _seminar_rows():
    return Seminar.objects.public().chronological().select_related("prefecture", "block").prefetch_related("fields")


def _seminar_modified():
    return rows_modified(Seminar.objects.public())


SEMINAR_COLUMNS = (
    Column("id", "セミナーの識別子（スラッグ）", "文字列", lambda r, c: r.slug),
    Column("url", "セミナーページのURL", "URL", lambda r, c: c.routed_url(r)),
    Column("title", "名称", "文字列", lambda r, c: r.title),
    Column("kind", "種類", "文字列", lambda r, c: r.get_kind_display()),
    Column("start_date", "開始日", "日付（ISO 8601）", lambda r, c: iso(r.start_date)),
    Column("end_date", "終了日（複数日のとき）", "日付（ISO 8601）", lambda r, c: iso(r.end_date)),
    Column("start_time", "開始時刻（日本時間、空欄は終日）", "時刻（HH:MM:SS）", lambda r, c: iso(r.start_time)),
    Column("end_time", "終了時刻（日本時間）", "時刻（HH:MM:SS）", lambda r, c: iso(r.end_time)),
    Column("venue", "会場", "文字列", lambda r, c: r.venue),
    Column("city", "市区町村", "文字列", lambda r, c: r.city),
    Column("prefecture", "都道府県", "文字列", lambda r, c: r.prefecture.name if r.prefecture else ""),
    Column("block", "地域ブロック", "文字列", lambda r, c: r.block.name if r.block else ""),
    Column("organiser", "主催", "文字列", lambda r, c: r.organiser),
    Column("status", "開催状況（予定・開催済・中止・延期）", "文字列", lambda r, c: r.progress_label()),
    Column("status_reason", "中止・延期の理由", "文字列", lambda r, c: r.status_reason),
    Column("fee", "参加費", "文字列", lambda r, c: r.fee),
    Column("capacity", "定員（人）", "整数", lambda r, c: r.capacity),
    Column("registration_url", "申込みページ", "URL", lambda r, c: r.registration_url),
    Column("fields", "テーマ（分野）", "文字列のリスト", lambda r, c: labels(r, "fields")),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: iso(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


DATASETS = (
    Dataset(
        "seminars",
        "セミナー・説明会",
        "ICT・IoTの地域実装に関するセミナー・説明会の日程、会場、開催状況。",
        ("セミナー", "説明会", "イベント"),
        SEMINAR_COLUMNS,
        _seminar_rows,
        _seminar_modified,
    ),
)


class SeminarsAPIViewSet(SnippetAPIViewSet):
    name = "seminars"
    extra_fields = [
        "title",
        "slug",
        plain("kind", "get_kind_display"),
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "venue",
        "city",
        plain("prefecture", "prefecture.name"),
        "organiser",
        plain("status", "progress_label"),
        "status_reason",
        "fee",
        "capacity",
        "registration_url",
        api_labels("fields"),
        plain("html_url", "url"),
        "source",
    ]
    listing_default_fields = ["id", "type", "detail_url", "title", "start_date", "status"]

    model = Seminar

    def get_queryset(self):
        return (
            self.model.objects.public()
            .select_related("prefecture")
            .prefetch_related("fields")
            .order_by("start_date", "id")
        )


API_VIEWSETS = (SeminarsAPIViewSet,)
