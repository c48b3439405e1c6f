"""Editors' synonym groups, applied at query time on both backends.

A query term that reads as the same units as a member of a published group
(ＷｉＦｉ, wifi and WiFi alike) also matches every other member. Nothing is
written into the indexes, so a published change applies to the next search
on both backends, without a reindex."""

from .matching import chunk_key
from .normalize import normalize


def lookup(groups):
    """{units of a spelling: [its group's spellings, …]} from lists of terms."""
    index = {}
    for terms in groups:
        spellings = list(dict.fromkeys(normalize(t) for t in terms if chunk_key(normalize(t))))
        for spelling in spellings:
            index.setdefault(chunk_key(spelling), []).append(tuple(spellings))
    return index


def group_errors(terms, others):
    """What is wrong with a group of `terms`, given the other live groups
    (objects with term_list()); [] when it can be published."""
    keys = {}
    for term in terms:
        key = chunk_key(normalize(term))
        if not key:
            return [f"「{term}」には文字がありません。"]
        keys.setdefault(key, term)
    if len(keys) < 2:
        return [
            "表記の異なる語を2つ以上書いてください（全角・半角、大文字・小文字、語末の長音「ー」の有無だけが違う語は、登録しなくても同じ語として検索されます）。"
        ]
    errors = []
    for other in others:
        shared = [t for t in other.term_list() if chunk_key(normalize(t)) in keys]
        if shared:
            errors.append(f"「{shared[0]}」は別のグループ（{other}）にもあります。1つのグループにまとめてください。")
    return errors


def live_lookup():
    from .models import SynonymGroup

    return lookup(group.term_list() for group in SynonymGroup.objects.filter(live=True).only("terms"))
