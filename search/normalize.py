"""Text normalisation shared by indexing and querying on both backends.

NFKC folds full-width letters and digits (ＩｏＴ → IoT, １２０ → 120),
half-width katakana (ｶﾀｶﾅ → カタカナ) and the ideographic space; case-folding
then makes IoT, iot and ＩｏＴ the same word."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACE = re.compile(r"\s+")


def normalize(text):
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip().casefold()


def clean_query(raw):
    """The query as a visitor meant it: normalised for matching, but with
    length bounded so no input can make a search expensive."""
    return normalize(raw)[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """Terms are separated by spaces (ASCII or 全角); each must match."""
    terms = []
    for term in query.split(" "):
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
