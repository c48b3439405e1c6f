import datetime
from decimal import Decimal

import pytest

from provenance.checks import normalise, quote_in_document, value_in_quote
from provenance.facts import Fact, expand, item_problems


@pytest.mark.parametrize(
    "value, quote, found",
    [
        (15000000, "上限1,500万円", True),
        (15000000, "上限1500万", True),
        (15000000, "15,000,000円", True),
        (15000000, "１５００万円", True),
        (15000000, "上限150万円", False),
        (20, "120団体", False),
        (2018, "Ｈ28 Ｈ29 Ｈ30（案）", False),
        (120, "１２０団体（2018年2月8日現在）", True),
        (157000000, "1.57億円", True),
        (1570000000, "15.7億円", True),
        (150000000, "1億5000万円", True),
        (20000000, "2千万円", True),
        (500000000, "5.0億円(新規)", True),
        (400000000, "（億円）当初予算額 Ｈ28 Ｈ29 Ｈ30（案） － 2.2 4.0", True),
        (400000000, "Ｈ28 Ｈ29 Ｈ30（案） － 2.2 4.0", False),
        (400000000, "（億円）当初予算額 － 2.2 4.5", False),
        (Decimal("0.5"), "財政力指数0.5以下", True),
        (Decimal("0.5"), "財政力指数0.55以下", False),
        ("1/2", "事業費の1/2補助", True),
        ("1/2", "２分の１を措置", True),
        ("1/2", "1／2", True),
        ("1/2", "1/20", False),
        ("2/3", "1/2", False),
        ("50%", "５０％", True),
        ("50%", "150%", False),
        (datetime.date(2017, 7, 11), "2017年7月11日に設立", True),
        (datetime.date(2017, 7, 11), "７月１１日（火）", True),
        (datetime.date(2017, 7, 11), "平成29年7月11日", True),
        (datetime.date(2017, 7, 11), "H29.7.11", True),
        (datetime.date(2017, 7, 11), "7/11 官民ネット", True),
        (datetime.date(2017, 7, 11), "7/1 官民ネット", False),
        (datetime.date(2017, 7, 11), "7/111", False),
        (datetime.date(2017, 7, 12), "7月11日～12日", True),
        (datetime.date(2017, 6, 21), "6月8日、20・21日に開催", True),
        (datetime.date(2017, 7, 13), "7月11日～12日", False),
        (datetime.time(14, 0), "14:00～16:45", True),
        (datetime.time(16, 45), "14:00～16:45", True),
        (datetime.time(15, 0), "14:00～16:45", False),
        ("認定活動家627名、登録者53,000人", "627名 53000人", True),
        ("認定活動家627名、登録者53,000人", "627名", False),
        ("", "anything", True),
    ],
)
def test_value_in_quote(value, quote, found):
    assert value_in_quote(value, quote) is found


def test_normalised_quotes_are_found_across_widths_and_line_breaks():
    document = "「沖縄ＩｏＴ実装推進研究会」を立ち上げる\nことを決定"
    assert quote_in_document("沖縄IoT実装推進研究会」を立ち上げることを", document)
    assert not quote_in_document("沖縄IoT実装推進協議会", document)
    assert not quote_in_document("", document)
    assert normalise("ＡＢ　１ ２\t") == "AB12"


FACTS = [
    Fact("budget_yen", "number"),
    Fact("effects[*].value", "number"),
    Fact("venue", "name"),
    Fact("selected_100", "flag"),
]
DOCUMENTS = {"001": "予算額 1,500万円。効果 85% と 627名。会場：札幌市 北海道総合通信局。"}


