"""Dates in any language: the date an embed shows, and the dates in posts and prose.

Month and weekday names, era names and the order of day, month and year come from CLDR
through Babel, shipped for the supported locales (``_shipped``: Babel is imported only for
another locale); each locale's long, medium and full date patterns (and its day-month
skeletons) are turned into one ``regex`` per language, compiled once on first use. See
``SUPPORTED_LOCALES`` for the languages tried and why.

- ``match_date(text, pos, lang)`` reads a full date starting at ``pos``: the extractor's
  call after ``(@handle)`` in a flattened embed.
- ``parse_date(text, lang)`` reads a string that is only a date.
- ``find_dates(text, lang, reference)`` lists every date in running text: full dates,
  day-month dates (given a year by ``reference``), numeric dates, relative dates
  ("yesterday", "on Monday") resolved against ``reference``, and spans of time ("two months
  later", kind ``approximate``) counted from the date written before them.
- ``month_names(lang)`` is CLDR's month names of one language, for other modules' lookups.

Relative dates read ``provenance/data/relative_dates.json``, which a newsroom may extend.
It maps a language code (one CLDR knows) to an object with any of these keys; every phrase
is matched case-insensitively as whole words, any run of spaces matching its spaces:

- ``"day_before_yesterday"``, ``"yesterday"``, ``"today"``, ``"tomorrow"``,
  ``"day_after_tomorrow"``: lists of phrases naming that day ("gestern", "heute morgen").
- ``"on_weekday"``: ``{"before": [...], "after": [...], "alone": bool}``: words before or
  after a weekday name that make it a date ("on", "τη", "günü"); with ``"alone": true``
  a weekday name by itself is one too (French "lundi"). It names the most recent such
  day on or before the reference (news style names the weekday for the day itself too).
- ``"last_weekday"``: ``{"before": [...], "after": [...]}``: words for "last" ("geçen",
  "dernier"); the weekday is then the most recent such day strictly before the reference.
- ``"weekday_inflections"``: ``{"wednesday": ["среду"], ...}``: forms of a weekday name
  that CLDR's wide names lack (Russian accusative, Portuguese "segunda").
- ``"ignore"``: phrases that contain one of the words above but are no date ("guten
  Morgen", "Mardi gras"); they hide the words inside them.
- ``"spans"``: words for spans of time, NUMBER UNIT and a word for the direction ("two months
  later", "через два месяца", "il y a trois jours"), an object with any of these keys:

  - ``"numbers"``: ``{"two": 2, "a": 1, ...}``: number words (every inflection: "zwei",
    "einem", "δύο", "τριών") and their counts; digits are read in every language.
  - ``"units"``: ``{"day": [...], "week": [...], "month": [...], "year": [...]}``: forms of
    each unit that follow a number ("months", "μήνες", "месяца", "أشهر").
  - ``"counted_units"``: ``{"month": {"شهرين": 2, "полгода": 6}, ...}``: unit words that carry
    their own count and stand without a number (Arabic duals, Russian "год" in "год спустя").
  - ``"later"``, ``"earlier"``, ``"ago"``: ``{"before": [...], "after": [...]}``: words before
    or after the number and unit that point forward ("later", "μετά", "спустя"), back
    ("earlier", "νωρίτερα", "zuvor") or back from the article's date ("ago", "il y a", "назад").
  - ``"ignore_after"``: words that, right before the phrase, make it a length of time and no
    date ("for" in "for two days after the crash", Spanish "desde" in "desde hace dos meses").

  "later" and "earlier" count from the nearest absolute or relative date written before the
  phrase (never from another span, whose error would add up), else from the article's date;
  "ago" always from the article's date. Months and years go by the calendar, a day past a month's end becoming its
  last day. Counts above ``MAX_SPAN_COUNT`` (100) are not read, nor a phrase followed by a
  number ("two days before 5 March": that date is another's part). A span names a time, not
  a day, so its kind is ``approximate``, which no rule compares. The packaged words have no
  "after" before the number ("after two months of talks" measures a length of time, not a
  time) except where that is how the language says "later" (Russian "через", Arabic "بعد").

Weekday names themselves come from CLDR (wide names, format and stand-alone). With a
declared language that has an entry, only its words are read; otherwise every entry's are
(each language's span words only with each other).
"""

from __future__ import annotations

import unicodedata
from datetime import date

import regex

from provenance.dates import _cldr, _compile, _numeric, _relative, _scan, _spans
from provenance.dates._cldr import SUPPORTED_LOCALES
from provenance.model import TextDate

__all__ = [
    "SUPPORTED_LOCALES",
    "find_dates",
    "match_date",
    "month_names",
    "parse_date",
]

