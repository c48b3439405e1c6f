"""The open datasets, described as data: each column's key, meaning, type
and how to read it from a row. The downloads, the data dictionary and the
DCAT catalogue all read these descriptions, so a column is added once."""

import json
from dataclasses import dataclass

from django.db.models import Max, Prefetch

LIST_SEPARATOR = ";"
JSON_TYPE = "JSON"
# Rows fetched per round trip; prefetches run once per chunk, so a download
# holds at most this many rows in memory whatever the size of the table.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Column:
    key: str
    meaning: str
    type: str
    read: object  # row, context → value (str, int, bool, date, list or dict)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple
    columns: tuple
    rows: object  # () → iterable of model instances
    modified: object  # () → datetime or None


def _date(value):
    return value.isoformat() if value else None


def _names(items):
    return [item.name for item in items]


def _labels(row, attribute):
    return [item.name for item in getattr(row, attribute).all()]


# Cases


def _case_rows():
    from cases.models import CaseStudyPage

    return (
        CaseStudyPage.objects.live()
        .public()
        .order_by("path")
        .prefetch_related("fields", "tags", "municipality_links__municipality__prefecture", "program_links__program")
    )


def _case_modified():
    from cases.models import CaseStudyPage

    return CaseStudyPage.objects.live().public().aggregate(last=Max("last_published_at"))["last"]


CASE_COLUMNS = (
    Column("id", "事例の識別子（ページID）", "整数", lambda r, c: r.pk),
    Column("url", "事例ページのURL", "URL", lambda r, c: c.page_url(r)),
    Column("title", "事例名", "文字列", lambda r, c: r.title),
    Column("summary", "概要", "文字列", lambda r, c: r.summary),
    Column("challenge", "地域課題", "文字列", lambda r, c: r.challenge),
    Column("implementers", "実施主体", "文字列", lambda r, c: r.implementers),
    Column("fields", "分野", "文字列のリスト", lambda r, c: _labels(r, "fields")),
    Column("prefectures", "都道府県", "文字列のリスト", lambda r, c: _names(r.prefectures())),
    Column("municipalities", "主な地域（市区町村）", "文字列のリスト", lambda r, c: _names(r.municipalities())),
    Column("tags", "タグ", "文字列のリスト", lambda r, c: _labels(r, "tags")),
    Column("year_started", "開始年度（西暦）", "整数", lambda r, c: r.year_started),
    Column("selected_100", "ICT地域活性化事例100選に選ばれたか", "真偽値", lambda r, c: r.selected_100),
    Column("programs", "活用した支援策", "文字列のリスト", lambda r, c: [p.title for p in r.programs()]),
    Column("first_published_at", "初めて公開した日時", "日時（ISO 8601）", lambda r, c: _date(r.first_published_at)),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: _date(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


# Support programs


def _program_rows():
    from supports.models import SupportProgramPage

    return SupportProgramPage.objects.live().public().order_by("path").prefetch_related("fields", "tags")


def _program_modified():
    from supports.models import SupportProgramPage

    return SupportProgramPage.objects.live().public().aggregate(last=Max("last_published_at"))["last"]


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
    Column("application_open", "募集開始日", "日付（ISO 8601）", lambda r, c: _date(r.application_open)),
    Column("application_close", "募集締切日", "日付（ISO 8601）", lambda r, c: _date(r.application_close)),
    Column("official_url", "公式ページ", "URL", lambda r, c: r.official_url),
    Column("fields", "分野", "文字列のリスト", lambda r, c: _labels(r, "fields")),
    Column("tags", "タグ", "文字列のリスト", lambda r, c: _labels(r, "tags")),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: _date(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


# Seminars


def _seminar_rows():
    from events.models import Seminar

    return Seminar.objects.public().chronological().select_related("prefecture", "block").prefetch_related("fields")


def _seminar_modified():
    from events.models import Seminar

    return Seminar.objects.public().aggregate(last=Max("last_published_at"))["last"]


SEMINAR_COLUMNS = (
    Column("id", "セミナーの識別子（スラッグ）", "文字列", lambda r, c: r.slug),
    Column("url", "セミナーページのURL", "URL", lambda r, c: c.absolute(r.path_under(c.calendar_url)) if c.calendar_url else None),
    Column("title", "名称", "文字列", lambda r, c: r.title),
    Column("kind", "種類", "文字列", lambda r, c: r.get_kind_display()),
    Column("start_date", "開始日", "日付（ISO 8601）", lambda r, c: _date(r.start_date)),
    Column("end_date", "終了日（複数日のとき）", "日付（ISO 8601）", lambda r, c: _date(r.end_date)),
    Column("start_time", "開始時刻（日本時間、空欄は終日）", "時刻（HH:MM:SS）", lambda r, c: _date(r.start_time)),
    Column("end_time", "終了時刻（日本時間）", "時刻（HH:MM:SS）", lambda r, c: _date(r.end_time)),
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
    Column("fields", "テーマ（分野）", "文字列のリスト", lambda r, c: _labels(r, "fields")),
    Column("last_published_at", "最後に更新した日時", "日時（ISO 8601）", lambda r, c: _date(r.last_published_at)),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.source),
)


# Award results


def _award_result_rows():
    from awards.models import AwardResult

    return (
        AwardResult.objects.filter(award__live=True)
        .select_related("award", "case")
        .prefetch_related("municipalities__prefecture")
        .order_by("award__fiscal_year", "award__period_end", "award_id", "sort_order", "pk")
    )


def _award_modified():
    from awards.models import Award

    return Award.objects.public().aggregate(last=Max("last_published_at"))["last"]


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
    Column("municipalities", "主な提供地域（市区町村）", "文字列のリスト", lambda r, c: _labels(r, "municipalities")),
    Column("case_url", "事例ページのURL（ある場合）", "URL", _case_url),
    Column("source", "出典（元資料）", "文字列", lambda r, c: r.award.source),
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
    Dataset(
        "programs",
        "自治体向け支援策",
        "自治体がICT・IoTの導入に活用できる国の支援策（予算、対象、構造化した補助の規則を含む）。",
        ("支援策", "補助金", "地方財政措置", "自治体"),
        PROGRAM_COLUMNS,
        _program_rows,
        _program_modified,
    ),
    Dataset(
        "seminars",
        "セミナー・説明会",
        "ICT・IoTの地域実装に関するセミナー・説明会の日程、会場、開催状況。",
        ("セミナー", "説明会", "イベント"),
        SEMINAR_COLUMNS,
        _seminar_rows,
        _seminar_modified,
    ),
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
DATASETS_BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


class RowContext:
    """What column readers need besides the row: absolute URLs and the
    seminar calendar's address, looked up once per download."""

    def __init__(self, request):
        from events.models import SeminarCalendarPage

        self.request = request
        calendar = SeminarCalendarPage.objects.live().public().first()
        self.calendar_url = calendar.get_url(request) if calendar else None

    def page_url(self, page):
        return self.absolute(page.get_url(self.request))

    def absolute(self, path):
        return self.request.build_absolute_uri(path) if path else None


def record(dataset, row, context):
    """One row as a dict of JSON values."""
    return {column.key: column.read(row, context) for column in dataset.columns}


def csv_cell(value, column):
    if column.type == JSON_TYPE:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def iter_rows(dataset):
    return dataset.rows().iterator(chunk_size=CHUNK_SIZE)
