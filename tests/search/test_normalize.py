import pytest

from search.normalize import MAX_QUERY_LENGTH, MAX_TERMS, clean_query, normalize, query_terms
from search.results import highlight


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ＩｏＴ", "iot"),
        ("IoT", "iot"),
        ("ｉｏｔ", "iot"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("１２０", "120"),
        ("防災\u3000教育", "防災 教育"),
        ("a\x00b\x1fc", "a b c"),
        ("  横浜市港北区  ", "横浜市港北区"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("empty", ["", None, "\u3000 \t"])
def test_nothing_normalises_to_the_empty_string(empty):
    assert normalize(empty) == ""
    assert query_terms(clean_query(empty)) == []


def test_query_is_bounded_in_length_and_terms():
    assert len(clean_query("あ" * 10_000)) == MAX_QUERY_LENGTH
    assert len(query_terms(" ".join(f"語{i}" for i in range(50)))) == MAX_TERMS
    assert query_terms("防災 防災 教育") == ["防災", "教育"]


def test_highlight_marks_every_occurrence_in_the_original_text():
    html = highlight("ＩｏＴを活用した、IoTによる見守り", ["iot"])
    assert html.count("<mark>") == 2
    assert "<mark>ＩｏＴ</mark>" in html and "<mark>IoT</mark>" in html


def test_highlight_escapes_html_in_content():
    html = highlight("<script>alert(1)</script>子育て", ["子育て"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>子育て</mark>" in html


def test_highlight_centres_on_a_late_match():
    text = "あ" * 300 + "マンゴー" + "い" * 300
    html = highlight(text, ["マンゴー"])
    assert html.startswith("…") and html.endswith("…") and "<mark>マンゴー</mark>" in html


def test_highlight_never_cuts_a_match_at_the_end_of_the_snippet():
    # The second IoT straddles the snippet's end: it is shown whole.
    text = "IoT" + "あ" * 117 + "IoTの実装" + "い" * 100
    html = highlight(text, ["iot"], length=121)
    assert html.count("<mark>IoT</mark>") == 2 and "<mark>Io</mark>" not in html
