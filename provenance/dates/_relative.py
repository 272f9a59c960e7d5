"""Relative dates ("yesterday", "on Monday", "τη Δευτέρα") resolved against a reference day.

The words come from ``provenance/data/relative_dates.json`` (its format is described in
``provenance.dates``); the weekday names from CLDR.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from provenance.dates import _cldr, _compile

__all__ = ["DAY_OFFSETS", "RELATIVE_DATA", "Language", "find_relative", "languages", "read_languages"]

#: The package resource holding the phrases.
RELATIVE_DATA = "relative_dates.json"
#: Keys of a language entry that name one day relative to the reference, and that day.
DAY_OFFSETS: Mapping[str, int] = {
    "day_before_yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "day_after_tomorrow": 2,
}  # fmt: skip
_WEEKDAY_KEYS = ("on_weekday", "last_weekday")
_KNOWN_KEYS = frozenset({*DAY_OFFSETS, *_WEEKDAY_KEYS, "weekday_inflections", "ignore"})
_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EDGE_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
_EDGE_AFTER = r"(?![\p{L}\p{M}\p{N}])"


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


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{RELATIVE_DATA}: {where} must be a list of non-empty strings")
    return tuple(value)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().replace("’", "'")


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
    )


def read_languages(data: object) -> dict[str, Language]:
    """The languages of a parsed data file; ValueError naming the first thing that is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{RELATIVE_DATA}: the top level must be an object of languages")
    return {code: _language(code, entry) for code, entry in data.items()}


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


@lru_cache(maxsize=16)
def _matcher(codes: tuple[str, ...]) -> _Matcher:
    chosen = [languages()[code] for code in codes]
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
    source = _EDGE_BEFORE + "(?:" + "|".join(branches) + ")" + _EDGE_AFTER
    return _Matcher(regex.compile(source, _compile.FLAGS), phrases, weekdays)


def _lookup(table: Mapping[str, int | None], text: str) -> tuple[bool, int | None]:
    key = _key(text)
    if key in table:
        return True, table[key]
    # The regex folds case as Unicode's simple folding does; str.casefold differs on a few
    # letters (Turkish dotless ı against I), so compare the slow way when the key misses.
    for candidate, value in table.items():
        if regex.fullmatch(_compile.escape_name(candidate), text, _compile.FLAGS):
            return True, value
    return False, None


def _codes(lang: str | None) -> tuple[str, ...]:
    known = languages()
    if lang:
        name = _cldr.locale_id(lang)
        base = name.split("_")[0] if name else None
        if base in known:
            return (base,)
    return tuple(known)


def find_relative(text: str, lang: str | None, reference: date) -> Iterator[tuple[int, int, date]]:
    """``(start, end, day)`` for each relative date in ``text``, resolved against ``reference``.

    A language with words in the data file uses only its own words; otherwise every
    language's are tried. A weekday is the most recent such day on or before
    ``reference`` (news style names the weekday for the day of publication too), or
    strictly before it after a word for "last".
    """
    matcher = _matcher(_codes(lang))
    for match in matcher.pattern.finditer(text):
        if match.group("phrase") is not None:
            known, offset = _lookup(matcher.phrases, match.group("phrase"))
            if not known or offset is None:
                continue
            yield match.start(), match.end(), reference + timedelta(days=offset)
            continue
        known, weekday = _lookup(matcher.weekdays, match.group("weekday"))
        if not known or weekday is None:
            continue
        back = (reference.weekday() - weekday) % 7
        if back == 0 and (match.group("last_before") is not None or match.group("last_after") is not None):
            back = 7
        yield match.start(), match.end(), reference - timedelta(days=back)
