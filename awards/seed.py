"""The award archive page, and award editions and results from
seedcontent/data/awards.json, compared
with what is stored and published as a new revision only on a difference.

Results whose edition the documents do not give ("edition": null, the
過去の総務大臣賞 listed together for 2014–2016) go into one compilation over
the years of the editions that have no results of their own, instead of
being assigned to a guessed edition. "edition_candidates" is not read."""

from cases.models import CaseStudyPage
from provenance.documents import source_note
from seedcontent.sync import ensure_page, ensure_snippet, optional_date, read, site_root
from taxonomy.models import Municipality

from .models import Award, AwardArchivePage, AwardKind, AwardResult

COMPILATION_SLUG = "ict-award-past-grand"
COMPILATION_NAME = "総務大臣賞"


def _quotes(*items):
    """An award shows the quotes of its edition and of its results together."""
    return [quote for item in items for quote in item.get("quotes", [])]


def edition_values(item, results=()):
    return {
        "kind": AwardKind.EDITION,
        "name": item["name"],
        "fiscal_year": item["fiscal_year"],
        "period_start": None,
        "period_end": None,
        "entries": item.get("entries"),
        "ceremony_date": optional_date(item.get("ceremony_date")),
        "summary": item.get("summary") or "",
        "source": source_note(item.get("source")),
        "quotes": _quotes(item, *results),
    }


def compilation_values(editions_without_results, results):
    years = [item["fiscal_year"] for item in editions_without_results]
    names = "、".join(item["name"] for item in editions_without_results)
    return {
        "kind": AwardKind.COMPILATION,
        "name": COMPILATION_NAME,
        "fiscal_year": None,
        "period_start": min(years),
        "period_end": max(years),
        "entries": None,
        "ceremony_date": None,
        "summary": (
            f"{names}の総務大臣賞。資料はこれらの受賞事例をまとめて掲げており、"
            "どの回の受賞かの内訳を記載していないため、回ごとに分けずに掲載しています。"
        ),
        "source": source_note(editions_without_results[0].get("source")),
        "quotes": _quotes(*results),
    }


def result_row(item, cases, municipalities):
    return {
        "tier": item["tier"],
        "special_name": item.get("special_name") or "",
        "case_title": item["case_title"],
        "winners": item["winners"],
        "case": cases.get(item.get("case") or ""),
        "sort_order": item["sort_order"],
        # A many-to-many relation keeps no order, so it is compared as a set.
        "municipalities": {municipalities[(m["prefecture"], m["name"])] for m in item.get("municipalities", [])},
    }


def _stored_row(result):
    return {
        "tier": result.tier,
        "special_name": result.special_name,
        "case_title": result.case_title,
        "winners": result.winners,
        "case": result.case,
        "sort_order": result.sort_order,
        "municipalities": set(result.municipalities.all()),
    }


def sync_results(award, rows, report):
    """Replace the inline results when any differs, in one published revision."""
    award = award.get_latest_revision_as_object()
    if [_stored_row(r) for r in award.results.all()] == rows:
        return
    results = []
    for row in rows:
        values = {k: v for k, v in row.items() if k != "municipalities"}
        result = AwardResult(**values)
        result.municipalities.set(row["municipalities"])
        results.append(result)
    award.results = results
    award.save_revision().publish()
    report.count("受賞結果", created=False)


def load(report):
    ensure_page(
        site_root(),
        AwardArchivePage,
        "awards",
        {
            "title": "ICT地域活性化大賞",
            "intro": "ICTを活用して地域を活性化した優れた取組を表彰するICT地域活性化大賞（2014・2015年度は地域情報化大賞）の受賞結果です。",
        },
        report,
        "表彰ページ",
    )
    load_awards(report)


def load_awards(report):
    data = read("awards.json")
    cases = {page.slug: page for page in CaseStudyPage.objects.all()}
    municipalities = {(m.prefecture.code, m.name): m for m in Municipality.objects.select_related("prefecture")}
    rows_by_edition, results_by_edition = {}, {}
    for item in data["results"]:
        rows_by_edition.setdefault(item["edition"], []).append(result_row(item, cases, municipalities))
        results_by_edition.setdefault(item["edition"], []).append(item)

    awards = {}
    for item in data["editions"]:
        values = edition_values(item, results_by_edition.get(item["slug"], []))
        award = ensure_snippet(Award, {"slug": item["slug"]}, values, report, "表彰（回）")
        sync_results(award, rows_by_edition.get(item["slug"], []), report)
        awards[item["slug"]] = award

    undated = rows_by_edition.get(None)
    if undated:
        editions_without_results = [item for item in data["editions"] if item["slug"] not in rows_by_edition]
        values = compilation_values(editions_without_results, results_by_edition[None])
        compilation = ensure_snippet(Award, {"slug": COMPILATION_SLUG}, values, report, "表彰（複数年度の受賞一覧）")
        sync_results(compilation, undated, report)
        awards[COMPILATION_SLUG] = compilation
    return awards
