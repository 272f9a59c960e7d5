"""Where to look, and in which languages: dates in words, read at the numbers in a text.

Trying every locale's patterns at every character costs about a microsecond per pattern
per position, far too much for a long article. Every date has a number in it, and every
date in words has a month name (or, in Chinese and Japanese, 月) near that number. So the
words near the numbers (``LOOKBACK`` before one to ``LOOKAHEAD`` after it; most of an article's
text is near none) are looked up once in an index of month names, and at each run of digits
only the locales whose names lie nearby are tried, at the number and at the few month or
weekday names before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from provenance import caches
from provenance.dates import _cldr, _compile
from provenance.dates._numeric import MAX_YEAR, MIN_YEAR, to_int, valid_date
from provenance.dates._shipped import LocaleNames

__all__ = [
    "BUDDHIST_OFFSET",
    "FUTURE_SLACK_DAYS",
    "LOOKAHEAD",
    "LOOKBACK",
    "Reading",
    "end_of",
    "fold",
    "index_from_cldr",
    "index_of",
    "read_at",
    "scan",
]

#: Thai Buddhist-era years run 543 ahead of Gregorian ones.
BUDDHIST_OFFSET = 543
#: A day-month date without a year takes the year that puts it nearest before the
#: reference date, but no more than this many days after it: articles name events of the
#: coming days ("the vote on 20 February"), rarely ones more than a week ahead.
FUTURE_SLACK_DAYS = 7
#: How far before its first digit a date may start: a weekday, a joining word and a month
#: name ("Wednesday, September 3", "lørdag den 23.") fit in this many characters.
LOOKBACK = 64
#: How far after a number its month name may come ("2025. augusztus 23.", "23 de agosto").
LOOKAHEAD = 40
#: Enough years back to reach a 29 February from any reference date.
_YEARS_BACK = 8

_DIGITS = regex.compile(r"\d+")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_TRAILING = frozenset(",،、;:")

#: A date read, and the offset just past it.
Reading = tuple[date, int]


@caches.register
@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as the index keys it: case-folded, Turkish dotted and dotless i made one."""
    return word.casefold().replace("i̇", "i").replace("ı", "i")


@dataclass(frozen=True)
class _Index:
    #: Word → the locales a date containing it may be in.
    owners: Mapping[str, tuple[str, ...]]
    #: Words a date may start with: month and weekday names.
    openers: frozenset[str]


def _index(first: str | None) -> _Index:
    """The index of the supported locales' words, and of ``first``'s when it is not one of them."""
    if first is None or first in _cldr.SUPPORTED_LOCALES:
        return _build_index(_cldr.SUPPORTED_LOCALES)
    return _build_index((*_cldr.SUPPORTED_LOCALES, first))


@caches.register
@lru_cache(maxsize=16)
def _build_index(names: tuple[str, ...]) -> _Index:
    supported = _cldr.SUPPORTED_LOCALES
    shipped = _shipped_index() if names[: len(supported)] == supported else None
    if shipped is None:
        return index_from_cldr(names)
    if len(names) == len(supported):
        return shipped
    # A page's own locale beyond the supported ones: its words are added to the shipped index
    # after theirs, as a build of all of them from Babel would add them.
    extra = index_from_cldr(names[len(supported) :])
    owners = dict(shipped.owners)
    for word, found in extra.owners.items():
        owners[word] = (*owners.get(word, ()), *(name for name in found if name not in owners.get(word, ())))
    return _Index(owners, shipped.openers | extra.openers)


def index_from_cldr(names: tuple[str, ...]) -> _Index:
    """The index of ``names``' month names, weekday names and date-pattern words (``_cldr``'s data)."""
    return index_of({name: _cldr.locale_names(name) for name in names})


def index_of(locales: Mapping[str, LocaleNames]) -> _Index:
    """The index of these locales' month names, weekday names and date-pattern words, in their order."""
    owners: dict[str, list[str]] = {}
    openers: set[str] = set()
    for name, names in locales.items():
        months = [n for forms in names.months.values() for n in forms]
        weekdays = [n for forms in names.days.values() for n in forms]
        for text in (*months, *_compile.pattern_words(names)):
            for word in _WORD.findall(text):
                found = owners.setdefault(fold(word), [])
                if name not in found:
                    found.append(name)
        for text in (*months, *weekdays):
            openers.update(fold(word) for word in _WORD.findall(text))
    return _Index({word: tuple(found) for word, found in owners.items()}, frozenset(openers))


def _shipped_index() -> _Index | None:
    """The index shipped with the supported locales' data (``_shipped``); None when that is not read."""
    found = _cldr.shipped()
    return _Index(found.owners, found.openers) if found is not None else None


@caches.register
@lru_cache(maxsize=1)
def _rank() -> dict[str, int]:
    return {name: rank for rank, name in enumerate(_cldr.SUPPORTED_LOCALES)}


def _order(found: Iterable[str], first: str | None) -> list[str]:
    """The locales to try: ``first``, then the others in ``SUPPORTED_LOCALES`` order."""
    rank = _rank()
    ordered = sorted(set(found) - {first}, key=lambda name: rank.get(name, len(rank)))
    return [first, *ordered] if first else ordered


