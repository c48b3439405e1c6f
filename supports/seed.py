"""Financing measures (地方債, 特別交付税措置) and the programs they finance,
from seedcontent/data/financing.json; published as a new revision only where
they differ from what is stored."""

from seedcontent.documents import source_note
from seedcontent.loader import ensure_snippet, read, sync_relations

from .models import FinancingLink, FinancingMeasure, SupportProgramPage


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
