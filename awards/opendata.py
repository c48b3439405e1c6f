"""Award results as open data: the CSV/JSON dataset and the API endpoint."""

from opendata.api import SnippetAPIViewSet, plain
from opendata.api import labels as api_labels
from opendata.datasets import Column, Dataset, labels, rows_modified

from .models import Award, AwardResult


def _award_result_rows():
    return (
        AwardResult.objects.filter(award__live=True)
        .select_related("award", "case")
        .prefetch_related("municipalities__prefecture")
        .order_by("award__fiscal_year", "award__period_end", "award_id", "sort_order", "pk")
    )


def _award_modified():
    return rows_modified(Award.objects.public())


def _case_url(result, context):
    return context.page_url(result.case) if result.case_id and result.case.live else None


AWARD_COLUMNS = (
    Column("id", "受賞結果の識別子", "整数", lambda r, c: r.pk),
    Column("award", "表彰（回）の名称", "文字列", lambda r, c: r.award.name),
    Column("award_slug", "表彰（回）の識別子", "文字列", lambda r, c: r.award.slug),
    Column("fiscal_year", "回の年度（西暦、複数年度の一覧では空欄）", "整数", lambda r, c: r.award.fiscal_year),
    Column("period", "対象年度", "文字列", lambda r, c: r.award.period_label),
    Column("tier", "賞", "文字列", lambda r, c: r.tier_label),
    Column("case_title", "事例名称（表彰時の表記）", "文字列", lambda r, c: r.case_title),
    Column("winners", "受賞団体", "文字列", lambda r, c: r.winners),
    Column("municipalities", "主な提供地域（市区町村）", "文字列のリスト", lambda r, c: labels(r, "municipalities")),
    Column("case_url", "事例ページのURL（ある場合）", "URL", _case_url),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.award.source),
)


DATASETS = (
    Dataset(
        "award-results",
        "ICT地域活性化大賞等の受賞結果",
        "地域情報化大賞・ICT地域活性化大賞の回ごとの受賞結果。",
        ("表彰", "ICT地域活性化大賞", "地域情報化大賞"),
        AWARD_COLUMNS,
        _award_result_rows,
        _award_modified,
    ),
)


class AwardResultsAPIViewSet(SnippetAPIViewSet):
    name = "award-results"
    model = AwardResult
    extra_fields = [
        plain("award", "award.name"),
        plain("award_slug", "award.slug"),
        plain("fiscal_year", "award.fiscal_year"),
        plain("period", "award.period_label"),
        plain("tier", "tier_label"),
        "case_title",
        "winners",
        api_labels("municipalities"),
        plain("case_id", "case_id"),
    ]
    listing_default_fields = ["id", "type", "detail_url", "award", "tier", "case_title", "winners"]

    def get_queryset(self):
        return (
            AwardResult.objects.filter(award__live=True)
            .select_related("award")
            .prefetch_related("municipalities")
            .order_by("id")
        )


API_VIEWSETS = (AwardResultsAPIViewSet,)
