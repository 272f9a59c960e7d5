"""Relative dates ("yesterday", "on Monday", "τη Δευτέρα") resolved against a reference day.

The words come from ``provenance/data/relative_dates.json`` (its format is described in
``provenance.dates``), read and checked here, the words for spans of time too (``SpanWords``,
matched by ``provenance.dates._spans``); the weekday names from CLDR.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import regex

from provenance import caches
from provenance.dates import _cldr, _compile

__all__ = [
    "DAY_OFFSETS",
    "EDGE_AFTER",
    "EDGE_BEFORE",
    "MAX_SPAN_COUNT",
    "RELATIVE_DATA",
    "SPAN_DIRECTIONS",
    "SPAN_UNITS",
    "Language",
    "SpanWords",
    "codes",
    "find_relative",
    "languages",
    "lookup",
    "read_languages",
]

#: The package resource holding the phrases.
RELATIVE_DATA = "relative_dates.json"
#: Keys of a language entry that name one day relative to the reference, and that day.
DAY_OFFSETS: Mapping[str, int] = {
    "day_before_yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "day_after_tomorrow": 2,
}  # fmt: skip
#: The units a span of time ("two months later") counts in.
SPAN_UNITS = ("day", "week", "month", "year")
#: Which way a span points: from the date before it forward or back, or back from the article's date.
SPAN_DIRECTIONS = ("later", "earlier", "ago")
#: The largest count a span is read with, in any unit. Larger numbers before "days" or "years"
#: are mostly something else ("2025 years", a tally), and a span that long dates history, not news.
MAX_SPAN_COUNT = 100
_WEEKDAY_KEYS = ("on_weekday", "last_weekday")
_KNOWN_KEYS = frozenset({*DAY_OFFSETS, *_WEEKDAY_KEYS, "weekday_inflections", "ignore", "spans"})
_SPAN_KEYS = frozenset({"numbers", "units", "counted_units", "ignore_after", *SPAN_DIRECTIONS})
_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A phrase does not start or end inside a word or a number.
EDGE_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
EDGE_AFTER = r"(?![\p{L}\p{M}\p{N}])"
_T = TypeVar("_T")


@dataclass(frozen=True)
class SpanWords:
    """One language's words for spans of time ("two months later", "δύο μήνες μετά", "три дня назад")."""

    #: Number word → count ("two" → 2, "a" → 1).
    numbers: Mapping[str, int]
    #: Unit word read after a number → unit ("months" → "month").
    units: Mapping[str, str]
    #: Unit word read without a number → unit and the count it carries ("شهرين" → month, 2).
    counted: Mapping[str, tuple[str, int]]
    #: Direction → words written before the number and unit ("через", "il y a").
    before: Mapping[str, tuple[str, ...]]
    #: Direction → words written after them ("later", "μετά", "назад").
    after: Mapping[str, tuple[str, ...]]
    #: Words that, right before the phrase, make it a length of time ("for two days after").
    ignore_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Language:
    """One language's relative-date words."""

    #: Phrase → days from the reference; None for phrases that only look like one.
    phrases: Mapping[str, int | None]
    #: Weekday name (CLDR's, and inflections from the data file) → 0 (Monday) … 6.
    weekdays: Mapping[str, int]
    on_before: tuple[str, ...] = ()
    on_after: tuple[str, ...] = ()
    last_before: tuple[str, ...] = ()
    last_after: tuple[str, ...] = ()
    #: Whether a weekday name alone means the most recent such day ("lundi, le ministre …").
    alone: bool = False
    #: Words for spans of time; None when the data file gives none.
    spans: SpanWords | None = None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{RELATIVE_DATA}: {where} must be a list of non-empty strings")
    return tuple(value)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().replace("’", "'")


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SPAN_COUNT:
        raise ValueError(f"{RELATIVE_DATA}: {where} must be a whole number from 1 to {MAX_SPAN_COUNT}")
    return value


