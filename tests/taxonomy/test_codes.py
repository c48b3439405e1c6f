"""全国地方公共団体コード: check digits and the forms a user may type."""

import pytest

from taxonomy import codes


@pytest.mark.parametrize(
    "code5, digit",
    [
        ("01205", "0"),  # 室蘭市 012050
        ("13101", "6"),  # 千代田区 131016
        ("12238", "6"),  # いすみ市 122386
        ("47361", "8"),  # 久米島町 473618
        ("01100", "2"),  # 札幌市 011002
    ],
)
def test_check_digit(code5, digit):
    assert codes.check_digit(code5) == digit


def test_check_digit_when_the_remainder_is_zero_or_one():
    # 0 → 11 → "1" and 1 → 10 → "0": only the last digit is kept.
    assert codes.check_digit("00000") == "1"
    assert codes.check_digit("01205") == "0"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01205", "012050"),
        ("012050", "012050"),
        ("０１２０５", "012050"),
        (" 12238 ", "122386"),
        ("012051", None),  # wrong check digit
        ("1205", None),
        ("0120500", None),
        ("abcde", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_code(text, expected):
    assert codes.normalise_code(text) == expected


def test_check_digit_refuses_what_is_not_five_digits():
    with pytest.raises(ValueError):
        codes.check_digit("1234")
