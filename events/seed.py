"""The seminar calendar page and the seminars of seedcontent/data/seminars.json, compared with what is
stored and published as a new revision only where they differ.

Times are taken only where the documents give them; a seminar without one
is all-day. A seminar whose prefecture the documents leave open keeps no
prefecture; its block is then the one whose 総合通信局 organised it, when
the documents name one (信越総合通信局 → 信越), and none otherwise."""

import uuid

from provenance.documents import source_note
from seedcontent.sync import (
    ensure_page,
    ensure_snippet,
    optional_date,
    optional_time,
    paragraphs_html,
    read,
    site_root,
    sync_relations,
)
from taxonomy.models import Field, Prefecture, RegionBlock

from .models import Seminar, SeminarCalendarPage, SeminarStatus

# Seeded seminars get a UID derived from their slug, so every database
# (development, staging, production) publishes the same UID for the same
# seminar and subscribed calendars do not see duplicates after a reload.
UID_NAMESPACE = uuid.UUID("6f1d2a4e-3c1b-5a7e-9d2f-0b8e4c6a1f35")

STATUS = {
    "scheduled": SeminarStatus.SCHEDULED,
    "cancelled": SeminarStatus.CANCELLED,
    "postponed": SeminarStatus.POSTPONED,
}


def seeded_uid(slug):
    return uuid.uuid5(UID_NAMESPACE, slug)


def seminar_values(item, prefectures, blocks_by_bureau):
    prefecture = prefectures[item["prefecture"]] if item.get("prefecture") else None
    block = prefecture.block if prefecture else blocks_by_bureau.get(item.get("organiser") or "")
    return {
        "uid": seeded_uid(item["slug"]),
        "title": item["title"],
        "kind": item["kind"],
        "start_date": optional_date(item["start_date"]),
        "end_date": optional_date(item.get("end_date")),
        "start_time": optional_time(item.get("start_time")),
        "end_time": optional_time(item.get("end_time")),
        "venue": item.get("venue") or "",
        "city": item.get("city") or "",
        "prefecture": prefecture,
        "block": block,
        "organiser": item.get("organiser") or "",
        "description": paragraphs_html([item["description"]]) if item.get("description") else "",
        "registration_url": item.get("registration_url") or "",
        "fee": item.get("fee") or "",
        "capacity": item.get("capacity"),
        "status": STATUS[item.get("status") or "scheduled"],
        "status_reason": item.get("status_reason") or "",
        "source": source_note(item.get("source")),
        "quotes": item.get("quotes", []),
    }


def load(report):
    ensure_page(
        site_root(),
        SeminarCalendarPage,
        "seminars",
        {
            "title": "セミナー・説明会",
            "intro": "ICT・IoTの地域実装に関するセミナーや自治体向け説明会などの日程です。カレンダーアプリでの購読もできます。",
        },
        report,
        "セミナー・説明会ページ",
    )
    load_seminars(report)


def load_seminars(report):
    fields = {f.slug: f for f in Field.objects.all()}
    prefectures = {p.code: p for p in Prefecture.objects.select_related("block")}
    blocks_by_bureau = {b.bureau: b for b in RegionBlock.objects.all() if b.bureau}
    seminars = {}
    for item in read("seminars.json"):
        seminar = ensure_snippet(
            Seminar,
            {"slug": item["slug"]},
            seminar_values(item, prefectures, blocks_by_bureau),
            report,
            "セミナー・説明会",
        )
        sync_relations(seminar, report, fields=[fields[s] for s in item.get("themes", [])], tags=item.get("tags", []))
        seminars[item["slug"]] = seminar
    return seminars
