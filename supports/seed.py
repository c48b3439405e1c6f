"""The support index page, the programs (seedcontent/data/programs.json) and
the financing measures (地方債, 特別交付税措置) that finance them
(financing.json); each published as a new revision only where it differs from
what is stored."""

from provenance.documents import source_note
from seedcontent.sync import (
    ensure_page,
    ensure_snippet,
    optional_date,
    paragraphs_html,
    read,
    site_root,
    sync_relations,
)
from taxonomy.models import Field

from .models import FinancingLink, FinancingMeasure, SupportIndexPage, SupportProgramPage


def load(report):
    support_index = ensure_index(report)
    load_programs(support_index, report)
    load_financing(report)


def ensure_index(report):
    support_index, _ = ensure_page(
        site_root(),
        SupportIndexPage,
        "supports",
        {"title": "支援策", "intro": "自治体などが活用できるICT・IoT関連の国の支援策です。"},
        report,
        "支援策一覧ページ",
    )
    return support_index


def load_programs(support_index, report):
    """The programs of seedcontent/data/programs.json, by slug."""
    fields = {f.slug: f for f in Field.objects.all()}
    programs = {}
    for item in read("programs.json"):
        values = {
            "title": item["title"],
            "summary": item.get("summary", ""),
            "ministry": item.get("ministry") or "総務省",
            "support_kind": item["support_kind"],
            "fiscal_year": item["fiscal_year"],
            "budget_yen": item.get("budget_yen"),
            "budget_fiscal_year": item.get("budget_fiscal_year"),
            "budget_note": item.get("budget_note", ""),
            "body": paragraphs_html(item.get("body", [])),
            "eligible_bodies": item.get("eligible_bodies", ""),
            "conditions": item.get("conditions", ""),
            "terms": item.get("terms", ""),
            "rules": [("rule", rule_block_value(rule)) for rule in item.get("rules", [])],
            "application_open": optional_date(item.get("application_open")),
            "application_close": optional_date(item.get("application_close")),
            "contact": item.get("contact", ""),
            "official_url": item.get("official_url", ""),
            "source": source_note(item.get("source")),
            "quotes": item.get("quotes", []),
        }
        page, _ = ensure_page(support_index, SupportProgramPage, item["slug"], values, report, "支援策")
        sync_relations(
            page, fields=[fields[s] for s in item.get("fields", [])], tags=item.get("tags", []), report=report
        )
        programs[item["slug"]] = page
    return programs


def rule_block_value(rule):
    keys = (
        "label",
        "applicant_kinds",
        "disadvantaged_any",
        "max_fiscal_index",
        "small_municipality",
        "prerequisites",
        "note",
    )
    value = {k: rule.get(k) for k in keys}
    value["max_fiscal_index"] = value["max_fiscal_index"] or ""
    value["note"] = value["note"] or ""
    value["options"] = [
        {"method": o["method"], "rate": o.get("rate") or "", "cap_yen": o.get("cap_yen"), "note": o.get("note") or ""}
        for o in rule["options"]
    ]
    return value


def measure_values(item):
    return {
        "name": item["name"],
        "kind": item["kind"],
        "coverage_percent": item.get("coverage_percent"),
        "allocation_percent": item.get("allocation_percent"),
        "special_tax_rate": item.get("special_tax_rate") or "",
        "cost_cap_yen": item.get("cost_cap_yen"),
        "unsourced_adjustment": item.get("unsourced_adjustment") or "",
        "users_label": item["users_label"],
        "applicant_kinds": item["applicant_kinds"],
        "disadvantaged_any": item.get("disadvantaged_any") or [],
        "disadvantaged_none": item.get("disadvantaged_none") or [],
        "source": source_note(item.get("source")),
        "quotes": item.get("quotes") or [],
    }


def load_financing(report):
    programs = {p.slug: p for p in SupportProgramPage.objects.all()}
    measures = {}
    for item in read("financing.json"):
        measure = ensure_snippet(FinancingMeasure, {"slug": item["slug"]}, measure_values(item), report, "財源措置")
        links = [
            {"program": programs[link["program"]], "route": link["route"], "condition": link.get("condition") or ""}
            for link in item.get("links", [])
        ]
        sync_relations(measure, report, children={"links": (FinancingLink, links)})
        measures[item["slug"]] = measure
    return measures
