"""The source documents, by the id the data files cite them with."""

DOCUMENTS = {
    "000_94917775dce8781b": "総合的推進体制の確立に向けた取組状況（2017年5月24日）",
    "001_45559b02a0e54ba4": "提言を踏まえた取組状況（2017〜2018年度）",
    "002_afafc30dfec5bfec": "総務省における地域IoT関連施策（2017年10月31日）",
    "003_1be891139cdca5e9": "IT利活用による地方創生（内閣官房、2016年1月14日）",
    "004_ee2d0be82e12c683": "ロードマップの実現に向けた推進方策",
}


def source_note(source):
    """'資料名「該当箇所」' from a data file's {"document", "note"}."""
    if not source:
        return ""
    title = DOCUMENTS.get(source.get("document", ""), source.get("document", ""))
    note = source.get("note", "").strip()
    return f"{title}「{note.strip('「」')}」" if note else title
