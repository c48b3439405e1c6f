"""The taxonomy's seed: 分野, 地域ブロック and 都道府県 from
seedcontent/data/taxonomy.json, then the committed directory of every local
government into taxonomy.Municipality, in place: a body already stored (the ones the
documents name) is matched by its code, else by prefecture and name, and
keeps its row, URL and relations. Bulk writes: 1,788 bodies load in a few
queries, and a second run writes nothing."""

import json
from pathlib import Path

from seedcontent.sync import optional_date, read, upsert

from .models import Field, Municipality, MunicipalityKindChange, Prefecture, RegionBlock

DIRECTORY = Path(__file__).resolve().parent / "data" / "local_governments.json"
FIELDS = ("lg_code", "kana", "kind")


def read_directory(path=DIRECTORY):
    return json.loads(path.read_text(encoding="utf-8"))["bodies"]


def load_directory(report, bodies=None):
    bodies = read_directory() if bodies is None else bodies
    prefectures = {p.code: p for p in Prefecture.objects.all()}
    stored = list(Municipality.objects.all())
    by_code = {m.lg_code: m for m in stored if m.lg_code}
    by_name = {(m.prefecture_id, m.name): m for m in stored}
    new, changed = [], []
    for body in bodies:
        prefecture = prefectures[body["prefecture"]]
        municipality = by_code.get(body["lg_code"]) or by_name.get((prefecture.pk, body["name"]))
        if municipality is None:
            municipality = Municipality(prefecture=prefecture, name=body["name"], **{f: body[f] for f in FIELDS})
            new.append(municipality)
        elif any(getattr(municipality, f) != body[f] for f in FIELDS):
            for f in FIELDS:
                setattr(municipality, f, body[f])
            changed.append(municipality)
    Municipality.objects.bulk_create(new, batch_size=500)
    Municipality.objects.bulk_update(changed, FIELDS, batch_size=500)
    for _ in new:
        report.count("市区町村", created=True)
    for _ in changed:
        report.count("市区町村", created=False)
    _sync_kind_changes(bodies, report)


def _sync_kind_changes(bodies, report):
    # bulk_create on SQLite does not set primary keys on every Django
    # version: read them back by code before linking the changes.
    ids = dict(Municipality.objects.exclude(lg_code="").values_list("lg_code", "pk"))
    wanted = {
        (ids[body["lg_code"]], optional_date(c["date"])): (c["before"], c["after"], c.get("note", ""))
        for body in bodies
        for c in body["kind_changes"]
    }
    stored = {(c.municipality_id, c.date): c for c in MunicipalityKindChange.objects.all()}
    stale = [c.pk for key, c in stored.items() if key not in wanted or (c.before, c.after, c.note) != wanted[key]]
    if stale:
        MunicipalityKindChange.objects.filter(pk__in=stale).delete()
    kept = {key for key, c in stored.items() if c.pk not in stale}
    added = [
        MunicipalityKindChange(municipality_id=pk, date=day, before=before, after=after, note=note)
        for (pk, day), (before, after, note) in wanted.items()
        if (pk, day) not in kept
    ]
    MunicipalityKindChange.objects.bulk_create(added)
    for _ in added:
        report.count("団体区分の移行", created=True)


def load(report):
    load_vocabulary(report)
    load_municipalities(report)


def load_vocabulary(report):
    """分野, 地域ブロック and 都道府県 from seedcontent/data/taxonomy.json."""
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
