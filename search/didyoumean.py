"""「もしかして」: for a query that finds nothing, the closest spelling the
index itself uses (チャットボッド → チャットボット), on both backends alike:
the vocabulary is read from the stored documents, not from either engine.

A word here is a run of one script in a normalised text: katakana (with ー),
kanji, hiragana, or Latin letters and digits. A query run that occurs in the
vocabulary — even inside a longer word (ボット in チャットボット) — is
known and kept; an unknown run of two or more characters is replaced by the
vocabulary word of the same script at the smallest edit distance (at most 1,
or 2 for runs of five or more), the more frequent word first. Pure functions;
service.py supplies the vocabulary and checks that the suggestion finds
something."""

import re
from collections import Counter

from .normalize import normalize

_RUN = re.compile(
    r"[\u30a1-\u30fa\u30fc]+"  # katakana
    r"|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+"  # kanji
    r"|[\u3041-\u3096]+"  # hiragana
    r"|[^\W_\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"  # Latin letters and digits
)
MIN_RUN = 2
MAX_CANDIDATES = 5000  # per script and length: bounds the work on a large site


def runs(text):
    return _RUN.findall(normalize(text))


def script(run):
    char = run[0]
    if "\u30a1" <= char <= "\u30fc":
        return "katakana"
    if "\u3041" <= char <= "\u3096":
        return "hiragana"
    if char.isascii() or not char.isalpha():
        return "latin"
    return "kanji"


def vocabulary(texts):
    """{script: Counter(word)} over the texts (titles, summaries, tags)."""
    words = {}
    for text in texts:
        for run in runs(text):
            if len(run) >= MIN_RUN:
                words.setdefault(script(run), Counter())[run] += 1
    return words


def edit_distance(a, b, limit):
    """Levenshtein distance, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _known(run, words):
    return any(run in word for word in words)


def closest(run, words):
    """The vocabulary word nearest to an unknown run, or None."""
    limit = 1 if len(run) < 5 else 2
    best = None
    candidates = [w for w in words if abs(len(w) - len(run)) <= limit][:MAX_CANDIDATES]
    for word in candidates:
        distance = edit_distance(run, word, limit)
        if distance <= limit:
            key = (distance, -words[word], word)
            if best is None or key < best[0]:
                best = (key, word)
    return best[1] if best else None


def suggest(query_text, words):
    """The corrected query text, or None when every run is known or nothing
    close enough exists. Spaces and the runs' order are kept."""
    changed = False
    terms = []
    for term in query_text.split(" "):
        out = term
        for run in runs(term):
            bucket = words.get(script(run), {})
            if len(run) < MIN_RUN or _known(run, bucket):
                continue
            replacement = closest(run, bucket)
            if replacement:
                out = out.replace(run, replacement, 1)
                changed = True
        terms.append(out)
    return " ".join(terms) if changed else None
