"""The text index's tokens say what the substring rule says (pure: no database)."""

import itertools
import random

import pytest

from search.analysis import encode as encode_normalised
from search.analysis import encode_chunk
from search.matching import alternatives, matches
from search.normalize import normalize
from search.textindex import chunk_tokens, encoded_units, index_tokens, needs_verifying


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("地域", {"地", "域", "地域"}),
        ("地域IoT実", {"地", "域", "iot", "実", "地域", "域iot", "iot実", "地域iot", "域iot実"}),
        ("Wi-Fi-5", {"wi", "fi", "5", "wi·fi", "fi·5", "wi·fi·5"}),
        ("東京 都", {"東", "京", "都", "東京"}),  # no run across two chunks
        ("人々", {"人", "人人"}),  # iteration mark written out before units are cut
    ],
)
def test_a_row_holds_the_runs_of_up_to_three_units_inside_each_chunk(text, tokens):
    assert set(index_tokens(encode(text)).split(" ")) == tokens


@pytest.mark.parametrize(
    "query, tokens, verified",
    [
        ("港", ["港"], False),
        ("IoT", ["iot"], False),
        ("港北", ["港北"], False),
        ("港北区", ["港北区"], False),
        ("Wi-Fi", ["wi·fi"], False),
        ("地域IoT", ["地域iot"], False),
        ("横浜市港北区", ["横浜市", "浜市港", "市港北", "港北区"], True),
        ("地域IoT実装", ["地域iot", "域iot実", "iot実装"], True),
    ],
)
def test_a_query_chunk_asks_for_itself_or_its_runs_of_three(query, tokens, verified):
    (chunk,) = encode(query).split(" ")
    assert chunk_tokens(chunk) == tokens
    assert needs_verifying(chunk) is verified


def test_encoded_units_read_back_what_encode_wrote():
    assert encoded_units(encode_chunk(["地", "域", "iot", "5g"])) == [
        ("地", False),
        ("域", False),
        ("iot", True),
        ("5g", True),
    ]


def encode(text):
    return encode_normalised(normalize(text))


def _index_answer(text, query):
    """What the index finds (every token present) and verification keeps."""
    held = set(index_tokens(encode(text)).split(" "))
    encoded = encode(text)
    for alternative in alternatives(normalize(query)):
        chunks = [encode_chunk(chunk) for chunk in alternative]
        if all(token in held for chunk in chunks for token in chunk_tokens(chunk)) and all(
            chunk in encoded for chunk in chunks if needs_verifying(chunk)
        ):
            return True
    return False


@pytest.mark.parametrize(
    "text, query",
    [
        ("横浜市港北区の取組", "港北区"),
        ("横浜市港北区の取組", "北区"),
        ("東京 都庁", "東京都"),  # pairs from two chunks do not make a match
        ("区北港と港北", "港北区"),
        ("横浜市と浜市港と市港北と港北区", "横浜市港北区"),  # every run of three present, never in one place
        ("wif-i", "wi-fi"),
        ("KIAI", "AI"),
        ("AI活用", "AI"),
        ("公衆無線LAN", "無線LAN"),
        ("PLAN", "LAN"),
        ("地域IoT実装推進事業", "地域IoT"),
    ],
)
def test_the_index_and_the_substring_rule_agree(text, query):
    assert _index_answer(text, query) == matches(alternatives(normalize(query)), encode(text))


def test_they_agree_on_random_texts_and_every_substring_of_them():
    rng = random.Random(15)
    letters = "港北区南地域実装東京都ーアイ" + "ab"
    for _ in range(200):
        text = "".join(rng.choice(letters + " -") for _ in range(rng.randint(1, 12)))
        other = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        for start, end in itertools.combinations(range(len(other) + 1), 2):
            query = other[start:end]
            if alternatives(query):
                assert _index_answer(text, query) == matches(alternatives(query), encode(text)), (text, query)
