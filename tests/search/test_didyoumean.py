"""「もしかして」: the rules as pure functions, then on both backends
against the seeded content."""

import pytest
from django.http import QueryDict

from search import didyoumean, service

WORDS = didyoumean.vocabulary(
    ["チャットボットの導入", "チャットボット", "防災情報システム", "Wi-Fi整備", "センサーネットワーク"]
)


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("チャットボッド", "チャットボット", 1),
        ("abc", "abc", 0),
        ("abc", "abd", 1),
        ("kitten", "sitting", 3),
        ("", "ab", 2),
    ],
)
def test_edit_distance(a, b, distance):
    assert didyoumean.edit_distance(a, b, limit=5) == distance


def test_edit_distance_stops_past_its_limit():
    assert didyoumean.edit_distance("あいうえお", "かきくけこ", limit=1) == 2


@pytest.mark.parametrize(
    "query, expected",
    [
        ("チャットボッド", "チャットボット"),
        ("チャットボッド 導入", "チャットボット 導入"),
        ("防災チャトボット", "防災チャットボット"),
        ("ボット", None),  # known: inside チャットボット
        ("防災", None),
        ("ネットワーク", None),
        ("ゼンゼンチガウコトバ", None),  # nothing close enough
        ("wi", None),
        ("xyz", None),  # too far from anything
    ],
)
def test_suggest(query, expected):
    assert didyoumean.suggest(query, WORDS) == expected


def test_scripts_are_kept_apart():
    words = didyoumean.vocabulary(["ボット", "bot"])
    assert didyoumean.suggest("ぼっと", words) is None  # hiragana is not compared with katakana
    assert didyoumean.suggest("bit", words) == "bot"
    assert didyoumean.script("ボット") == "katakana" and didyoumean.script("防災") == "kanji"
    assert didyoumean.script("iot") == "latin" and didyoumean.script("ぼうさい") == "hiragana"


def run(query):
    return service.search(QueryDict(query), log_query=False)


@pytest.mark.django_db
def test_a_typo_gets_a_link_to_the_word_the_content_uses(backend):
    result = run("q=チャットボッド")
    assert result.count == 0
    assert result.suggestion[0] == "チャットボット"
    assert run(result.suggestion[1]).count > 0


@pytest.mark.django_db
def test_a_query_with_results_gets_no_suggestion(backend):
    result = run("q=チャットボット")
    assert result.count > 0 and result.suggestion == ()


@pytest.mark.django_db
def test_no_suggestion_when_the_correction_finds_nothing_either(backend):
    result = run("q=チャットボッド&kind=seminar&year=1990")
    assert result.count == 0 and result.suggestion == ()


@pytest.mark.django_db
def test_the_page_and_the_api_show_it(client, backend):
    page = client.get("/search/?q=チャットボッド").content.decode()
    assert "もしかして：" in page and "チャットボット</a>" in page
    assert client.get("/api/search/?q=チャットボッド").json()["suggestion"] == "チャットボット"
    assert client.get("/api/search/?q=チャットボット").json()["suggestion"] is None
