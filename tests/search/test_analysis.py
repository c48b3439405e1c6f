"""What a word is (search/analysis.py, matching.py, synonyms.py): table
tests, no database."""

import pytest

from search.analysis import chunks, encode, es_fields, fold
from search.matching import alternatives, kana_variant, matches, spellings
from search.normalize import normalize
from search.synonyms import group_errors, lookup


@pytest.mark.parametrize(
    "text, expected",
    [
        ("センサー", "センサ"),  # a long word's final ー goes
        ("サーバー室", "サーバ室"),
        ("センサーネットワーク", "センサーネットワーク"),  # not at the word's end
        ("カー", "カー"),  # short words keep it: カー is not カ
        ("ツアー", "ツアー"),
        ("人々", "人人"),
        ("様々な", "様様な"),
        ("いすゞ", "いすず"),
        ("こゝろ", "こころ"),
        ("々", "々"),  # nothing to repeat
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("地域iot実装", [["地", "域", "iot", "実", "装"]]),
        ("無線lan、plan", [["無", "線", "lan"], ["plan"]]),
        ("wi-fi", [["wi", "fi"]]),  # a hyphen joins
        ("地域・iot", [["地", "域"], ["iot"]]),  # 中黒 separates
        ("1,500万円", [["1"], ["500", "万", "円"]]),
        ("society5.0", [["society5", "0"]]),  # letters and digits together are one word
        ("!!!", []),
    ],
)
def test_chunks(text, expected):
    assert chunks(text) == expected


def test_encoding_makes_the_rule_a_substring_test():
    text = encode(normalize("地域ＩｏＴ実装、KIAI道場とAI活用"))
    assert text == "地域_iot_実装 _kiai_道場と_ai_活用"
    for query, found in [
        ("地域IoT", True),
        ("域IoT実", True),
        ("IoT", True),
        ("ai", True),
        ("AI活用", True),
        ("ki", False),
        ("iai", False),
        ("io", False),
        ("実装KIAI", False),
    ]:
        assert matches(alternatives(normalize(query)), text) is found, query


def test_engine_fields_keep_chunks_apart():
    fields = es_fields("地域iot。実装")
    assert fields == {"units": "地 域 iot 実 装", "pairs": ["地|域 域|iot", "実|装"]}


@pytest.mark.parametrize(
    "term, expected",
    [
        ("ちゃっとぼっと", "チャットボット"),
        ("チャットボット", "ちゃっとぼっと"),
        ("すまーとしてぃ", "スマートシティ"),
        ("けあ", ""),  # too short: ケア would match 助けあい
        ("子ども", ""),  # not wholly kana
        ("ヶ所", ""),
    ],
)
def test_kana_variant(term, expected):
    assert kana_variant(term) == expected


def test_synonyms_apply_to_any_width_and_case():
    index = lookup([["Wi-Fi", "WiFi", "無線LAN"], ["申込", "申し込み"]])
    assert spellings(normalize("ＷＩ－ＦＩ"), index) == ["wi-fi", "wifi", "無線lan"]
    assert spellings("wifi", index) == ["wifi", "wi-fi", "無線lan"]
    assert spellings("申込み", index) == ["申込み"]  # only a listed spelling expands
    assert spellings("申し込み", index) == ["申し込み", "申込"]


@pytest.mark.parametrize(
    "terms, others, message",
    [
        (["Wi-Fi", "WiFi"], [], None),
        (["Wi-Fi"], [], "2つ以上"),
        (["センサ", "センサー"], [], "2つ以上"),  # the same after folding
        (["WiFi", "ＷｉＦｉ"], [], "2つ以上"),
        (["Wi-Fi", "!!"], [], "文字がありません"),
        (["無線LAN", "WLAN"], [["Wi-Fi", "無線LAN"]], "別のグループ"),
    ],
)
def test_group_errors(terms, others, message):
    class Other:
        def __init__(self, terms):
            self.terms = terms

        def term_list(self):
            return self.terms

        def __str__(self):
            return " = ".join(self.terms)

    errors = group_errors(terms, [Other(t) for t in others])
    if message is None:
        assert errors == []
    else:
        assert len(errors) == 1 and message in errors[0]


LABELS = {
    "prefecture": {"hokkaido": "北海道", "tokyo": "東京都", "osaka": "大阪府", "fukuoka": "福岡県"},
    "block": {"hokkaido": "北海道", "kyushu": "九州"},
}


@pytest.mark.parametrize(
    "terms, selected, fixed, expected",
    [
        (["福岡", "子育て"], {}, (), [("prefecture", "fukuoka")]),
        (["福岡県"], {}, (), [("prefecture", "fukuoka")]),
        (["東京"], {}, (), [("prefecture", "tokyo")]),
        (["北海道", "防災"], {}, (), [("prefecture", "hokkaido")]),  # the prefecture, not the block
        (["北海"], {}, (), []),
        (["九州"], {}, (), [("block", "kyushu")]),
        (["福岡"], {"prefecture": ("fukuoka",)}, (), []),  # already narrowed
        (["九州"], {}, ("block",), []),  # the page imposes the block
        (["子育て"], {}, (), []),
    ],
)
def test_place_chips(terms, selected, fixed, expected):
    from search.places import place_chips

    assert [(c.facet, c.value) for c in place_chips(terms, LABELS, selected, fixed)] == expected