def _units(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not set(value) <= set(SPAN_UNITS):
        raise ValueError(f"{RELATIVE_DATA}: {where} must map units ({', '.join(SPAN_UNITS)})")
    return value


def _span_words(code: str, entry: Any) -> SpanWords:
    where = f"{code}.spans"
    if not isinstance(entry, dict) or not set(entry) <= _SPAN_KEYS:
        raise ValueError(f"{RELATIVE_DATA}: {where} takes only {', '.join(sorted(_SPAN_KEYS))}")
    numbers = entry.get("numbers", {})
    if not isinstance(numbers, dict) or not all(isinstance(word, str) and word.strip() for word in numbers):
        raise ValueError(f"{RELATIVE_DATA}: {where}.numbers must map words to counts")
    units: dict[str, str] = {}
    for unit, forms in _units(entry.get("units", {}), f"{where}.units").items():
        for form in _strings(forms, f"{where}.units.{unit}"):
            units.setdefault(_key(form), unit)
    counted: dict[str, tuple[str, int]] = {}
    for unit, forms in _units(entry.get("counted_units", {}), f"{where}.counted_units").items():
        if not isinstance(forms, dict):
            raise ValueError(f"{RELATIVE_DATA}: {where}.counted_units.{unit} must map words to counts")
        for form, count in forms.items():
            counted.setdefault(_key(form), (unit, _count(count, f"{where}.counted_units.{unit}.{form}")))
    before: dict[str, tuple[str, ...]] = {}
    after: dict[str, tuple[str, ...]] = {}
    for direction in SPAN_DIRECTIONS:
        spec = entry.get(direction, {})
        if not isinstance(spec, dict) or not set(spec) <= {"before", "after"}:
            raise ValueError(f"{RELATIVE_DATA}: {where}.{direction} takes only before and after")
        before[direction] = _strings(spec.get("before", []), f"{where}.{direction}.before")
        after[direction] = _strings(spec.get("after", []), f"{where}.{direction}.after")
    return SpanWords(
        numbers={_key(word): _count(count, f"{where}.numbers.{word}") for word, count in numbers.items()},
        units=units,
        counted=counted,
        before=before,
        after=after,
        ignore_after=_strings(entry.get("ignore_after", []), f"{where}.ignore_after"),
    )


def _language(code: str, entry: Any) -> Language:
    if not isinstance(entry, dict):
        raise ValueError(f"{RELATIVE_DATA}: {code} must map to an object")
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise ValueError(f"{RELATIVE_DATA}: {code} has unknown keys {sorted(unknown)}")
    name = _cldr.locale_id(code)
    if name is None:
        raise ValueError(f"{RELATIVE_DATA}: {code} is not a language CLDR knows")
    phrases: dict[str, int | None] = {}
    for key, offset in DAY_OFFSETS.items():
        for phrase in _strings(entry.get(key, []), f"{code}.{key}"):
            phrases.setdefault(_key(phrase), offset)
    for phrase in _strings(entry.get("ignore", []), f"{code}.ignore"):
        phrases[_key(phrase)] = None
    weekdays = {_key(n): number for number, names in _cldr.wide_day_names(name).items() for n in names}
    inflections = entry.get("weekday_inflections", {})
    if not isinstance(inflections, dict) or not set(inflections) <= set(_ENGLISH_WEEKDAYS):
        raise ValueError(f"{RELATIVE_DATA}: {code}.weekday_inflections must map English weekday names")
    for day, forms in inflections.items():
        for form in _strings(forms, f"{code}.weekday_inflections.{day}"):
            weekdays.setdefault(_key(form), _ENGLISH_WEEKDAYS.index(day))
    parts: dict[str, tuple[str, ...]] = {}
    alone = False
    for key in _WEEKDAY_KEYS:
        spec = entry.get(key, {})
        if not isinstance(spec, dict) or not set(spec) <= {"before", "after", "alone"}:
            raise ValueError(f"{RELATIVE_DATA}: {code}.{key} takes only before, after and alone")
        parts[f"{key}.before"] = _strings(spec.get("before", []), f"{code}.{key}.before")
        parts[f"{key}.after"] = _strings(spec.get("after", []), f"{code}.{key}.after")
        alone = alone or (key == "on_weekday" and spec.get("alone") is True)
    return Language(
        phrases=phrases,
        weekdays=weekdays,
        on_before=parts["on_weekday.before"],
        on_after=parts["on_weekday.after"],
        last_before=parts["last_weekday.before"],
        last_after=parts["last_weekday.after"],
        alone=alone,
        spans=_span_words(code, entry["spans"]) if "spans" in entry else None,
    )


def read_languages(data: object) -> dict[str, Language]:
    """The languages of a parsed data file; ValueError naming the first thing that is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{RELATIVE_DATA}: the top level must be an object of languages")
    return {code: _language(code, entry) for code, entry in data.items()}


@caches.register
@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every language of the packaged data file, by its code, in the file's order."""
    text = resources.files("provenance").joinpath("data", RELATIVE_DATA).read_text(encoding="utf-8")
    return read_languages(json.loads(text))


def _group(name: str, words: tuple[str, ...] | list[str]) -> str:
    return f"(?P<{name}>{_compile.alternation(words)})"


@dataclass(frozen=True)
class _Matcher:
    pattern: regex.Pattern[str]
    phrases: Mapping[str, int | None]
    weekdays: Mapping[str, int]


@caches.register
@lru_cache(maxsize=16)
def _matcher(chosen_codes: tuple[str, ...]) -> _Matcher:
    chosen = [languages()[code] for code in chosen_codes]
    phrases: dict[str, int | None] = {}
    weekdays: dict[str, int] = {}
    for language in chosen:
        for phrase, offset in language.phrases.items():
            phrases.setdefault(phrase, offset)
        for name, number in language.weekdays.items():
            weekdays.setdefault(name, number)

    def union(attribute: str) -> list[str]:
        return [word for language in chosen for word in getattr(language, attribute)]

    names = _compile.alternation(weekdays)
    alone = _compile.alternation(n for lang in chosen if lang.alone for n in lang.weekdays)
    after = rf"(?:\s+(?:{_group('last_after', union('last_after'))}|{_group('on_after', union('on_after'))}))"
    # Phrases first, so that an ignored phrase ("Mardi gras") hides the weekday in it.
    branches = [
        f"(?P<phrase>{_compile.alternation(phrases)})",
        rf"(?:{_group('last_before', union('last_before'))}|{_group('on_before', union('on_before'))})"
        rf"\s+(?P<weekday>{names}){after}?",
        rf"(?P<weekday>{names}){after}",
    ]
    if alone:
        branches.append(rf"(?P<weekday>{alone})")
    source = EDGE_BEFORE + "(?:" + "|".join(branches) + ")" + EDGE_AFTER
    return _Matcher(regex.compile(source, _compile.FLAGS), phrases, weekdays)


def lookup(table: Mapping[str, _T], text: str) -> tuple[bool, _T | None]:
    """Whether matched ``text`` is a key of ``table`` (compared as the regex compared it), and its value."""
    key = _key(text)
    if key in table:
        return True, table[key]
    # The regex folds case as Unicode's simple folding does; str.casefold differs on a few
    # letters (Turkish dotless ı against I), so compare the slow way when the key misses.
    for candidate, value in table.items():
        if regex.fullmatch(_compile.escape_name(candidate), text, _compile.FLAGS):
            return True, value
    return False, None


def codes(lang: str | None) -> tuple[str, ...]:
    """The languages whose words are read: ``lang``'s own when the data file has it, else all."""
    known = languages()
    if lang:
        name = _cldr.locale_id(lang)
        base = name.split("_")[0] if name else None
        if base in known:
            return (base,)
    return tuple(known)


#: How far back the word before a capitalised "Today" is looked for.
NAME_WORD_CHARS = 60


def _ends_a_name(text: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` ends a name ("Russia Today", "USA Today"): it
    follows a capitalised word with only a space between. A word for "today" starts a sentence
    or stands in lower case; weekdays are left alone, as every English weekday is capitalised."""
    if not text[start : start + 1].isupper() or start < 2 or text[start - 1] not in " \u00a0":
        return False
    before = text[max(start - 1 - NAME_WORD_CHARS, 0) : start - 1].rstrip(" \u00a0")  # not the page before it
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    return word[:1].isupper() and word[-1:].isalnum()


def find_relative(text: str, lang: str | None, reference: date) -> Iterator[tuple[int, int, date]]:
    """``(start, end, day)`` for each relative date in ``text``, resolved against ``reference``.

    A language with words in the data file uses only its own words; otherwise every
    language's are tried. A weekday is the most recent such day on or before
    ``reference`` (news style names the weekday for the day of publication too), or
    strictly before it after a word for "last".
    """
    matcher = _matcher(codes(lang))
    for match in matcher.pattern.finditer(text):
        if match.group("phrase") is not None:
            known, offset = lookup(matcher.phrases, match.group("phrase"))
            if not known or offset is None or _ends_a_name(text, match.start()):
                continue
            yield match.start(), match.end(), reference + timedelta(days=offset)
            continue
        known, weekday = lookup(matcher.weekdays, match.group("weekday"))
        if not known or weekday is None:
            continue
        back = (reference.weekday() - weekday) % 7
        if back == 0 and (match.group("last_before") is not None or match.group("last_after") is not None):
            back = 7
        yield match.start(), match.end(), reference - timedelta(days=back)