@pytest.mark.parametrize(
    "item, problems",
    [
        (
            {"budget_yen": 15000000, "quotes": [{"doc": "001", "fields": ["budget_yen"], "text": "予算額 1,500万円"}]},
            [],
        ),
        (
            {"budget_yen": 15000000, "quotes": [{"doc": "001", "fields": ["budget_yen"], "text": "効果 85%"}]},
            ["引用1 budget_yen: 数値・日付「15000000」が引用にありません"],
        ),
        (
            {"budget_yen": 15000000, "quotes": [{"doc": "001", "fields": ["budget_yen"], "text": "予算額 2,000万円"}]},
            ["引用1: 資料001に見つかりません「予算額 2,000万円」", "引用のない事実: budget_yen"],
        ),
        ({"budget_yen": 15000000}, ["引用のない事実: budget_yen"]),
        ({"budget_yen": None, "selected_100": False}, []),
        ({"selected_100": True}, ["根拠のない表示（フラグ）: selected_100"]),
        (
            {
                "effects": [{"value": 85}, {"value": 627}],
                "quotes": [{"doc": "001", "fields": ["effects[0]"], "text": "効果 85%"}],
            },
            ["引用のない事実: effects[1].value"],
        ),
        (
            {"effects": [{"value": 85}], "quotes": [{"doc": "001", "fields": ["effects"], "text": "と 627名"}]},
            ["引用1 effects[0].value: 数値・日付「85」が引用にありません"],
        ),
        ({"venue": "札幌市", "quotes": [{"doc": "001", "fields": ["venue"], "text": "会場：札幌市"}]}, []),
        (
            {"venue": "函館市", "quotes": [{"doc": "001", "fields": ["venue"], "text": "会場：札幌市"}]},
            ["引用1 venue: 名称「函館市」が引用にありません", "引用のない名称: venue「函館市」"],
        ),
        ({"quotes": [{"doc": "009", "fields": [], "text": "x"}]}, ["引用1: 資料「009」がありません"]),
        (
            {"quotes": [{"doc": "001", "fields": ["summary"], "text": "予算額"}]},
            ["引用1: 項目「summary」がデータにありません"],
        ),
        (
            {"summary": "効果は85%", "quotes": [{"doc": "001", "fields": ["summary"], "text": "予算額"}]},
            ["引用1 summary: 数値・日付「85」が引用にありません"],
        ),
    ],
)
def test_item_problems(item, problems):
    assert item_problems(item, FACTS, DOCUMENTS) == problems


def test_expand_patterns():
    item = {"rules": [{"options": [{"rate": "1/2"}, {"rate": None}]}, {"options": []}]}
    assert expand(item, "rules[*].options[*].rate") == [
        ("rules[0].options[0].rate", "1/2"),
        ("rules[0].options[1].rate", None),
    ]
    assert expand(item, "rules[1].options[0].rate") == []


@pytest.mark.parametrize(
    "name, quote, found",
    [
        ("石巻市", "【防災（石巻市モデル）】", True),
        ("人吉市", "【防災（人吉モデル）】", True),
        ("森町", "【防災（森モデル）】", False),
        ("人吉市", "人吉", False),
        ("沖縄情報通信協議会／沖縄情報通信懇談会", "「沖縄情報通信懇談会」に", True),
        ("沖縄情報通信協議会／沖縄情報通信懇談会", "沖縄情報通信会議", False),
    ],
)
def test_name_in_quote(name, quote, found):
    from provenance.facts import name_in_quote

    assert name_in_quote(name, quote) is found


def test_every_spelling_of_a_name_is_quoted():
    facts = [Fact("council", "name")]
    documents = {"000": "沖縄情報通信協議会に", "001": "「沖縄情報通信懇談会」に"}
    both = "沖縄情報通信協議会／沖縄情報通信懇談会"
    one = {"council": both, "quotes": [{"doc": "000", "fields": ["council"], "text": "沖縄情報通信協議会に"}]}
    assert item_problems(one, facts, documents) == ["引用のない名称: council「沖縄情報通信懇談会」"]
    one["quotes"].append({"doc": "001", "fields": ["council"], "text": "沖縄情報通信懇談会"})
    assert item_problems(one, facts, documents) == []
