"""全国地方公共団体コード: the 6-digit code is the 5-digit one plus a check
digit, so either form names a body and a mistyped code is caught."""

import re
import unicodedata


def check_digit(code5):
    """The sixth digit of a 全国地方公共団体コード (総務省's rule: weights 6…2,
    11 minus the remainder mod 11, keeping only its last digit)."""
    if not re.fullmatch(r"\d{5}", code5):
        raise ValueError(f"not a 5-digit code: {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=False))
    return str((11 - total % 11) % 10)


def normalise_code(text):
    """The 6-digit code for a 5- or 6-digit one (full-width digits allowed),
    or None when it is not a valid code: a 6-digit code whose check digit is
    wrong is refused rather than guessed at."""
    digits = unicodedata.normalize("NFKC", text or "").strip()
    if re.fullmatch(r"\d{5}", digits):
        return digits + check_digit(digits)
    if re.fullmatch(r"\d{6}", digits) and check_digit(digits[:5]) == digits[5]:
        return digits
    return None
