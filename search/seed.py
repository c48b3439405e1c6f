"""The editors' starting set of 同義語・表記ゆれ groups
(seedcontent/data/synonyms.json: general IT and administrative vocabulary,
no facts about anyone), found by their terms."""

from seedcontent.sync import ensure_snippet, read

from .models import SynonymGroup


def load(report):
    for group in read("synonyms.json"):
        terms = "\n".join(group["terms"])
        ensure_snippet(SynonymGroup, {"terms": terms}, {"note": group["note"]}, report, "同義語・表記ゆれ")
