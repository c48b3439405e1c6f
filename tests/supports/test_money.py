from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supports.money import (
    format_decimal,
    format_rate,
    format_yen,
    is_terminating_decimal,
    parse_fiscal_index,
    parse_rate,
    parse_yen,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30000000", 30_000_000),
        ("30,000,000", 30_000_000),
        ("３０００万円", 30_000_000),
        ("3,000万円", 30_000_000),
        ("1.5億円", 150_000_000),
        ("1億5000万円", 150_000_000),
        ("2000万", 20_000_000),
        ("５００万円", 5_000_000),
        ("３，０００万円", 30_000_000),
        ("  3,000 万円　", 30_000_000),
        ("12,345円", 12_345),
        ("0円", 0),
        ("1億2,345万6,789円", 123_456_789),
        ("15,000万円", 150_000_000),
        ("1兆円", 10**12),
        # Not one clear, non-negative amount.
        ("", None),
        ("   ", None),
        ("円", None),
        ("万円", None),
        ("-5000", None),
        ("−5,000円", None),
        ("1,50,000", None),
        ("30,00", None),
        ("1.5", None),
        ("1.5円", None),
        ("2.0円", None),  # a decimal point in yen is refused even when the value is whole
        ("1億10000万円", None),  # a lower part must stay below its unit, 10,000 included
        ("1億9999万円", 199_990_000),
        ("1.23456万円", None),
        ("1億15000万円", None),
        ("1.5億5000万円", None),
        ("5万1億円", None),
        ("30 000", None),
        ("abc", None),
        ("約3,000万円", None),
        (None, None),
    ],
)
def test_parse_yen(text, expected):
    assert parse_yen(text) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (15_000_000, "1,500万円"),
        (300_000_000, "3億円"),
        (340_000_000, "3億4,000万円"),
        (12_345, "12,345円"),
        (0, "0円"),
        (123_456_789, "1億2,345万6,789円"),
        (20_000_000, "2,000万円"),
        (10_000, "1万円"),
        (8_230_452, "8,230,452円"),
        (100_010_000, "1億1万円"),
        (10**12 + 5 * 10**8, "1兆5億円"),
    ],
)
def test_format_yen(amount, expected):
    assert format_yen(amount) == expected


def test_format_yen_rejects_negative():
    with pytest.raises(ValueError, match="negative amount: -1"):
        format_yen(-1)


@given(st.integers(min_value=0, max_value=10**9).map(lambda n: n * 10_000))
def test_yen_round_trip_for_whole_man(amount):
    assert parse_yen(format_yen(amount)) == amount


@given(st.integers(min_value=0, max_value=10**16))
def test_yen_round_trip_for_any_amount(amount):
    assert parse_yen(format_yen(amount)) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2", Fraction(1, 2)),
        ("2/3", Fraction(2, 3)),
        ("１／２", Fraction(1, 2)),
        (" 10/10 ", Fraction(1)),
    ],
)
def test_parse_rate(text, expected):
    assert parse_rate(text) == expected


@pytest.mark.parametrize("text", ["", "0/2", "3/2", "1/0", "0.5", "1/2/3", "-1/2", "half", None])
def test_parse_rate_rejects(text):
    # The message names the value, so a bad data file is found at once.
    with pytest.raises(ValueError, match="not a rate like|rate must be in") as error:
        parse_rate(text)
    assert repr(text) in str(error.value)


@pytest.mark.parametrize(
    ("text", "reason"), [("1/0", "not a rate like"), ("3/2", "rate must be in"), ("0/2", "rate must be in")]
)
def test_parse_rate_says_why_it_rejects(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_rate(text)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(Fraction(1, 2), "1/2"), (Fraction(2, 3), "2/3"), (Fraction(1), "10/10")],
)
def test_format_rate(rate, expected):
    assert format_rate(rate) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.35", Fraction(35, 100)),
        ("０．３５", Fraction(35, 100)),
        (" 0.4 ", Fraction(2, 5)),
        ("1", Fraction(1)),
        ("10", Fraction(10)),
        ("0", Fraction(0)),
        ("-0.35", None),
        ("10.01", None),
        ("11", None),
        ("", None),
        ("abc", None),
        ("0.3.5", None),
        ("1/2", None),
        (None, None),
    ],
)
def test_parse_fiscal_index(text, expected):
    assert parse_fiscal_index(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(35, 100), "0.35"),
        (Fraction(2, 5), "0.4"),
        (Fraction(8, 10), "0.8"),
        (Fraction(1), "1"),
        (Fraction(10), "10"),
        (Fraction(0), "0"),
        (Fraction(1, 3), "0.333"),
        (Fraction(2, 3), "0.667"),
        (Fraction(-7, 20), "-0.35"),
        (Fraction(-3), "-3"),
        (Fraction(1, 20), "0.05"),
    ],
)
def test_format_decimal(value, expected):
    assert format_decimal(value) == expected


@given(st.integers(min_value=0), st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_format_decimal_is_exact_for_terminating_decimals(numerator, twos, fives):
    value = Fraction(numerator, 2**twos * 5**fives)
    assert is_terminating_decimal(value)
    assert Fraction(format_decimal(value)) == value
