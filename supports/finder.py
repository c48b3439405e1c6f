"""The support-program finder: who is asking, which programs apply, and how much.

The views only choose a format: everything they show comes from `run_finder`,
which reads the query string through FinderForm, runs the evaluator over the
live programs and picks similar cases.  The number of queries is fixed
(vocabulary, programs, similar cases) however many programs or cases exist.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch, Q

import clock
from cases.models import CaseMunicipality, CaseStudyPage
from taxonomy.kinds import REFERENCE_DATE, fiscal_year_start
from taxonomy.models import Field, Municipality, MunicipalityKind, directory_entries

from .eligibility import (
    APPLICANT_KIND_LABELS,
    DISADVANTAGED_LABELS,
    LOCAL_GOVERNMENT_KINDS,
    METHOD_LABELS,
    STATUS_LABELS,
    Applicant,
    OptionAmount,
    describe_option,
    evaluate,
    small_municipality_of,
)
from .forms import SORT_BURDEN, YEARS_ALL, FinderForm
from .funding_display import CAVEAT, FundingTable, funding_table
from .models import FinancingLink, SupportKind, SupportProgramPage
from .money import format_decimal, format_yen

UNKNOWN = "unknown"
STATUS_ORDER = (*STATUS_LABELS, UNKNOWN)
RESULT_LABELS = {**STATUS_LABELS, UNKNOWN: "判定できません"}
# Programs whose documents name no eligible bodies are kept in view rather
# than dropped: "not judged" is not "not eligible", and a town should still
# learn that they exist.
GROUP_HEADINGS = {**STATUS_LABELS, UNKNOWN: "対象の判定に必要な情報が資料にない支援策"}
NO_RULES_REASON = "資料に対象となる団体や条件の記載がないため、判定できません"
BROKEN_RULES_REASON = "登録されている条件の形式に誤りがあるため、判定できません（管理者にお知らせください）"

CSV_HEADER = (
    "支援策",
    "年度",
    "判定",
    "理由",
    "方式ごとの支援額",
    "最適な方式",
    "URL",
    "財源の組み方（実質負担の最も少ないもの）",
    "国庫補助額（円）",
    "地方債（円）",
    "一般財源等（円）",
    "うち交付税措置（円）",
    "実質負担額（円）",
    "実質負担の割合",
    "ほかの財源の組み方",
    "財源の注記",
)
KIND_REFERENCE = (
    f"団体区分は{REFERENCE_DATE.year}年{REFERENCE_DATE.month}月{REFERENCE_DATE.day}日時点"
    "（総務省の中核市・施行時特例市の一覧による）"
)
# Programs with subsidies paid as money: the ones whose local share a bond can finance.
_SUBSIDY_METHODS = frozenset({"rate", "fixed"})


@dataclass(frozen=True)
class FinderData:
    """Everything the form and the evaluation need, loaded once per request."""

    municipalities: list
    fields: list
    programs: list
    routes: dict = field(default_factory=dict)  # program pk → [Route]

    @property
    def prerequisites(self) -> list[str]:
        seen = {}
        for program in self.programs:
            for rule in program.rule_dicts():
                for prerequisite in rule["prerequisites"]:
                    seen.setdefault(prerequisite, None)
        return list(seen)


def load_finder_data() -> FinderData:
    return FinderData(
        municipalities=directory_entries(),
        fields=list(Field.objects.all()),
        programs=list(
            SupportProgramPage.objects.live().public().order_by("-fiscal_year", "path").prefetch_related("fields")
        ),
        routes=routes_by_program(),
    )


def live_links(program=None):
    links = FinancingLink.objects.filter(measure__live=True).select_related("measure").order_by("sort_order", "pk")
    if program is None:
        return links
    # A program still being created (a preview) has no measures linked yet.
    return links.filter(program=program) if program.pk else links.none()


def routes_by_program(links=None) -> dict:
    """Published measures' routes per program (one query when ``links`` is not given)."""
    routes = {}
    for link in live_links() if links is None else links:
        try:
            route = link.route_value()
        except ValueError:
            # An inconsistent measure (a 措置 linked as 補助裏) must not take
            # the finder down; the admin form is where it gets fixed.
            continue
        routes.setdefault(link.program_id, []).append(route)
    return routes


