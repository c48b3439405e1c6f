"""Does a quote back a fact? Pure functions over text, no database.

Both sides are compared after the same normalisation (NFKC, whitespace
removed), because the documents are text extracted from slides: full-width
and half-width forms are mixed (１２０ / 120) and lines break anywhere. A
number counts as found when the quote writes it in any of the forms the
documents use (1,500万円 / 1500万 / 15,000,000 / １５００万), a fraction in
either order (1/2 / 2分の1), a date in any of its Western or 和暦 spellings."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction

# Gannen of the eras the documents can name; a date before 2019-05-01 is 平成.
ERAS = ((datetime.date(2019, 5, 1), "令和", "R"), (datetime.date(1989, 1, 8), "平成", "H"))
_SPACE = re.compile(r"\s+")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
# Tildes and dashes that join the two ends of a date range ("7月11日～12日").
_RANGE_JOINERS = ("~", "〜", "-", "－", "―", "‐", "・", "、", "及び", "および")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


_SPACE_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s+(?=\d)")


def _for_numbers(text: str) -> str:
    """normalise() with the thousands separators dropped (15,000,000 →
    15000000), and two numbers a space separates kept apart ("2.2 4.0")."""
    text = _SPACE_BETWEEN_DIGITS.sub("|", unicodedata.normalize("NFKC", text or ""))
    return _DIGIT_COMMA.sub("", _SPACE.sub("", text))


def quote_in_document(quote: str, document: str) -> bool:
    quote = normalise(quote)
    return bool(quote) and quote in normalise(document)


def _number_pattern(form: str) -> re.Pattern:
    # A form must not be the tail or the head of a longer number: "20" is not
    # found in "120", "1/2" is not found in "1/20".
    before = r"(?<![\d.])" if form[:1].isdigit() else ""
    after = r"(?![\d]|\.\d)" if form[-1:].isdigit() else ""
    return re.compile(before + re.escape(form) + after)


def _found(forms, quote: str) -> bool:
    text = _for_numbers(quote)
    return any(_number_pattern(form).search(text) for form in forms)


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def amount_forms(value) -> set[str]:
    """The spellings of an integer or decimal amount: 15000000, 1500万,
    1億5000万 / 1.5億, 0.35 and so on (thousands separators are dropped
    from the quote before comparing)."""
    value = Decimal(str(value))
    forms = {_decimal_text(value)}
    if value == value.to_integral_value() and value >= 10000:
        man = value / 10000
        forms.add(_decimal_text(man) + "万")
        if value >= 10**8:
            oku, rest = divmod(value, 10**8)
            forms.add(_decimal_text(value / 10**8) + "億")
            if not rest:
                forms.add(f"{_decimal_text(oku)}.0億")
            if rest:
                forms.add(f"{_decimal_text(oku)}億{_decimal_text(rest / 10000)}万")
        if value % 10**7 == 0 and value < 10**8:
            forms.add(f"{_decimal_text(value / 10**7)}千万")
    return forms


# A flattened table gives its unit once, in a header: "（億円）当初予算額 … 2.2 4.0".
TABLE_UNITS = {"(億円)": 10**8, "(万円)": 10**4, "(千円)": 10**3}


def _table_forms(value, quote: str) -> set[str]:
    text = normalise(quote)
    forms = set()
    for header, unit in TABLE_UNITS.items():
        if header in text and Decimal(str(value)) % (unit // 10 or 1) == 0:
            scaled = Decimal(str(value)) / unit
            forms |= {_decimal_text(scaled), f"{scaled:.1f}"}
    return forms


def fraction_forms(value: Fraction) -> set[str]:
    return {f"{value.numerator}/{value.denominator}", f"{value.denominator}分の{value.numerator}"}


def percent_forms(value) -> set[str]:
    text = _decimal_text(Decimal(str(value)))
    return {f"{text}%", f"{text}パーセント"}


def _era(day: datetime.date):
    for start, name, letter in ERAS:
        if day >= start:
            return day.year - start.year + 1, name, letter
    return None


def date_forms(day: datetime.date) -> set[str]:
    y, m, d = day.year, day.month, day.day
    forms = {
        f"{y}年{m}月{d}日",
        f"{m}月{d}日",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{m}/{d}",
        f"{m:02d}/{d:02d}",
        f"{m}.{d}",
    }
    era = _era(day)
    if era:
        n, name, letter = era
        forms |= {
            f"{name}{n}年{m}月{d}日",
            f"{letter}{n}.{m}.{d}",
            f"{letter}{n}/{m}/{d}",
            f"{n}年{m}月{d}日",
            f"{n}.{m}.{d}",
        }
    return forms


def date_in_quote(day: datetime.date, quote: str) -> bool:
    """A date is found in any full spelling, or as the second end of a range
    whose first end is in the same month ("7月11日～12日", "1/19・20")."""
    if _found(date_forms(day), quote):
        return True
    text = _for_numbers(quote)
    joiner = "|".join(re.escape(j) for j in _RANGE_JOINERS)
    days = re.compile(
        rf"(?<!\d){day.month}(?:月|/)\d{{1,2}}日?(?:\([^)]*\))?((?:(?:{joiner})\d{{1,2}}日?(?:\([^)]*\))?)+)"
    )
    for match in days.finditer(text):
        if day.day in [int(d) for d in re.findall(rf"(?<![\d])(\d{{1,2}})(?=日|\(|(?:{joiner})|$)", match.group(1))]:
            return True
    return False


def year_forms(year: int) -> set[str]:
    """A calendar or fiscal year: 2017, 平成29年度, H29."""
    era = _era(datetime.date(year, 4, 1))
    forms = {str(year)}
    if era:
        n, name, letter = era
        forms |= {f"{name}{n}年", f"{letter}{n}", f"{n}年度"}
    return forms


def time_forms(moment: datetime.time) -> set[str]:
    h, m = moment.hour, moment.minute
    forms = {f"{h}:{m:02d}", f"{h}時{m}分" if m else f"{h}時"}
    if h > 12:
        forms.add(f"{h - 12}:{m:02d}")
    return forms


_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?(?:億(?:\d+(?:\.\d+)?万)?|万)?")


def numbers_in_text(text: str) -> list[str]:
    """The numbers a sentence states, as written (commas dropped)."""
    return _NUMBER_IN_TEXT.findall(_for_numbers(text))


def _text_number_value(token: str) -> Decimal:
    oku, _, rest = token.partition("億")
    if not rest and not token.count("億"):
        oku, rest = "0", token
    value = Decimal(oku or "0") * 10**8
    if rest.endswith("万"):
        value += Decimal(rest[:-1]) * 10000
    elif rest:
        value += Decimal(rest)
    return value


def value_in_quote(value, quote: str) -> bool:
    """Is this fact value (int, Decimal, date, time, "1/2", "50%", or a
    sentence whose numbers must all appear) written in the quote?"""
    if value is None or value == "" or isinstance(value, bool):
        return True
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return date_in_quote(value, quote)
    if isinstance(value, datetime.time):
        return _found(time_forms(value), quote)
    if isinstance(value, (int, Decimal, float)):
        return _found(amount_forms(value) | _table_forms(value, quote), quote)
    text = _for_numbers(str(value))
    if re.fullmatch(r"\d+/\d+", text):
        return _found(fraction_forms(Fraction(text)), quote)
    if re.fullmatch(r"\d+(?:\.\d+)?%", text):
        return _found(percent_forms(text[:-1]), quote)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        try:
            return _found(amount_forms(Decimal(text)), quote)
        except InvalidOperation:
            return False
    return all(_found({token} | amount_forms(_text_number_value(token)), quote) for token in numbers_in_text(text))


def missing_numbers(value, quote: str) -> list[str]:
    """What of a fact value the quote does not write, for the failure report."""
    if value_in_quote(value, quote):
        return []
    if isinstance(value, str) and not re.fullmatch(r"[\d/.%]+", _for_numbers(value)):
        return [t for t in numbers_in_text(value) if not value_in_quote(t, quote)]
    return [str(value)]
