"""Source notes as the data files cite the documents."""

from provenance.documents import DOCUMENTS


def source_note(source):
    """'資料名「該当箇所」' from a data file's {"document", "note"}."""
    if not source:
        return ""
    title = DOCUMENTS.get(source.get("document", ""), source.get("document", ""))
    note = source.get("note", "").strip()
    return f"{title}「{note.strip('「」')}」" if note else title
