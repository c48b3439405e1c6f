"""Yen amounts, subsidy rates and fiscal indices, kept exact.

Subsidies are paid in whole yen and rounded down, so amounts are ``int`` and rates
are ``Fraction``: with floats, 1/3 of 30,000,000 yen is 9,999,999.999… and rounding
down would cost the applicant a yen.  Government pages write amounts as
"3億4,000万円" and users type them the same way (often in full-width digits), so
parsing and formatting follow that style.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "format_decimal",
    "format_rate",
    "format_yen",
    "is_terminating_decimal",
    "parse_fiscal_index",
    "parse_rate",
    "parse_yen",
]

# Largest unit first: the order in which they are written.
_UNITS = (("兆", 10**12), ("億", 10**8), ("万", 10**4))
_UNIT_CHARS = "".join(unit for unit, _ in _UNITS) + "円"

# Either plain digits or correctly grouped thousands; "1,50,000" is rejected
# because a misplaced comma usually means a typo in the amount itself.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_YEN_RE = re.compile(
    "".join(rf"(?:(?P<u{i}>{_NUMBER}){unit})?" for i, (unit, _) in enumerate(_UNITS)) + rf"(?P<rest>{_NUMBER})?円?",
    re.ASCII,  # NFKC leaves e.g. Arabic-Indic digits alone; \d must not accept them
)
_SPACE_AROUND_UNIT_RE = re.compile(rf"\s*([{_UNIT_CHARS}])\s*")
_RATE_RE = re.compile(r"(\d+)/(\d+)", re.ASCII)
_DECIMAL_RE = re.compile(r"\d+(?:\.\d+)?", re.ASCII)

_MAX_FISCAL_INDEX = Fraction(10)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_yen(text: str | None) -> int | None:
    """Read an amount as written on Japanese pages; None when it is not one clear amount.

    A decimal is only accepted in the leading part with a unit ("1.5億円"); lower
    parts must stay below their unit ("1億15000万円" is ambiguous and rejected).
    """
    if not isinstance(text, str):
        return None
    normalised = _SPACE_AROUND_UNIT_RE.sub(r"\1", _normalise(text))
    match = _YEN_RE.fullmatch(normalised)
    if not match:
        return None
    sizes = [size for _, size in _UNITS] + [1]
    parts = [
        (match.group(name), size)
        for name, size in zip([f"u{i}" for i in range(len(_UNITS))] + ["rest"], sizes, strict=False)
        if match.group(name) is not None
    ]
    if not parts:
        return None
    total = Fraction(0)
    for position, (digits, size) in enumerate(parts):
        value = Fraction(digits.replace(",", ""))
        if "." in digits and (len(parts) > 1 or size == 1):
            return None
        if position > 0 and value >= 10_000:
            return None
        total += value * size
    if total.denominator != 1:
        return None
    return int(total)


def format_yen(amount: int) -> str:
    """Write an amount the way ministry pages do: 340,000,000 → "3億4,000万円".

    Round amounts and amounts of 1億 or more read best in 万/億 units; an exact
    odd amount below 1億 ("12,345円", "8,230,452円") is clearer digit by digit.
    """
    if amount < 0:
        raise ValueError(f"negative amount: {amount}")
    if amount < _UNITS[1][1] and amount % _UNITS[-1][1]:
        return f"{amount:,}円"
    if amount == 0:
        return "0円"
    parts = []
    rest = amount
    for unit, size in _UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{unit}")
    if rest:
        parts.append(f"{rest:,}")
    return "".join(parts) + "円"


def parse_rate(text: str) -> Fraction:
    """Read a subsidy rate written as a fraction ("1/2", "２／３", "10/10").

    Raises instead of returning None: rates come from curated program data, where a
    bad value is a bug to surface, not user input to tolerate.
    """
    match = _RATE_RE.fullmatch(_normalise(text)) if isinstance(text, str) else None
    if not match or int(match.group(2)) == 0:
        raise ValueError(f"not a rate like '1/2': {text!r}")
    rate = Fraction(int(match.group(1)), int(match.group(2)))
    if not 0 < rate <= 1:
        raise ValueError(f"rate must be in (0, 1]: {text!r}")
    return rate


def format_rate(rate: Fraction) -> str:
    """Write a rate as the programs do; a full subsidy is conventionally "10/10"."""
    if rate == 1:
        return "10/10"
    return f"{rate.numerator}/{rate.denominator}"


def parse_fiscal_index(text: str | None) -> Fraction | None:
    """Read a 財政力指数 (a non-negative decimal; real values stay far below 10)."""
    if not isinstance(text, str):
        return None
    normalised = _normalise(text)
    if not _DECIMAL_RE.fullmatch(normalised):
        return None
    value = Fraction(normalised)
    return value if value <= _MAX_FISCAL_INDEX else None


def is_terminating_decimal(value: Fraction) -> bool:
    return _decimal_places(value) is not None


def _decimal_places(value: Fraction) -> int | None:
    denominator, places = value.denominator, 0
    for prime in (2, 5):
        count = 0
        while denominator % prime == 0:
            denominator //= prime
            count += 1
        places = max(places, count)
    return places if denominator == 1 else None


def format_decimal(value: Fraction) -> str:
    """Write a fraction as a plain decimal ("0.35"): exact when it terminates, else to 3 places."""
    places = _decimal_places(value)
    if places is None:
        return format(Decimal(value.numerator) / Decimal(value.denominator), ".3f")
    sign = "-" if value < 0 else ""
    digits = str(abs(value.numerator) * 10**places // value.denominator).rjust(places + 1, "0")
    # places is the exact count of decimals, so the fraction never ends in 0.
    whole, fraction = digits[: len(digits) - places], digits[len(digits) - places :]
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
