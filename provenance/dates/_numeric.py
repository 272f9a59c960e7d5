"""All-number dates: ISO and other year-first forms, and day/month/year in either order."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import regex

from provenance.dates import _cldr

__all__ = ["MAX_YEAR", "MIN_YEAR", "NUMERIC", "NumericDate", "read_numeric", "to_int", "valid_date"]

#: Four-digit years outside this range are read as something else (a count, a code, a
#: page number): no post or article we check was written before the web or after 2100.
MIN_YEAR = 1990
MAX_YEAR = 2100

# Neither part of a longer number or code (versions, IP addresses, phone numbers, URLs)
# nor glued to Latin letters ("v1.2.2025"); letters of scripts without spaces may touch it.
_BEFORE = r"(?<![\p{N}\p{Latin}_./+\-])"
_AFTER = r"(?!\p{N}|[-./,]\p{N})"
# Bidi marks that Arabic dates carry around their separators (CLDR's ar medium pattern).
_MARK = r"[\u200e\u200f\u061c]?"
_SEP1 = rf"{_MARK}(?P<s1>[-./]){_MARK}\s?"
_SEP2 = rf"{_MARK}(?P<s2>[-./]){_MARK}\s?"
# A date spaced out with dots ends with one in Serbian, Croatian, Korean and Hungarian; in
# "am 14.04.2025." the dot ends the sentence.
_FINAL_DOT = r"(?:(?<=\.\s\d+)\.)?"
NUMERIC = regex.compile(
    _BEFORE
    + rf"(?:(?P<y1>\d{{4}}){_SEP1}(?P<a1>\d{{1,2}}){_MARK}(?P=s1){_MARK}\s?(?P<b1>\d{{1,2}})"
    + rf"|(?P<a2>\d{{1,2}}){_SEP2}(?P<b2>\d{{1,2}}){_MARK}(?P=s2){_MARK}\s?(?P<y2>\d{{4}}))"
    + _FINAL_DOT
    + _AFTER
)


@dataclass(frozen=True)
class NumericDate:
    """What an all-number date says: a day, or None when its order is unknown and matters."""

    day: date | None
    ambiguous: bool


def to_int(digits: str) -> int:
    """The value of a run of decimal digits in any script (Arabic-Indic, Devanagari, …)."""
    value = 0
    for char in digits:
        value = value * 10 + unicodedata.decimal(char)
    return value


def valid_date(year: int, month: int, day: int) -> date | None:
    """The calendar date, or None when it does not exist or the year is implausible."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_numeric(match: regex.Match[str], lang: str | None) -> NumericDate | None:
    """The date a ``NUMERIC`` match names; when both orders give a day, ``lang``'s CLDR short
    date order picks one, and without a language the date is ambiguous."""
    if match.group("y1") is not None:
        day = valid_date(to_int(match["y1"]), to_int(match["a1"]), to_int(match["b1"]))
        return NumericDate(day, False) if day else None
    first, second, year = to_int(match["a2"]), to_int(match["b2"]), to_int(match["y2"])
    name = _cldr.locale_id(lang) if lang else None
    day_first = valid_date(year, second, first)
    month_first = valid_date(year, first, second)
    if name is not None and day_first and month_first:
        return NumericDate(month_first if _cldr.numeric_order(name) == "MD" else day_first, False)
    if day_first and month_first and day_first != month_first:
        return NumericDate(None, True)
    # Only one reading is a real day (13/04/2025): that is the date, whatever the language.
    day = day_first or month_first
    return NumericDate(day, False) if day else None
