"""What a word is, decided once in Python for both backends.

A normalised text (see normalize.py) is read as *units*: every kanji or kana
is a unit of its own, and every run of other letters or digits (IoT, LAN, 5g)
is one unit. Units written next to each other, or joined only by a hyphen,
dot, slash, apostrophe, ampersand or plus (Wi-Fi, 3.5, R&D), form a *chunk*;
any other character (space, 、。・「」…) ends the chunk.

The matching rule, the same on both backends: a query term matches when each
of its chunks occurs as a contiguous run of units inside one chunk of the
text. For Japanese that is substring matching (生駒 finds 生駒市, 地域IoT finds
地域IoT実装); for Latin letters it is whole-word matching, as a Japanese reader
expects: AI finds 「AI活用」 but not KIAI or MAIL, LAN finds 無線LAN but not
PLAN.

Before units are cut, two spellings that mean the same are folded, at index
and query time alike: iteration marks are written out (人々 → 人人, いすゞ →
いすず) and a katakana word of four or more characters drops its final long
vowel mark (センサー → センサ, サーバー → サーバ; JIS Z 8301 writes both
ways). Shorter words keep it: カー and カ are different words.

The database stores `encode(text)`, where a unit sequence is a plain
substring (Latin units between underscores, chunks between spaces);
Elasticsearch stores every chunk's units and the pairs of neighbouring units,
and a query chunk is a phrase over pairs (or one unit, a term)."""

import re
import unicodedata

MAX_UNIT_LENGTH = 64  # longer Latin runs are cut here on both sides, so both agree

_KANA_OR_KANJI = "\u3005\u3006\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNIT = re.compile(rf"[{_KANA_OR_KANJI}]|[^\W_{_KANA_OR_KANJI}]+")
_KANA_OR_KANJI_UNIT = re.compile(f"[{_KANA_OR_KANJI}]")
_JOINERS = set("-‐‑‒–—―.'’&+/")
_LONG_VOWEL = re.compile(r"(?<=[\u30a1-\u30fa\u30fc]{3})ー(?![\u30a1-\u30fa\u30fc])")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_VOICED = {"ゞ": "ゝ", "ヾ": "ヽ"}


def _voice(char):
    """The voiced form of a kana (か → が), or the kana itself when it has none."""
    voiced = unicodedata.normalize("NFC", char + "\u3099")
    return voiced if len(voiced) == 1 else char


def _expand_iteration_marks(text):
    out = []
    for char in text:
        previous = out[-1] if out else ""
        if char == "々" and previous and _KANJI.match(previous):
            char = previous
        elif char in "ゝヽ" and previous and previous not in "ゝヽ々":
            char = previous
        elif char in _VOICED and previous:
            char = _voice(previous)
        out.append(char)
    return "".join(out)


def fold(text):
    """The spelling both backends compare: iteration marks written out,
    a long katakana word's final ー dropped."""
    if not text:
        return ""
    return _LONG_VOWEL.sub("", _expand_iteration_marks(text))


def chunks(text):
    """The chunks of a normalised text, each a list of units."""
    result, current, last_end = [], [], 0
    for match in _UNIT.finditer(fold(text)):
        gap = match.string[last_end : match.start()]
        if current and gap and not (len(gap) == 1 and gap in _JOINERS):
            result.append(current)
            current = []
        current.append(match.group()[:MAX_UNIT_LENGTH])
        last_end = match.end()
    if current:
        result.append(current)
    return result


def encode_chunk(units):
    """A chunk as the database stores it (see encode)."""
    return "".join(unit if _KANA_OR_KANJI_UNIT.fullmatch(unit) else f"_{unit}_" for unit in units)


def encode(text):
    """The database's searchable form: a query chunk matches exactly where
    its own encoding is a substring of this (chunks never hold a space,
    Latin units are fenced by underscores)."""
    return " ".join(encode_chunk(chunk) for chunk in chunks(text))


def pairs(units):
    """Neighbouring units as single tokens: a phrase over them is a contiguous
    run of units, with far fewer positions to check than single characters."""
    return [f"{a}|{b}" for a, b in zip(units, units[1:], strict=False)]


def es_fields(text):
    """Elasticsearch's view of a text: one string of units and, per chunk,
    one string of pairs (an array, so a phrase never spans two chunks)."""
    parts = chunks(text)
    return {
        "units": " ".join(unit for chunk in parts for unit in chunk),
        "pairs": [" ".join(pairs(chunk)) for chunk in parts if len(chunk) > 1],
    }
