"""Spans of time ("two months later", "δύο μήνες μετά", "три дня назад") found in text, and placed.

A span names a time a number of days, weeks, months or years away from another date: the
date written before it for "later" and "earlier", the article's date for "ago". Finding
the phrase is this module's work; ``provenance.dates.find_dates`` picks the date it counts
from, since that needs every other date in the text. The words come from
``provenance/data/relative_dates.json`` (key ``"spans"``, described in ``provenance.dates``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import regex

from provenance import caches
from provenance.dates import _compile, _relative
from provenance.dates._relative import EDGE_AFTER, EDGE_BEFORE, MAX_SPAN_COUNT, SPAN_DIRECTIONS, SpanWords

__all__ = ["Span", "find_spans", "longest_word", "place"]

#: Each direction's sign: "later" counts forward, "earlier" and "ago" back.
_SIGNS: Mapping[str, int] = {"later": 1, "earlier": -1, "ago": -1}
#: Digits glued to a number before them by a decimal point are its fraction ("1.5 years").
_DIGITS = r"(?<!\p{N}[.,])(?P<digits>\p{Nd}+)"
#: A phrase followed by a number is a date's part ("before 5 March", Arabic "بعد عام 2020": after
#: the year 2020), not a span.
_NO_NUMBER_AFTER = r"(?!\s*\p{N})"
_WORD = regex.compile(r"[\p{L}\p{M}]+")


@dataclass(frozen=True)
class Span:
    """A span of time written at ``text[start:end]``: ``count`` ``unit``s in ``direction``."""

    start: int
    end: int
    count: int
    #: One of ``_relative.SPAN_UNITS``.
    unit: str
    #: One of ``_relative.SPAN_DIRECTIONS``.
    direction: str


@dataclass(frozen=True)
class _Matcher:
    pattern: regex.Pattern[str]
    words: SpanWords
    #: Casefolded pieces of the direction words, one of which any phrase contains.
    prescan: tuple[str, ...]


def longest_word(phrase: str) -> str:
    """The longest run of letters in ``phrase`` (the first of equal ones; ``phrase`` if none).

    What the cheap scans before a phrase pattern look for (spans' direction words here, and
    mentions' platform words and update notes' leads): a phrase's longest word tells it from
    other text best, and a literal search finds it whatever spaces, apostrophes and dots the
    pattern allows around it.
    """
    words: list[str] = _WORD.findall(phrase)
    return max(words or [phrase], key=len)


def _directions(words: Mapping[str, tuple[str, ...]], side: str) -> str | None:
    groups = [
        f"(?P<{side}_{direction}>{_compile.alternation(words[direction])})"
        for direction in SPAN_DIRECTIONS
        if words.get(direction)
    ]
    return "(?:" + "|".join(groups) + ")" if groups else None


@caches.register
@lru_cache(maxsize=16)
def _matcher(code: str) -> _Matcher | None:
    words = _relative.languages()[code].spans
    if words is None:
        return None
    number = rf"(?:{_DIGITS}|(?P<number>{_compile.alternation(words.numbers)}))"
    unit = rf"(?P<unit>{_compile.alternation(words.units)})"
    count = rf"(?:{number}\s+{unit}|(?P<counted>{_compile.alternation(words.counted)}))"
    branches = []
    before = _directions(words.before, "before")
    if before is not None:
        branches.append(rf"{before}\s+{count}")
    after = _directions(words.after, "after")
    if after is not None:
        branches.append(rf"{count}\s+{after}")
    if not branches:
        return None
    ignore = rf"(?:(?P<ignored>{_compile.alternation(words.ignore_after)})\s+)?" if words.ignore_after else ""
    source = EDGE_BEFORE + ignore + "(?:" + "|".join(branches) + ")" + EDGE_AFTER + _NO_NUMBER_AFTER
    phrases = [phrase for side in (words.before, words.after) for group in side.values() for phrase in group]
    prescan = tuple(sorted({longest_word(phrase.casefold()) for phrase in phrases}))
    return _Matcher(regex.compile(source, _compile.FLAGS), words, prescan)


def _read(match: regex.Match[str], words: SpanWords) -> Span | None:
    # A language's pattern lacks the groups its data gives no words for.
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    if "ignored" in groups:
        return None
    direction = next((d for d in SPAN_DIRECTIONS if f"before_{d}" in groups or f"after_{d}" in groups), None)
    if "counted" in groups:
        counted = _relative.lookup(words.counted, groups["counted"])[1]
        if counted is None:
            return None
        unit, count = counted
    else:
        found_unit = _relative.lookup(words.units, groups["unit"])[1]
        number = int(groups["digits"]) if "digits" in groups else _relative.lookup(words.numbers, groups["number"])[1]
        if found_unit is None or number is None:
            return None
        unit, count = found_unit, number
    if direction is None or not 1 <= count <= MAX_SPAN_COUNT:
        return None
    return Span(match.start(), match.end(), count, unit, direction)


def find_spans(text: str, lang: str | None) -> Iterator[Span]:
    """Each span of time written in ``text``, in the declared language's words (else every language's)."""
    folded: str | None = None
    for code in _relative.codes(lang):
        matcher = _matcher(code)
        if matcher is None:
            continue
        folded = text.casefold() if folded is None else folded
        if not any(piece in folded for piece in matcher.prescan):
            continue
        for match in matcher.pattern.finditer(text):
            span = _read(match, matcher.words)
            if span is not None:
                yield span


def place(span: Span, anchor: date) -> date | None:
    """The day ``span`` names counted from ``anchor``, by the calendar (months and years keep the
    day of the month, clamped to the month's end); None beyond the calendar's range."""
    steps = _SIGNS[span.direction] * span.count
    try:
        if span.unit in ("day", "week"):
            return anchor + timedelta(days=steps * (7 if span.unit == "week" else 1))
        months = steps * (12 if span.unit == "year" else 1)
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
        month += 1
        if not date.min.year <= year <= date.max.year:
            return None
        return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))
    except OverflowError:
        return None