@dataclass(frozen=True)
class FinderQuery:
    """A valid finder input, normalised."""

    applicant: Applicant
    municipality: Municipality | None = None
    cost_yen: int | None = None
    fields: tuple = ()
    support_kinds: tuple[str, ...] = ()
    include_past: bool = True
    sort: str = ""
    kind_from_municipality: bool = False

    @classmethod
    def from_cleaned_data(cls, data) -> FinderQuery:
        return cls(
            applicant=Applicant(
                kind=data["applicant_kind"],
                disadvantaged=frozenset(data["disadvantaged"]),
                fiscal_index=data["fiscal_index"],
                small_municipality=data["small_municipality"],
                completed_prerequisites=frozenset(data["prerequisites"]),
            ),
            municipality=data["municipality"],
            cost_yen=data["cost"],
            fields=tuple(data["field"]),
            support_kinds=tuple(data["support_kind"]),
            include_past=data["years"] == YEARS_ALL,
            sort=data["sort"],
            kind_from_municipality=data.get("kind_from_municipality", False),
        )

    def applicant_for(self, program) -> tuple[Applicant, str]:
        """The applicant as it stood on 1 April of the program's fiscal year,
        and a note when its kind then differs from the reference day's. A kind
        the user chose is used as given."""
        if not self.kind_from_municipality:
            return self.applicant, ""
        day = fiscal_year_start(program.fiscal_year)
        kind = self.municipality.kind_on(day)
        if kind == self.applicant.kind:
            return self.applicant, ""
        note = (
            f"{program.fiscal_year}年度は、{day.year}年4月1日時点の区分「{MunicipalityKind(kind).label}」で判定しました"
            f"（{REFERENCE_DATE.year}年4月1日時点は{MunicipalityKind(self.applicant.kind).label}）"
        )
        return replace(self.applicant, kind=kind), note

    @property
    def subject(self) -> str:
        return str(self.municipality) if self.municipality else APPLICANT_KIND_LABELS[self.applicant.kind]

    @property
    def cost_display(self) -> str:
        return "" if self.cost_yen is None else format_yen(self.cost_yen)

    @property
    def block(self):
        return self.municipality.prefecture.block if self.municipality else None

    def wants(self, program, today: datetime.date) -> bool:
        if self.support_kinds and program.support_kind not in self.support_kinds:
            return False
        if self.fields and not {f.pk for f in program.fields.all()} & {f.pk for f in self.fields}:
            return False
        return self.include_past or program.fiscal_year >= clock.fiscal_year_of(today)

    def summary(self) -> list[tuple[str, str]]:
        """The input as the page restates it, so a printout says whom it was for."""
        applicant = self.applicant
        items = []
        municipality = self.municipality
        if municipality:
            items.append(("市区町村・都道府県", str(municipality)))
            items.append(("地方公共団体コード", municipality.lg_code))
            items.append(("地域ブロック", municipality.prefecture.block.name))
        kind = APPLICANT_KIND_LABELS[applicant.kind]
        if self.kind_from_municipality:
            kind += (
                f"（{municipality}の区分から設定。{KIND_REFERENCE}。各支援策はその年度の4月1日時点の区分で判定します。"
                "違う場合は「団体の種類」で選び直してください）"
            )
        items.append(("団体の種類", kind))
        items.append(("条件不利地域", _labels(applicant.disadvantaged, DISADVANTAGED_LABELS) or "該当なし"))
        items.append(
            ("財政力指数", format_decimal(applicant.fiscal_index) if applicant.fiscal_index is not None else "未入力")
        )
        small = small_municipality_of(applicant)
        if applicant.kind in LOCAL_GOVERNMENT_KINDS:
            items.append(("小規模地方公共団体", {True: "該当", False: "非該当", None: "不明"}[small]))
        items.append(("事業費", self.cost_display or "未入力"))
        items.append(("完了済みの前提条件", "、".join(sorted(applicant.completed_prerequisites)) or "なし"))
        if self.fields:
            items.append(("分野", "、".join(f.name for f in self.fields)))
        if self.support_kinds:
            items.append(("支援の種類", "、".join(SupportKind(kind).label for kind in self.support_kinds)))
        items.append(("対象の年度", "過去の年度を含む" if self.include_past else "今年度以降のみ"))
        if self.sort == SORT_BURDEN:
            items.append(("並び順", "実質負担の少ない順"))
        return items

    def as_dict(self) -> dict:
        applicant, municipality = self.applicant, self.municipality
        return {
            "municipality": None
            if municipality is None
            else {
                "id": municipality.pk,
                "code": municipality.lg_code,
                "name": municipality.name,
                "prefecture": municipality.prefecture.name,
                "block": municipality.prefecture.block.name,
                "kind": municipality.kind,
                "kind_reference_date": REFERENCE_DATE.isoformat(),
            },
            "kind_from_municipality": self.kind_from_municipality,
            "applicant_kind": applicant.kind,
            "applicant_kind_label": APPLICANT_KIND_LABELS[applicant.kind],
            "disadvantaged": [key for key in DISADVANTAGED_LABELS if key in applicant.disadvantaged],
            "fiscal_index": None if applicant.fiscal_index is None else format_decimal(applicant.fiscal_index),
            "small_municipality": small_municipality_of(applicant),
            "completed_prerequisites": sorted(applicant.completed_prerequisites),
            "cost_yen": self.cost_yen,
            "cost_display": self.cost_display or None,
            "fields": [f.slug for f in self.fields],
            "support_kinds": list(self.support_kinds),
            "include_past_fiscal_years": self.include_past,
            "sort": self.sort or None,
        }


