"""The editors' starting set of 同義語・表記ゆれ groups
(seedcontent/data/synonyms.json: general IT and administrative vocabulary,
no facts about anyone), found by their terms."""

from seedcontent.sync import ensure_snippet, read

from .indexing import rebuild_documents
from .models import SynonymGroup


def load(report):
    for group in read("synonyms.json"):
        terms = "\n".join(group["terms"])
        ensure_snippet(SynonymGroup, {"terms": terms}, {"note": group["note"]}, report, "同義語・表記ゆれ")


def rebuild(report):
    """The last loader: the search documents of everything loaded before it."""
    report.note(f"検索文書: {rebuild_documents()}件")
