"""The region pages, the 地域IoT官民ネット and the two document summaries
from seedcontent/data/regions.json and networks.json: compared with what is
stored, published as a new revision only where they differ."""

from provenance.documents import source_note
from seedcontent.sync import ensure_page, optional_date, read, site_root, sync_relations, upsert
from taxonomy.models import Municipality, Prefecture, RegionBlock

from .models import (
    MeasureTableRow,
    NetworkMembership,
    NetworkPage,
    OpenDataGuidePage,
    PrefectureMeasure,
    RegionBlockPage,
    RegionIndexPage,
    RoadmapPage,
)


def _statements(items):
    return [("statement", {"text": i["text"], "doc": i["doc"], "period": i.get("period") or ""}) for i in items]


def load(report):
    load_regions(site_root(), report)


def load_regions(home, report):
    data = read("regions.json")
    index, _ = ensure_page(
        home,
        RegionIndexPage,
        data["index"]["slug"],
        {"title": data["index"]["title"], "intro": data["index"]["intro"]},
        report,
        "地域一覧ページ",
    )
    blocks = {b.slug: b for b in RegionBlock.objects.all()}
    for item in data["blocks"]:
        values = {
            "title": item["title"],
            "block": blocks[item["block"]],
            "activities": _statements(item["activities"]),
            "advisor_applications": item.get("advisor_applications"),
            "advisor_note": data["advisor_note"],
            "source": source_note({"document": "001_45559b02a0e54ba4", "note": "地域別推進体制の構築状況（2017年度）"}),
            "quotes": item["quotes"] + data["advisor_note_quotes"],
        }
        ensure_page(index, RegionBlockPage, item["block"], values, report, "地域ブロックページ")
    for key, model, kind in (
        ("roadmap", RoadmapPage, "ロードマップページ"),
        ("opendata_guide", OpenDataGuidePage, "オープンデータの手引きページ"),
    ):
        item = data[key]
        values = {
            "title": item["title"],
            "intro": item["intro"],
            "period_note": item["period_note"],
            "body": [("section", section) for section in item["body"]],
            "source": source_note(item["source"]),
            "quotes": item["quotes"],
        }
        ensure_page(home, model, item["slug"], values, report, kind)
    load_networks(index, report)
    load_measures(data["it_measures"], report)


def load_networks(index, report):
    municipalities = {(m.prefecture.code, m.name): m for m in Municipality.objects.select_related("prefecture")}
    for item in read("networks.json")["networks"]:
        values = {
            "title": item["title"],
            "summary": item["summary"],
            "founded": optional_date(item["founded"]),
            "secretariat": item["secretariat"],
            "member_municipalities": item["member_municipalities"],
            "member_companies": item["member_companies"],
            "members_as_of": optional_date(item["members_as_of"]),
            "representatives": [("person", person) for person in item["representatives"]],
            "founders": [("person", person) for person in item["founders"]],
            "activities": _statements(item["activities"]),
            "source": source_note(item["source"]),
            "quotes": item["quotes"],
        }
        page, _ = ensure_page(index, NetworkPage, item["slug"], values, report, "官民ネットワーク")
        rows = [
            {
                "municipality": municipalities[(m["prefecture"], m["name"])],
                "is_founder": m["is_founder"],
                "note": m["note"],
                "quotes": m["quotes"],
            }
            for m in item["members"]
        ]
        sync_relations(page, report, children={"memberships": (NetworkMembership, rows)})


def load_measures(data, report):
    """003's table, row by row: a prefecture's items are replaced only when
    they differ from the data."""
    prefectures = {p.code: p for p in Prefecture.objects.all()}
    for row in data["prefectures"]:
        prefecture = prefectures[row["prefecture"]]
        upsert(
            MeasureTableRow,
            {"prefecture": prefecture},
            {"readable": row["readable"], "left_out": row["left_out"]},
            report,
            "IT利活用施策の表の行",
        )
        wanted = [(item["category"], item["text"], item["quotes"]) for item in row["items"]]
        stored = [(m.category, m.text, m.quotes) for m in prefecture.it_measures.order_by("sort_order", "pk")]
        if stored != wanted:
            prefecture.it_measures.all().delete()
            PrefectureMeasure.objects.bulk_create(
                PrefectureMeasure(prefecture=prefecture, category=c, text=t, quotes=q, sort_order=n)
                for n, (c, t, q) in enumerate(wanted)
            )
            report.count("IT利活用施策", created=not stored)