def _labels(keys, labels) -> str:
    return "・".join(label for key, label in labels.items() if key in keys)


@dataclass(frozen=True)
class AmountRow:
    """One way of being paid, with what it comes to for the planned cost."""

    method: str
    label: str
    amount_yen: int | None
    capped: bool
    best: bool
    note: str = ""

    @property
    def amount_display(self) -> str:
        if self.method == "none":
            return METHOD_LABELS["none"]
        return "" if self.amount_yen is None else format_yen(self.amount_yen)

    def as_dict(self) -> dict:
        return {
            "method": self.method,
            "label": self.label,
            "amount_yen": self.amount_yen,
            "amount_display": self.amount_display,
            "capped": self.capped,
            "best": self.best,
            "note": self.note,
        }

    @property
    def capped_note(self) -> str:
        if not self.capped:
            return ""
        # 特別交付税 caps the eligible cost, not the measure itself.
        return "対象経費の上限を適用" if self.method == "special_tax" else "上限額"

    def as_text(self) -> str:
        amount = self.amount_display if self.method != "none" else ""
        capped = f"（{self.capped_note}）" if self.capped else ""
        return f"{self.label}：{amount}{capped}" if amount else self.label


def _amount_rows(evaluation) -> tuple[AmountRow, ...]:
    """Every option of the applied rule; amounts only when a cost was given.
    All options reaching the best amount are marked, so a tie reads as one."""
    if evaluation.rule is None:
        return ()
    amounts = evaluation.amounts or tuple(OptionAmount(option, None) for option in evaluation.rule.options)
    best = evaluation.best.amount if evaluation.best else None
    return tuple(
        AmountRow(
            method=amount.option.method,
            label=describe_option(amount.option),
            amount_yen=amount.amount,
            capped=amount.capped,
            best=best is not None and amount.amount == best,
            # "none" options already read as their note.
            note="" if amount.option.method == "none" else amount.option.note,
        )
        for amount in amounts
    )


@dataclass(frozen=True)
class SimilarCase:
    case: CaseStudyPage
    places: tuple[str, ...]
    matches: tuple[str, ...]