def _has(match: regex.Match[str], group: str) -> bool:
    return group in match.re.groupindex and match.group(group) is not None


def _month(match: regex.Match[str]) -> int:
    if _has(match, "mo"):
        return to_int(match.group("mo"))
    for number in range(1, 13):
        if _has(match, f"m{number}"):
            return number
    raise AssertionError("a date branch matched without a month")  # the builder forbids it


def _year(match: regex.Match[str]) -> int:
    year = to_int(match.group("y"))
    buddhist = MIN_YEAR + BUDDHIST_OFFSET <= year <= MAX_YEAR + BUDDHIST_OFFSET
    if _has(match, "be") or (_has(match, "be_ok") and buddhist):
        return year - BUDDHIST_OFFSET
    return year


def _partial(month: int, day: int, reference: date) -> date | None:
    limit = date.fromordinal(reference.toordinal() + FUTURE_SLACK_DAYS)
    for year in range(limit.year, limit.year - _YEARS_BACK, -1):
        candidate = valid_date(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


def _trailing(char: str) -> bool:
    invisible = "\u200b" <= char <= "\u200f" or char in "\u061c\ufeff" or "\u2066" <= char <= "\u2069"
    return invisible or char.isspace() or char in _TRAILING


def end_of(text: str, start: int, end: int) -> int:
    """Where a date ends: optional literals may have taken trailing spaces or a comma."""
    while end > start and _trailing(text[end - 1]):
        end -= 1
    return end


def _read(text: str, start: int, names: list[str], first: str | None, reference: date | None) -> Reading | None:
    """The longest full date at ``start`` in any of ``names`` (the earliest of equals); else
    a day-month one. Longest, because a locale may read only the start of another's date
    (Japanese stops before a Chinese weekday, Czech before a Croatian final dot)."""
    best: Reading | None = None
    partial: Reading | None = None
    impossible = False
    for name in names:
        match = _compile.locale_regex(name, name == first).match(text, start)
        if match is None:
            continue
        if _has(match, "y"):
            day = valid_date(_year(match), _month(match), to_int(match.group("d")))
            if day is None:
                impossible = True
                continue
            end = end_of(text, start, match.end())
            if best is None or end > best[1]:
                best = (day, end)
        elif partial is None and reference is not None:
            day = _partial(_month(match), to_int(match.group("d")), reference)
            partial = (day, end_of(text, start, match.end())) if day is not None else None
    if best is not None:
        return best
    # A year was read but the day does not exist ("31 April 2025"): not a day-month either.
    return None if impossible else partial


def read_at(text: str, start: int, first: str | None) -> Reading | None:
    """A full date in words starting at ``start``, in locale ``first`` or any other."""
    index = _index(first)
    found: list[str] = []
    for word in _WORD.findall(text, start, start + LOOKBACK + LOOKAHEAD):
        found.extend(index.owners.get(fold(word), ()))
    if not found:
        return None
    return _read(text, start, _order(found, first), first, None)


def _near(numbers: Iterable[regex.Match[str]]) -> list[tuple[int, int]]:
    """The stretches of text where the words a date at any of ``numbers`` reads may start (from
    ``LOOKBACK`` before a number to ``LOOKAHEAD`` after it), in order, overlapping ones joined."""
    near: list[tuple[int, int]] = []
    for number in numbers:
        start, end = number.start() - LOOKBACK, number.end() + LOOKAHEAD
        if near and start <= near[-1][1]:
            near[-1] = (near[-1][0], end)
        else:
            near.append((max(start, 0), end))
    return near


def scan(text: str, first: str | None, reference: date | None) -> Iterator[tuple[int, Reading]]:
    """``(start, (day, end))`` for each date in words in ``text``, in order, without overlaps."""
    index = _index(first)
    numbers = list(_DIGITS.finditer(text))
    positions: list[int] = []
    owners: list[tuple[str, ...]] = []
    opens: list[bool] = []
    for start, end in _near(numbers):
        for word in _WORD.finditer(text, start):
            at = word.start()
            if at > end:
                break
            if at == start and start > 0 and _WORD.match(text, start - 1) is not None:
                continue  # the end of a word that starts before the window
            key = fold(word.group())
            found = index.owners.get(key, ())
            opener = key in index.openers
            if found or opener:
                positions.append(at)
                owners.append(found)
                opens.append(opener)
    covered = 0
    for digits in numbers:
        at = digits.start()
        if at < covered:
            continue
        low = bisect.bisect_left(positions, at - LOOKBACK)
        high = bisect.bisect_right(positions, digits.end() + LOOKAHEAD)
        nearby = [name for group in owners[low:high] for name in group]
        if not nearby:
            continue  # no month name near this number: no date in words here
        names = _order(nearby, first)
        middle = bisect.bisect_left(positions, at)
        for start in (*(positions[i] for i in range(low, middle) if opens[i]), at):
            if start < covered:
                continue
            read = _read(text, start, names, first, reference)
            if read is not None:
                covered = read[1]
                yield start, read
                break
