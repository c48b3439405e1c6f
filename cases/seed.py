"""The case index page and the cases of seedcontent/data/cases.json, with
their 分野, tags, municipalities, programs and effects; each published as a
new revision only where it differs from what is stored. Runs after the
supports loader: a case links to programs by slug."""

from provenance.documents import source_note
from seedcontent.sync import ensure_page, paragraphs_html, read, site_root, sync_relations
from taxonomy.models import Field, Municipality

from .models import CaseEffect, CaseIndexPage, CaseMunicipality, CaseProgram, CaseStudyPage


def load(report):
    case_index = ensure_index(report)
    load_cases(case_index, report)


def ensure_index(report):
    case_index, _ = ensure_page(
        site_root(),
        CaseIndexPage,
        "cases",
        {
            "title": "ICT地域活性化事例",
            "intro": "ICT・IoTを活用した地域活性化の事例を、分野や地域で絞り込んで探せます。",
        },
        report,
        "事例一覧ページ",
    )
    return case_index


def load_cases(case_index, report):
    # The programs a case cites, reached through the relation: supports shows
    # the cases of a program, so cases importing supports would be a cycle.
    program_model = CaseProgram._meta.get_field("program").related_model
    programs = {page.slug: page for page in program_model.objects.all()}
    fields = {f.slug: f for f in Field.objects.all()}
    municipalities = {(m.prefecture.code, m.name): m for m in Municipality.objects.select_related("prefecture")}
    data = read("cases.json")
    pages = {}
    for item in data:
        body = [("paragraph", paragraphs_html([p])) for p in item.get("body", [])]
        values = {
            "title": item["title"],
            "summary": item.get("summary", ""),
            "challenge": item.get("challenge", ""),
            "body": body,
            "implementers": item.get("implementers", ""),
            "year_started": item.get("year_started"),
            "selected_100": bool(item.get("selected_100")),
            "source": source_note(item.get("source")),
            "quotes": item.get("quotes", []),
        }
        page, _ = ensure_page(case_index, CaseStudyPage, item["slug"], values, report, "事例")
        sync_relations(
            page,
            report,
            fields=[fields[s] for s in item.get("fields", [])],
            tags=item.get("tags", []),
            children={
                "municipality_links": (
                    CaseMunicipality,
                    [
                        {"municipality": municipalities[(m["prefecture"], m["name"])]}
                        for m in item.get("municipalities", [])
                    ],
                ),
                "program_links": (
                    CaseProgram,
                    [{"program": programs[s]} for s in item.get("programs", []) if s in programs],
                ),
                "effects": (
                    CaseEffect,
                    [
                        {"label": e["label"], "value": str(e["value"]), "unit": e.get("unit") or ""}
                        for e in item.get("effects", [])
                    ],
                ),
            },
        )
        pages[item["slug"]] = page
    for item in data:
        model = pages.get(item.get("model_case") or "")
        ensure_page(case_index, CaseStudyPage, item["slug"], {"model_case": model}, report, "事例（横展開の関係）")
    return pages
