"""Loads the real content from seedcontent/data into the site.

Idempotent by comparison: each item is compared with what is stored and only
a difference is written (and, for pages, published as a new revision), so a
second run changes nothing and adds no revisions."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from cases.models import CaseIndexPage, CaseStudyPage
from home.models import HomePage
from supports.models import SupportIndexPage, SupportProgramPage
from taxonomy.models import Field, Municipality, Prefecture, RegionBlock
from taxonomy.seed import load_directory

from .documents import source_note

DATA_DIR = Path(__file__).resolve().parent / "data"

SITE_TITLE = "ICT地域活性化ポータル"
HOME_LEAD = (
    "ICT・IoTを活用して地域の課題を解決した全国の事例と、"
    "自治体が活用できる国の支援策を、分野と地域から探せます。"
)


def read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@dataclass
class Report:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def count(self, kind, created):
        bucket = self.created if created else self.updated
        bucket[kind] = bucket.get(kind, 0) + 1

    def lines(self):
        kinds = sorted(set(self.created) | set(self.updated))
        if not kinds:
            return ["変更はありません（すでに最新です）。"]
        return [f"{k}: 新規 {self.created.get(k, 0)} / 更新 {self.updated.get(k, 0)}" for k in kinds]


def upsert(model, lookup, values, report, kind):
    """update_or_create that writes only when something differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count(kind, created=True)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.count(kind, created=False)
    return obj


def load_taxonomy(report):
    data = read("taxonomy.json")
    for item in data["fields"]:
        upsert(
            Field,
            {"slug": item["slug"]},
            {k: item[k] for k in ("name", "description", "sort_order", "color")},
            report,
            "分野",
        )
    blocks = {}
    for item in data["blocks"]:
        blocks[item["slug"]] = upsert(
            RegionBlock,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "bureau": item["bureau"],
                "council": item.get("council") or "",
                "study_group": item.get("study_group") or "",
                "sort_order": item["sort_order"],
                "quotes": item.get("quotes", []),
            },
            report,
            "地域ブロック",
        )
    for item in data["prefectures"]:
        upsert(
            Prefecture,
            {"code": item["code"]},
            {"name": item["name"], "slug": item["slug"], "block": blocks[item["block"]]},
            report,
            "都道府県",
        )


def load_municipalities(report):
    """The bodies the documents name, with their sources: after the
    directory, so only a body the directory lacks brings its own kind."""
    load_directory(report)
    prefectures = {p.code: p for p in Prefecture.objects.all()}
    for item in read("municipalities.json"):
        values = {"source": item.get("source", ""), "quotes": item.get("quotes") or []}
        values.update({k: item[k] for k in ("kind", "kana", "lg_code") if k in item})
        upsert(
            Municipality,
            {"prefecture": prefectures[item["prefecture"]], "name": item["name"]},
            values,
            report,
            "市区町村",
        )


def ensure_page(parent, model, slug, values, report, kind):
    """Create or update a page, publishing a revision only on a change."""
    page = model.objects.filter(slug=slug).child_of(parent).first()
    created = page is None
    if created:
        page = model(slug=slug, **values)
        parent.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        changed = [name for name, value in values.items() if _value(page, name) != _value_of(value)]
        if not changed:
            return page, False
        for name in changed:
            setattr(page, name, values[name])
    page.save_revision().publish()
    report.count(kind, created=created)
    return model.objects.get(pk=page.pk), True


def ensure_snippet(model, lookup, values, report, kind):
    """ensure_page for publishable snippets (DraftStateMixin, RevisionMixin):
    create or update, publishing a revision only on a change."""
    stored = model.objects.filter(**lookup).first()
    if stored is None:
        obj = model(**lookup, **values)
        obj.save()
    else:
        obj = stored.get_latest_revision_as_object()
        changed = [name for name, value in values.items() if _value(obj, name) != _value_of(value)]
        if not changed:
            return stored
        for name in changed:
            setattr(obj, name, values[name])
    obj.save_revision().publish()
    report.count(kind, created=stored is None)
    return model.objects.get(pk=obj.pk)


def _value(page, name):
    return _value_of(getattr(page, name))


def _value_of(value):
    # StreamField values compare by their stored JSON, not by identity.
    if hasattr(value, "raw_data"):
        return json.dumps(_plain(list(value.raw_data)), sort_keys=True, ensure_ascii=False, default=str)
    # Stream data as the data files give it: (block type, value) pairs. Other
    # lists (JSONField values such as quotes) compare as they are.
    if isinstance(value, list) and all(isinstance(item, tuple) for item in value):
        return json.dumps(_plain([{"type": t, "value": v} for t, v in value]), sort_keys=True, ensure_ascii=False, default=str)
    return value


