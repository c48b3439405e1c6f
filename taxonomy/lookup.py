"""Finding a local government by what a person types: its name (with or
without 市/町/村 and its prefecture), its よみ in either kana script (half-width
katakana too), or its 全国地方公共団体コード in the 5- or 6-digit form.

Pure: the caller passes the bodies, anything with ``name``, ``kana``,
``lg_code``, ``kind`` and ``prefecture.name``/``prefecture.code`` (the
Municipality rows, loaded once). Only stored bodies are ever returned, so a
ward or a 北方領土 village can never be offered as an applicant; a code of
either is answered with a message saying why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from search.matching import katakana_to_hiragana
from search.normalize import normalize

from .codes import normalise_code

MAX_QUERY_LENGTH = 50
DEFAULT_LIMIT = 20
EXACT, PREFIX, SUBSTRING = 0, 1, 2

# Readings of the kind suffix, so "ふちゅう" is as exact as "府中".
_KANA_SUFFIXES = {
    "prefecture": ("どう", "と", "ふ", "けん"),
    "designated_city": ("し",),
    "core_city": ("し",),
    "special_city": ("し",),
    "city": ("し",),
    "special_ward": ("く",),
    "town": ("ちょう", "まち"),
    "village": ("そん", "むら"),
}
_NAME_SUFFIXES = "都道府県市区町村"
_NORTHERN_TERRITORIES = range(1695, 1701)  # 色丹村…蘂取村 (01695–01700)
_DIGITS = re.compile(r"\d+")
_MAX_WARD_OFFSET = 30

EMPTY_MESSAGE = "団体の名称、よみ、または地方公共団体コードを入力してください。"
TOO_LONG_MESSAGE = f"{MAX_QUERY_LENGTH}文字以内で入力してください。"
CODE_LENGTH_MESSAGE = "地方公共団体コードは5桁または6桁の数字で入力してください（例：122386、12238）。"
NORTHERN_TERRITORIES_MESSAGE = (
    "北方領土の6村（コード01695〜01700）は現存の団体ではないため、このポータルの団体一覧にはありません。"
)


def fold(text):
    """The spelling compared: NFKC (half-width katakana become full-width),
    case-folded, katakana as hiragana, no spaces."""
    return katakana_to_hiragana(normalize(text)).replace(" ", "")


def _strip_suffix(text, suffixes):
    for suffix in suffixes:
        if len(text) > len(suffix) and text.endswith(suffix):
            return text[: -len(suffix)]
    return text


@dataclass(frozen=True)
class _Keys:
    exact: frozenset
    texts: tuple


def _keys(body):
    return _keys_of(body.name, body.kana, body.kind, body.prefecture.name)


# Every request compares against all bodies; their folded spellings are
# computed once per spelling, not once per request.
@lru_cache(maxsize=4096)
def _keys_of(name, kana, kind, prefecture):
    name, kana = fold(name), fold(kana)
    full = name if kind == "prefecture" else fold(prefecture) + name
    exact = {name, full, _strip_suffix(name, _NAME_SUFFIXES)}
    if kana:
        exact |= {kana, _strip_suffix(kana, _KANA_SUFFIXES.get(kind, ()))}
    return _Keys(frozenset(exact), tuple(t for t in (name, kana, full) if t))


def _rank(keys, query):
    if query in keys.exact:
        return EXACT
    if any(text.startswith(query) for text in keys.texts):
        return PREFIX
    if any(query in text for text in keys.texts):
        return SUBSTRING
    return None


@dataclass(frozen=True)
class Lookup:
    """The bodies a query finds, best first (at most the limit asked for).

    ``exact`` counts the leading matches that are exact (the name, the name
    without 市/町/村, the prefecture and name, the よみ, or the code);
    ``message`` explains an empty or unusual answer; ``invalid`` says the
    query itself was malformed (empty, too long, a wrong check digit), not
    merely without a match."""

    query: str
    matches: tuple = ()
    total: int = 0
    exact: int = 0
    message: str = ""
    invalid: bool = False

    @property
    def chosen(self):
        """The body meant, when exactly one matches exactly."""
        return self.matches[0] if self.exact == 1 else None

    @property
    def truncated(self):
        return self.total > len(self.matches)


def find_bodies(query, bodies, limit=DEFAULT_LIMIT):
    """``limit=None`` returns every match (the editors' paginated lists)."""
    text = normalize(query)
    if not text:
        return Lookup(query, message=EMPTY_MESSAGE, invalid=True)
    if len(text) > MAX_QUERY_LENGTH:
        return Lookup(query, message=TOO_LONG_MESSAGE, invalid=True)
    if _DIGITS.fullmatch(text.replace(" ", "")):
        return _find_code(query, text.replace(" ", ""), list(bodies))
    folded = fold(text)
    ranked = []
    for position, body in enumerate(bodies):
        rank = _rank(_keys(body), folded)
        if rank is not None:
            ranked.append((rank, body.prefecture.code, body.lg_code, position, body))
    ranked.sort(key=lambda item: item[:4])
    if not ranked:
        return Lookup(
            query,
            message=f"「{text}」に当てはまる団体は見つかりませんでした。名称の一部、よみ（ひらがな・カタカナ）、"
            "または地方公共団体コードで探してください。",
        )
    shown = ranked if limit is None else ranked[:limit]
    return Lookup(
        query,
        matches=tuple(item[-1] for item in shown),
        total=len(ranked),
        exact=sum(item[0] == EXACT for item in shown),
    )


def _find_code(query, digits, bodies):
    if len(digits) not in (5, 6):
        return Lookup(query, message=CODE_LENGTH_MESSAGE, invalid=True)
    code = normalise_code(digits)
    if code is None:
        return Lookup(
            query,
            message=f"地方公共団体コード「{digits}」の6桁目（検査数字）が合いません。番号を確かめるか、5桁で入力してください。",
            invalid=True,
        )
    for body in bodies:
        if body.lg_code == code:
            return Lookup(query, matches=(body,), total=1, exact=1)
    if int(code[:5]) in _NORTHERN_TERRITORIES:
        return Lookup(query, message=NORTHERN_TERRITORIES_MESSAGE)
    city = _designated_city_of_ward(code, bodies)
    if city is not None:
        return Lookup(
            query,
            matches=(city,),
            total=1,
            message=f"地方公共団体コード「{digits}」は{city.name}の区のコードです。"
            f"行政区は地方公共団体ではないため、{city.name}として探してください。",
        )
    return Lookup(query, message=f"地方公共団体コード「{digits}」の団体は見つかりませんでした。")


def _designated_city_of_ward(code, bodies):
    """The 政令指定都市 whose ward a code is: a ward's number follows its city's
    (札幌市 01100, 中央区 01101) within the 1xx range of the prefecture."""
    if code[2] != "1":
        return None
    cities = [
        body
        for body in bodies
        if body.kind == "designated_city" and body.lg_code[:2] == code[:2] and body.lg_code[:5] < code[:5]
    ]
    city = max(cities, key=lambda body: body.lg_code, default=None)
    # The most wards a city has is 24 (大阪市 27102–27128).
    return city if city is not None and int(code[:5]) - int(city.lg_code[:5]) < _MAX_WARD_OFFSET else None


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    block_name: str


@dataclass(frozen=True)
class Entry:
    """A body as the lookup reads it: light enough to hold all 1,788 per
    request (Municipality instances with their prefecture and block cost
    over ten times as much to build)."""

    pk: int
    name: str
    kana: str
    lg_code: str
    kind: str
    kind_label: str
    prefecture: Place

    def __str__(self):
        return self.name if self.kind == "prefecture" else f"{self.prefecture.name}{self.name}"
