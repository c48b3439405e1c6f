"""Support programmes as open data: the CSV/JSON dataset and the API endpoint."""

from wagtail.api.v2.views import PagesAPIViewSet

from opendata.api import DeclaredFieldsMixin, plain
from opendata.api import labels as api_labels
from opendata.datasets import JSON_TYPE, Column, Dataset, iso, labels, rows_modified

from .models import SupportProgramPage


def _program_rows():
    return SupportProgramPage.objects.live().public().order_by("path").prefetch_related("fields", "tags")


def _program_modified():
    return rows_modified(SupportProgramPage.objects.live().public())


PROGRAM_COLUMNS = (
    Column("id", "支援策の識別子（ページID）", "整数", lambda r, c: r.pk),
    Column("url", "支援策ページのURL", "URL", lambda r, c: c.page_url(r)),
    Column("title", "支援策名", "文字列", lambda r, c: r.title),
    Column("summary", "概要", "文字列", lambda r, c: r.summary),
    Column("ministry", "所管", "文字列", lambda r, c: r.ministry),
    Column("support_kind", "支援の種類", "文字列", lambda r, c: r.get_support_kind_display()),
    Column("fiscal_year", "支援内容が記述された年度（西暦）", "整数", lambda r, c: r.fiscal_year),
    Column("budget_yen", "予算額（円）", "整数", lambda r, c: r.budget_yen),
    Column("budget_fiscal_year", "予算の年度（西暦）", "整数", lambda r, c: r.budget_fiscal_year),
    Column("budget_note", "予算の注記", "文字列", lambda r, c: r.budget_note),
    Column("eligible_bodies", "対象", "文字列", lambda r, c: r.eligible_bodies),
    Column("conditions", "条件", "文字列", lambda r, c: r.conditions),
    Column("terms", "補助率・上限など（文章）", "文字列", lambda r, c: r.terms),
    Column("rules", "対象区分と支援内容（構造化、支援策を探す機能が使う規則）", JSON_TYPE, lambda r, c: r.rule_dicts()),
    Column("application_open", "募集開始日", "日付（ISO 8601）", lambda r, c: iso(r.application_open)),
    Column("application_close", "募集締切日", "日付（ISO 8601）", lambda r, c: iso(r.application_close)),
    Column("official_url", "公式ページ", "URL", lambda r, c: r.official_url),
    Column("fields", "分野", "文字列のリスト", lambda r, c: labels(r, "fields")),
    Column("tags", "タグ", "文字列のリスト", lambda r, c: labels(r, "tags")),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: iso(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


DATASETS = (
    Dataset(
        "programs",
        "自治体向け支援策",
        "自治体がICT・IoTの導入に活用できる国の支援策（予算、対象、構造化した補助の規則を含む）。",
        ("支援策", "補助金", "地方財政措置", "自治体"),
        PROGRAM_COLUMNS,
        _program_rows,
        _program_modified,
    ),
)


class ProgramsAPIViewSet(DeclaredFieldsMixin, PagesAPIViewSet):
    name = "programs"
    extra_fields = [
        "summary",
        "ministry",
        plain("support_kind", "get_support_kind_display"),
        "fiscal_year",
        "budget_yen",
        "budget_fiscal_year",
        "budget_note",
        "eligible_bodies",
        "conditions",
        "terms",
        plain("rules", "rule_dicts"),
        "application_open",
        "application_close",
        "official_url",
        api_labels("fields"),
        api_labels("tags"),
        "source",
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["summary", "support_kind", "fiscal_year"]

    model = SupportProgramPage

    def get_queryset(self):
        return super().get_queryset().prefetch_related("fields", "tags")


API_VIEWSETS = (ProgramsAPIViewSet,)