def _plain(data):
    """Stream data without what saving adds: block ids, and the
    {"type": "item", "value": …} wrapper around list items."""
    if isinstance(data, dict):
        if data.get("type") == "item" and "value" in data:
            return _plain(data["value"])
        return {k: _plain(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def iso_date(text):
    return datetime.date.fromisoformat(text) if text else None


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def ensure_site():
    root = Page.objects.get(depth=1)
    home = HomePage.objects.first()
    if home is None:
        # The placeholder Wagtail creates on a fresh install holds the slug
        # 'home' and has no content of ours.
        Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
        home = HomePage(title=SITE_TITLE, slug="home", lead=HOME_LEAD)
        Page.objects.get(pk=root.pk).add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=SITE_TITLE)
    elif site.root_page_id != home.pk or site.site_name != SITE_TITLE:
        site.root_page = home
        site.site_name = SITE_TITLE
        site.save()
    return home


def ensure_indexes(home, report):
    case_index, _ = ensure_page(
        home,
        CaseIndexPage,
        "cases",
        {"title": "ICT地域活性化事例", "intro": "ICT・IoTを活用した地域活性化の事例を、分野や地域で絞り込んで探せます。"},
        report,
        "事例一覧ページ",
    )
    support_index, _ = ensure_page(
        home,
        SupportIndexPage,
        "supports",
        {"title": "支援策", "intro": "自治体などが活用できるICT・IoT関連の国の支援策です。"},
        report,
        "支援策一覧ページ",
    )
    return case_index, support_index


def load_programs(support_index, report):
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
            "application_open": iso_date(item.get("application_open")),
            "application_close": iso_date(item.get("application_close")),
            "contact": item.get("contact", ""),
            "official_url": item.get("official_url", ""),
            "source": source_note(item.get("source")),
            "quotes": item.get("quotes", []),
        }
        page, _ = ensure_page(support_index, SupportProgramPage, item["slug"], values, report, "支援策")
        sync_relations(page, fields=[fields[s] for s in item.get("fields", [])], tags=item.get("tags", []), report=report)
        programs[item["slug"]] = page
    return programs


def rule_block_value(rule):
    keys = ("label", "applicant_kinds", "disadvantaged_any", "max_fiscal_index", "small_municipality", "prerequisites", "note")
    value = {k: rule.get(k) for k in keys}
    value["max_fiscal_index"] = value["max_fiscal_index"] or ""
    value["note"] = value["note"] or ""
    value["options"] = [
        {"method": o["method"], "rate": o.get("rate") or "", "cap_yen": o.get("cap_yen"), "note": o.get("note") or ""}
        for o in rule["options"]
    ]
    return value


def sync_relations(page, report, fields=None, tags=None, children=None):
    """Bring M2M fields, tags and inline children in line with the data,
    publishing once if any of them differ."""
    page = page.get_latest_revision_as_object()
    changed = False
    if fields is not None and {f.pk for f in page.fields.all()} != {f.pk for f in fields}:
        page.fields.set(fields)
        changed = True
    if tags is not None and {t.name for t in page.tags.all()} != set(tags):
        page.tags.set(tags, clear=True)
        changed = True
    for relation, (model, rows) in (children or {}).items():
        keys = list(rows[0]) if rows else []
        current = [tuple(getattr(child, k) for k in keys) for child in getattr(page, relation).all()]
        wanted = [tuple(row.values()) for row in rows]
        if current != wanted:
            setattr(page, relation, [model(sort_order=order, **row) for order, row in enumerate(rows)])
            changed = True
    if changed:
        page.save_revision().publish()
        report.count("関連の更新", created=False)


def load_cases(case_index, programs, report):
    from cases.models import CaseEffect, CaseMunicipality, CaseProgram

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
                    [{"municipality": municipalities[(m["prefecture"], m["name"])]} for m in item.get("municipalities", [])],
                ),
                "program_links": (CaseProgram, [{"program": programs[s]} for s in item.get("programs", []) if s in programs]),
                "effects": (
                    CaseEffect,
                    [{"label": e["label"], "value": str(e["value"]), "unit": e.get("unit") or ""} for e in item.get("effects", [])],
                ),
            },
        )
        pages[item["slug"]] = page
    for item in data:
        model = pages.get(item.get("model_case") or "")
        ensure_page(case_index, CaseStudyPage, item["slug"], {"model_case": model}, report, "事例（横展開の関係）")
    return pages


def load_financing(report):
    # Imported here: the seed module uses this module's helpers.
    from supports.seed import load_financing

    load_financing(report)


@transaction.atomic
def load_all():
    report = Report()
    load_taxonomy(report)
    load_municipalities(report)
    home = ensure_site()
    case_index, support_index = ensure_indexes(home, report)
    programs = load_programs(support_index, report)
    load_cases(case_index, programs, report)
    load_seminars_and_awards(home, report)
    load_region_pages(home, report)
    load_financing(report)
    load_synonyms(report)
    return report


def load_region_pages(home, report):
    # Imported here: the regions seed module uses this module's helpers.
    from regions.seed import load_regions

    load_regions(home, report)


def load_synonyms(report):
    """The editors' starting set of 同義語・表記ゆれ groups (general IT and
    administrative vocabulary, no facts about anyone), found by their terms."""
    from search.models import SynonymGroup

    for group in read("synonyms.json"):
        terms = "\n".join(group["terms"])
        ensure_snippet(SynonymGroup, {"terms": terms}, {"note": group["note"]}, report, "同義語・表記ゆれ")


def load_seminars_and_awards(home, report):
    # Imported here: those seed modules use this module's helpers.
    from awards.models import AwardArchivePage
    from awards.seed import load_awards
    from events.models import SeminarCalendarPage
    from events.seed import load_seminars

    ensure_page(
        home,
        SeminarCalendarPage,
        "seminars",
        {"title": "セミナー・説明会", "intro": "ICT・IoTの地域実装に関するセミナーや自治体向け説明会などの日程です。カレンダーアプリでの購読もできます。"},
        report,
        "セミナー・説明会ページ",
    )
    ensure_page(
        home,
        AwardArchivePage,
        "awards",
        {"title": "ICT地域活性化大賞", "intro": "ICTを活用して地域を活性化した優れた取組を表彰するICT地域活性化大賞（2014・2015年度は地域情報化大賞）の受賞結果です。"},
        report,
        "表彰ページ",
    )
    load_seminars(report)
    load_awards(report)
