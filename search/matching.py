"""From a query term to what both backends look for.

A term becomes its *alternatives*: the term itself, the other members of an
editors' synonym group it belongs to (同義語・表記ゆれ), and for a word written
wholly in kana its other kana (ちゃっとぼっと ↔ チャットボット). A term matches
when any alternative does; an alternative matches when every one of its chunks
does (see analysis.py). Expansion happens here, at query time, so an editor's
change takes effect with the next search, on both backends, with no reindex.

Kana are folded only for whole kana terms of three or more characters:
folded inside the text, ケア would match 助けあい, and two characters are too
short to be sure a word was meant."""

import re

from .analysis import chunks, encode_chunk

MIN_FOLDED_KANA = 3
_HIRAGANA = re.compile(r"[\u3041-\u3096ー]+")
_KATAKANA = re.compile(r"[\u30a1-\u30f6ー]+")
_KANA_SHIFT = 0x60


def kana_variant(term):
    """The same kana word in the other script, or "" when the term is not
    written wholly in one kana script or is too short to fold safely."""
    if len(term) < MIN_FOLDED_KANA:
        return ""
    if _HIRAGANA.fullmatch(term):
        return "".join(c if c == "ー" else chr(ord(c) + _KANA_SHIFT) for c in term)
    if _KATAKANA.fullmatch(term) and all(c == "ー" or ord(c) <= 0x30F4 for c in term):
        return katakana_to_hiragana(term)
    return ""


def katakana_to_hiragana(text):
    """Katakana written as hiragana, every other character kept; ヵ and ヶ
    (counters, place names) have no hiragana in common use and stay."""
    return "".join(chr(ord(c) - _KANA_SHIFT) if "\u30a1" <= c <= "\u30f4" else c for c in text)


def spellings(term, synonyms=None):
    """Every spelling the term stands for, the term itself first."""
    found = [term]
    for group in (synonyms or {}).get(chunk_key(term), ()):
        found.extend(group)
    for spelling in list(found):
        found.append(kana_variant(spelling))
    return list(dict.fromkeys(s for s in found if s))


def chunk_key(text):
    """Two spellings are the same when they read as the same units."""
    return tuple(tuple(chunk) for chunk in chunks(text))


def alternatives(term, synonyms=None):
    """The term's alternatives as tuples of chunks (tuples of units); an
    alternative with no letters at all is dropped."""
    result = []
    for spelling in spellings(term, synonyms):
        key = chunk_key(spelling)
        if key and key not in result:
            result.append(key)
    return tuple(result)


def matches(term_alternatives, encoded):
    """Does an encoded text (analysis.encode) hold any alternative?"""
    return any(all(encode_chunk(chunk) in encoded for chunk in alternative) for alternative in term_alternatives)
