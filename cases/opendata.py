"""Cases as open data: the CSV/JSON dataset and the API endpoint."""

from wagtail.api.v2.views import PagesAPIViewSet

from opendata.api import DeclaredFieldsMixin
from opendata.api import labels as api_labels
from opendata.datasets import Column, Dataset, iso, labels, names, rows_modified

from .models import CaseStudyPage


def _case_rows():
    return (
        CaseStudyPage.objects.live()
        .public()
        .order_by("path")
        .prefetch_related("fields", "tags", "municipality_links__municipality__prefecture", "program_links__program")
    )


def _case_modified():
    return rows_modified(CaseStudyPage.objects.live().public())


CASE_COLUMNS = (
    Column("id", "事例の識別子（ページID）", "整数", lambda r, c: r.pk),
    Column("url", "事例ページのURL", "URL", lambda r, c: c.page_url(r)),
    Column("title", "事例名", "文字列", lambda r, c: r.title),
    Column("summary", "概要", "文字列", lambda r, c: r.summary),
    Column("challenge", "地域課題", "文字列", lambda r, c: r.challenge),
    Column("implementers", "実施主体", "文字列", lambda r, c: r.implementers),
    Column("fields", "分野", "文字列のリスト", lambda r, c: labels(r, "fields")),
    Column("prefectures", "都道府県", "文字列のリスト", lambda r, c: names(r.prefectures())),
    Column("municipalities", "主な地域（市区町村）", "文字列のリスト", lambda r, c: names(r.municipalities())),
    Column("tags", "タグ", "文字列のリスト", lambda r, c: labels(r, "tags")),
    Column("year_started", "開始年度（西暦）", "整数", lambda r, c: r.year_started),
    Column("selected_100", "ICT地域活性化事例100選に選ばれたか", "真偽値", lambda r, c: r.selected_100),
    Column("programs", "活用した支援策", "文字列のリスト", lambda r, c: [p.title for p in r.programs()]),
    Column("first_published_at", "初めて公開した日時", "日時（ISO 8601）", lambda r, c: iso(r.first_published_at)),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: iso(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


DATASETS = (
    Dataset(
        "cases",
        "ICT・IoT地域活性化事例",
        "ICT・IoTを活用した地域活性化の事例（分野、地域、活用した支援策を含む）。",
        ("ICT", "IoT", "地域活性化", "事例"),
        CASE_COLUMNS,
        _case_rows,
        _case_modified,
    ),
)


class CasesAPIViewSet(DeclaredFieldsMixin, PagesAPIViewSet):
    name = "cases"
    extra_fields = [
        "summary",
        "challenge",
        "implementers",
        "year_started",
        "selected_100",
        api_labels("fields"),
        api_labels("tags"),
        api_labels("municipalities"),
        api_labels("prefectures"),
        api_labels("programs", attribute="title"),
        "source",
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["summary", "fields", "prefectures"]

    model = CaseStudyPage

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "fields", "tags", "municipality_links__municipality__prefecture", "program_links__program"
            )
        )


API_VIEWSETS = (CasesAPIViewSet,)
