"""Micro-benchmark: provenance.dates against dateparser on generated dates.

Run with ``python benchmarks/bench_dates.py``. It writes a few hundred dates in the
supported languages with Babel, reads them back with ``match_date`` (after a flattened
embed's ``(@handle)``), ``find_dates`` (inside a sentence), ``dateparser.parse`` and
``dateparser.search.search_dates``, and prints dates per second and how many were right.
Times are taken after a warm-up on one date per locale, so they exclude building and
compiling each language's patterns (and dateparser's loading of its language data); the
one-off cost of the warm-up is printed too.
"""

from __future__ import annotations

import random
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date

import dateparser  # type: ignore[import-untyped]
from babel.dates import format_date
from dateparser.search import search_dates  # type: ignore[import-untyped]

from provenance.dates import SUPPORTED_LOCALES, find_dates, match_date

#: Strings per method: enough for a stable rate, few enough that dateparser ends in seconds.
COUNT = 240
SEED = 20250825
PREFIX = "— Display Name (@handle) "


def cases() -> list[tuple[str, str, date]]:
    """(locale, date as Babel writes it in that locale's long format, the date)."""
    rng = random.Random(SEED)
    found = []
    for index in range(COUNT):
        locale = SUPPORTED_LOCALES[index % len(SUPPORTED_LOCALES)]
        day = date.fromordinal(rng.randint(date(2010, 1, 1).toordinal(), date(2026, 12, 31).toordinal()))
        found.append((locale, format_date(day, format="long", locale=locale), day))
    return found


Row = tuple[str, int, float, float, int, float]


def run(name: str, read: Callable[[str, str, date], date | None], data: list[tuple[str, str, date]]) -> Row:
    """A warm-up on one date per locale, then a timed pass: (name, strings, seconds, rate, right, warm-up)."""
    start = time.perf_counter()
    for locale, text, day in data[: len(SUPPORTED_LOCALES)]:
        read(locale, text, day)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    right = sum(read(locale, text, day) == day for locale, text, day in data)
    seconds = time.perf_counter() - start
    return name, len(data), seconds, len(data) / seconds, right, warm


def ours_match(_locale: str, text: str, _day: date) -> date | None:
    found = match_date(PREFIX + text, len(PREFIX) - 1)
    return found[0] if found else None


def ours_match_lang(locale: str, text: str, _day: date) -> date | None:
    found = match_date(PREFIX + text, len(PREFIX) - 1, locale)
    return found[0] if found else None


def ours_find(_locale: str, text: str, _day: date) -> date | None:
    found = find_dates(f"Posted on {text} by the ministry; 12 people attended.")
    return found[0].day if found else None


def dateparser_parse(_locale: str, text: str, _day: date) -> date | None:
    parsed = dateparser.parse(text)
    return parsed.date() if parsed else None


def dateparser_search(_locale: str, text: str, _day: date) -> date | None:
    found = search_dates(f"Posted on {text} by the ministry; 12 people attended.")
    return found[0][1].date() if found else None


def main() -> int:
    """Print the table; exit 0."""
    warnings.simplefilter("ignore")  # dateparser warns about its own dependencies
    data = cases()
    rows = [
        run("provenance match_date (no lang)", ours_match, data),
        run("provenance match_date (lang)", ours_match_lang, data),
        run("provenance find_dates (no lang)", ours_find, data),
        run("dateparser.parse", dateparser_parse, data),
        run("dateparser search_dates", dateparser_search, data),
    ]
    print(f"{len(data)} long-format dates in {len(SUPPORTED_LOCALES)} locales")
    print(f"{'method':34} {'strings':>7} {'seconds':>8} {'dates/s':>9} {'right':>6} {'warm-up s':>10}")
    for name, count, seconds, rate, right, warm in rows:
        print(f"{name:34} {count:7d} {seconds:8.3f} {rate:9.0f} {right:6d} {warm:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