_LEADING_GAP = regex.compile(_compile.GAP)
#: The dates a span of time counts from: those naming a day. An approximate one would pass its
#: error on (a page repeating "25 years later" would count 25 years from each of them).
_ANCHOR_KINDS = frozenset({"absolute", "relative"})


def _locale(lang: str | None) -> str | None:
    return _cldr.locale_id(lang) if lang else None


def match_date(text: str, pos: int = 0, lang: str | None = None) -> tuple[date, int] | None:
    """A full date (day, month, year) written at ``pos`` (after optional spaces), and the offset
    just past it; None if none starts there. Tries ``lang`` first, then every supported locale."""
    gap = _LEADING_GAP.match(text, pos)
    start = gap.end() if gap is not None else pos
    found = _scan.read_at(text, start, _locale(lang))
    numeric = _numeric.NUMERIC.match(text, start)
    if numeric is not None and (found is None or numeric.end() > found[1]):
        read = _numeric.read_numeric(numeric, lang)
        if read is not None and read.day is not None:
            found = (read.day, numeric.end())
    return found


def _is_filler(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PZ" or unicodedata.category(char) == "Cf"


def parse_date(text: str, lang: str | None = None) -> date | None:
    """The date ``text`` consists of (surrounding whitespace and punctuation allowed), else None."""
    start = 0
    while start < len(text) and _is_filler(text[start]):
        start += 1
    found = match_date(text, start, lang)
    if found is None or not all(_is_filler(c) for c in text[found[1] :]):
        return None
    return found[0]


def find_dates(text: str, lang: str | None = None, reference: date | None = None) -> list[TextDate]:
    """Every date written in running ``text``, in order, as ``provenance.model.TextDate``
    (text as written, day, kind, offset). Day-month without a year takes the year from
    ``reference`` (the nearest such day not after ``reference`` + a few days); without a reference,
    such dates are skipped. Numeric dates: ISO 2025-08-20 always; 03/04/2025 is resolved by
    ``lang``'s CLDR short date order when lang is given, else reported with kind "ambiguous" and
    day None unless only one reading is a valid date (13/04/2025). Spans of time ("two months
    later") have kind "approximate" and count from the nearest absolute or relative date written
    before them, else from ``reference``; "ago" forms always from ``reference``."""
    found: list[tuple[int, int, TextDate | _spans.Span]] = []
    name = _locale(lang)
    for start, (day, end) in _scan.scan(text, name, reference):
        found.append((start, end, TextDate(text[start:end], day, "absolute", start)))
    for match in _numeric.NUMERIC.finditer(text):
        read = _numeric.read_numeric(match, lang)
        if read is not None:
            kind = "ambiguous" if read.ambiguous else "absolute"
            found.append((match.start(), match.end(), TextDate(match.group(), read.day, kind, match.start())))
    if reference is not None:
        for start, end, day in _relative.find_relative(text, lang, reference):
            found.append((start, end, TextDate(text[start:end], day, "relative", start)))
    found.extend((span.start, span.end, span) for span in _spans.find_spans(text, lang))
    found.sort(key=lambda item: (item[0], -item[1]))
    dates: list[TextDate] = []
    covered = 0
    anchor: date | None = None
    for start, end, item in found:
        if start < covered:
            continue
        covered = end
        text_date = item if isinstance(item, TextDate) else _place(item, text, anchor, reference)
        if text_date is not None:
            dates.append(text_date)
            if text_date.kind in _ANCHOR_KINDS and text_date.day is not None:
                anchor = text_date.day
    return dates


def _place(span: _spans.Span, text: str, anchor: date | None, reference: date | None) -> TextDate | None:
    """``span`` as an approximate date counted from ``anchor`` (the exact date written before it), else
    from ``reference``; "ago" always from ``reference``. None when neither is known."""
    base = reference if span.direction == "ago" or anchor is None else anchor
    day = _spans.place(span, base) if base is not None else None
    return TextDate(text[span.start : span.end], day, "approximate", span.start) if day is not None else None


def month_names(lang: str) -> dict[str, int]:
    """Every name and abbreviation of each month in ``lang`` (format and stand-alone, wide and
    abbreviated, case-folded, with and without trailing dot) → month number, from Babel/CLDR."""
    name = _cldr.locale_id(lang)
    if name is None:
        raise ValueError(f"unknown language {lang!r}")
    names: dict[str, int] = {}
    for number, forms in _cldr.month_forms(name).items():
        for form in forms:
            bare = form.casefold().strip().rstrip(".")
            for key in (bare, bare + "."):
                names.setdefault(key, number)
    return names
