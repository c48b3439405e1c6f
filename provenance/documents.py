"""The source documents every seeded fact is quoted from, and where their
texts live (`PORTAL_SEEDS_DIR`, default ../shared/seeds beside the checkout)."""

import os
from pathlib import Path

from django.conf import settings

DOCUMENTS = {
    "000_94917775dce8781b": "総合的推進体制の確立に向けた取組状況（2017年5月24日）",
    "001_45559b02a0e54ba4": "提言を踏まえた取組状況（2017〜2018年度）",
    "002_afafc30dfec5bfec": "総務省における地域IoT関連施策（2017年10月31日）",
    "003_1be891139cdca5e9": "IT利活用による地方創生（内閣官房、2016年1月14日）",
    "004_ee2d0be82e12c683": "ロードマップの実現に向けた推進方策",
}


def document_id(doc):
    """The full id for a short one ("001") or a full one."""
    for key in DOCUMENTS:
        if key == doc or key.split("_")[0] == doc:
            return key
    raise KeyError(f"unknown source document {doc!r}")


def document_title(doc):
    return DOCUMENTS[document_id(doc)]


def seeds_dir():
    configured = os.environ.get("PORTAL_SEEDS_DIR")
    return Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "seeds"


def document_path(doc):
    return seeds_dir() / f"{document_id(doc)}.txt"


def source_note(source):
    """'資料名「該当箇所」' from a data file's {"document", "note"}: how a
    seeded item cites its document."""
    if not source:
        return ""
    title = DOCUMENTS.get(source.get("document", ""), source.get("document", ""))
    note = source.get("note", "").strip()
    return f"{title}「{note.strip('「」')}」" if note else title