@dataclass
class ProgramResult:
    program: SupportProgramPage
    status: str
    reasons: tuple[str, ...]
    schedule: str = ""
    applicant_kind: str = ""
    rule_label: str = ""
    rule_note: str = ""
    amounts: tuple[AmountRow, ...] = ()
    alternatives: tuple[ProgramResult, ...] = ()
    similar_cases: list[SimilarCase] = field(default_factory=list)
    funding: FundingTable | None = None

    @property
    def status_label(self) -> str:
        return RESULT_LABELS[self.status]

    @property
    def best(self) -> AmountRow | None:
        return next((row for row in self.amounts if row.best), None)

    @property
    def monetary(self) -> bool:
        return any(row.method != "none" for row in self.amounts)

    @property
    def has_choice(self) -> bool:
        """Whether naming a best option tells the reader anything."""
        return sum(row.amount_yen is not None for row in self.amounts) > 1

    def as_dict(self, url_for) -> dict:
        """``url_for`` turns a page into the absolute URL other systems need."""
        best = self.best
        return {
            "program": self.program.title,
            "slug": self.program.slug,
            "url": url_for(self.program),
            "fiscal_year": self.program.fiscal_year,
            "applicant_kind": self.applicant_kind,
            "schedule": self.schedule,
            "status": self.status,
            "status_label": self.status_label,
            "rule": self.rule_label or None,
            "rule_note": self.rule_note,
            "reasons": list(self.reasons),
            "amounts": [row.as_dict() for row in self.amounts],
            "best": best.as_dict() if best else None,
            "alternatives": [
                {
                    "rule": alternative.rule_label,
                    "status": alternative.status,
                    "status_label": alternative.status_label,
                    "reasons": list(alternative.reasons),
                    "amounts": [row.as_dict() for row in alternative.amounts],
                }
                for alternative in self.alternatives
            ],
            "similar_cases": [
                {
                    "title": similar.case.title,
                    "url": url_for(similar.case),
                    "places": list(similar.places),
                    "matches": list(similar.matches),
                }
                for similar in self.similar_cases
            ],
            "funding": self.funding.as_dict() if self.funding else None,
        }

    def csv_row(self, url_for) -> list[str]:
        best = self.best
        return [
            self.program.title,
            self.program.fiscal_year_label,
            self.status_label,
            "／".join(self.reasons),
            "／".join(row.as_text() for row in self.amounts),
            best.as_text() if best else "",
            url_for(self.program),
            *self._funding_cells(),
        ]

    def _funding_cells(self) -> list:
        lead = self.funding.best if self.funding else None
        if lead is None:
            return [""] * (len(CSV_HEADER) - 7)
        figures = lead.figures()
        others = [row.as_text() for row in self.funding.rows if row is not lead]
        return [
            lead.label,
            *(
                str(figures[key])
                for key in ("subsidy_yen", "bond_yen", "cash_yen", "allocation_yen", "real_burden_yen")
            ),
            lead.real_share,
            "／".join(others),
            "／".join([*lead.notes, CAVEAT]),
        ]


def _result(program, evaluation, schedule="") -> ProgramResult:
    return ProgramResult(
        program=program,
        status=evaluation.status,
        reasons=evaluation.reasons,
        schedule=schedule,
        rule_label=evaluation.rule.label if evaluation.rule else "",
        rule_note=evaluation.rule.note if evaluation.rule else "",
        amounts=_amount_rows(evaluation),
        alternatives=tuple(_result(program, alternative) for alternative in evaluation.alternatives),
    )


def evaluate_program(program, query: FinderQuery, today: datetime.date, routes=None) -> ProgramResult:
    schedule = schedule_label(program, today)
    routes = routes or {}
    applicant, kind_note = query.applicant_for(program)
    notes = (kind_note,) if kind_note else ()
    try:
        rules = program.rule_objects()
    except ValueError:
        # The rule blocks do not yet refuse every inconsistent combination
        # (e.g. 補助率 chosen without a rate); one bad page must not take the
        # finder down for everyone.
        return ProgramResult(program, UNKNOWN, (*notes, BROKEN_RULES_REASON), schedule, applicant.kind)
    if not rules:
        return ProgramResult(program, UNKNOWN, (*notes, NO_RULES_REASON), schedule, applicant.kind)
    evaluation = evaluate(applicant, rules, query.cost_yen)
    result = _result(program, evaluation, schedule)
    result.reasons = (*notes, *result.reasons)
    result.applicant_kind = applicant.kind
    result.funding = program_funding(evaluation, applicant, query.cost_yen, routes.get(program.pk, ()))
    return result


def program_funding(evaluation, applicant, cost_yen, routes) -> FundingTable | None:
    """財源の内訳 for a program the body may use, when a cost is known.

    The subsidy is the evaluation's best paid amount; a program that pays
    nothing as a subsidy (a 措置, advice) is planned only through its routes."""
    if cost_yen is None or evaluation.status == "ineligible" or not routes:
        return None
    best = evaluation.best
    paid = best is not None and best.option.method in _SUBSIDY_METHODS and best.amount is not None
    return funding_table(applicant, cost_yen, best.amount if paid else None, list(routes), evaluation.status)


def schedule_label(program, today: datetime.date) -> str:
    """Where the program stands in time; the seeded programs are years old."""
    if program.application_open and program.application_close:
        if program.is_open(today):
            return "募集中"
        return "募集終了" if today > program.application_close else "募集前"
    if program.fiscal_year < clock.fiscal_year_of(today):
        return "過去の年度（募集期間の記載なし）"
    return "募集期間の記載なし"


def attach_similar_cases(results: list[ProgramResult], query: FinderQuery) -> None:
    """Cases that used each program in a body like the applicant: the same kind
    of local government, or the same 地域ブロック.  One query for all programs."""
    kind = query.applicant.kind if query.applicant.kind in LOCAL_GOVERNMENT_KINDS else None
    block = query.block
    if not results or not (kind or block):
        return
    similar = Q()
    if kind:
        similar |= Q(municipality_links__municipality__kind=kind)
    if block:
        similar |= Q(municipality_links__municipality__prefecture__block=block)
    by_program = {result.program.pk: result for result in results}
    cases = (
        CaseStudyPage.objects.live()
        .public()
        .filter(program_links__program__in=list(by_program))
        .filter(similar)
        .distinct()
        .order_by("title", "pk")
        .prefetch_related(
            "program_links",
            Prefetch(
                "municipality_links",
                queryset=CaseMunicipality.objects.select_related("municipality__prefecture__block"),
            ),
        )
    )
    kind_label = APPLICANT_KIND_LABELS[kind] if kind else ""
    for case in cases:
        municipalities = [link.municipality for link in case.municipality_links.all()]
        matches = []
        if kind and any(m.kind == kind for m in municipalities):
            matches.append(f"同じ{kind_label}")
        if block and any(m.prefecture.block_id == block.pk for m in municipalities):
            matches.append(f"同じ{block.name}ブロック")
        entry = SimilarCase(case, tuple(str(m) for m in municipalities), tuple(matches))
        for program_id in {link.program_id for link in case.program_links.all()}:
            if program_id in by_program:
                by_program[program_id].similar_cases.append(entry)


def group_results(results: list[ProgramResult]) -> list[dict]:
    groups = {status: [] for status in STATUS_ORDER}
    for result in results:
        groups[result.status].append(result)
    return [{"status": status, "heading": GROUP_HEADINGS[status], "results": groups[status]} for status in STATUS_ORDER]


@dataclass
class FinderOutcome:
    """What one request to the finder produced, whatever the output format."""

    form: FinderForm
    query: FinderQuery | None = None
    results: list[ProgramResult] = field(default_factory=list)
    hidden_past: int = 0

    @property
    def submitted(self) -> bool:
        return self.form.is_bound

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: list(messages) for name, messages in self.form.errors.items()}

    @property
    def groups(self) -> list[dict]:
        return group_results(self.results)

    @property
    def grouped_results(self) -> list[ProgramResult]:
        """Results in the order the page shows them: 対象 first."""
        return [result for group in self.groups for result in group["results"]]


def _csv_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; titles are
    editor input, so such cells are quoted as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(results: list[ProgramResult], url_for):
    yield list(CSV_HEADER)
    for result in results:
        yield [_csv_cell(cell) for cell in result.csv_row(url_for)]


def run_finder(params, today: datetime.date | None = None) -> FinderOutcome:
    """``params`` is the query string, or None for a form not yet filled in."""
    today = today or clock.today()
    data = load_finder_data()
    form = FinderForm(params, municipalities=data.municipalities, fields=data.fields, prerequisites=data.prerequisites)
    if params is None or not form.is_valid():
        return FinderOutcome(form)
    query = FinderQuery.from_cleaned_data(form.cleaned_data)
    wanted = [program for program in data.programs if query.wants(program, today)]
    with_past = replace(query, include_past=True)
    hidden_past = sum(with_past.wants(program, today) for program in data.programs) - len(wanted)
    results = [evaluate_program(program, query, today, data.routes) for program in wanted]
    if query.sort == SORT_BURDEN:
        # Stable: programs without a plan keep the documents' order, after the others.
        results.sort(key=lambda result: result.funding.sort_key if result.funding else (1, 0))
    attach_similar_cases(results, query)
    return FinderOutcome(form, query, results, hidden_past)
