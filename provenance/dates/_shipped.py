"""The shipped CLDR data of the supported locales: what reading a date needs, without Babel.

Reading dates takes, per locale, its month, weekday and era names, its date patterns and the
order of its numeric dates, and an index of those words (``_scan``). Reading them from Babel at
every start cost a second of CPU and 50 MB (the 48 locales and their regional variants are some
390 data files), and importing Babel alone costs more than checking a short article. So they are
read from Babel once and shipped in ``provenance/data/dates/index.json``; Babel is loaded only
for a locale beyond the supported ones (``_cldr``).

The shipped names are the union of what each Babel release they were merged from gives (listed in
``built_from``; CLDR's names change between releases: Finnish abbreviations, Bengali and Persian
spellings, Catalan "del", Thai weekdays). A date is read in any spelling one of them knows, so the
output does not depend on the Babel installed; the newest release's names come first, so where
order matters (a name one region gives to another month) the newest reading stands.
``tests/test_dates_index.py`` fails when the installed Babel gives a name, pattern or order the
shipped data lacks; ``pytest tests/test_dates_index.py --update-golden`` merges it in (``_build``
writes the file; this module only reads it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["INDEX_DATA", "LocaleNames", "Numbered", "Shipped", "Token", "read"]

#: The shipped file, inside the package.
INDEX_DATA = ("data", "dates", "index.json")

#: A date pattern's part as Babel's tokenizer gives it: ``("field", (letter, count))`` or ``("chars", text)``.
Token = tuple[str, Any]
#: Month (1-12) or weekday (0 = Monday) → its names.
Numbered = Mapping[int, tuple[str, ...]]


@dataclass(frozen=True)
class LocaleNames:
    """What the date reader takes from CLDR for one locale."""

    #: Every wide and abbreviated month name, format and stand-alone, in every region of the language.
    months: Numbered
    #: The wide month names only.
    wide_months: Numbered
    #: Every wide, abbreviated and short weekday name, format and stand-alone.
    days: Numbered
    #: The wide weekday names only.
    wide_days: Numbered
    #: The current era's names (AD/CE).
    eras: tuple[str, ...]
    #: The full, long and medium date patterns.
    date_patterns: tuple[str, ...]
    #: The day-and-month patterns (skeletons ``MMMMd`` and ``MMMd``).
    partial_patterns: tuple[str, ...]
    #: ``"DM"`` or ``"MD"``: which comes first in a numeric date.
    numeric_order: str


@dataclass(frozen=True)
class Shipped:
    """The shipped file: the Babel releases merged, each locale's names, the patterns' tokens, the index."""

    built_from: tuple[str, ...]
    names: Mapping[str, LocaleNames]
    tokens: Mapping[str, tuple[Token, ...]]
    #: Word → the locales a date containing it may be in (``_scan``).
    owners: Mapping[str, tuple[str, ...]]
    #: Words a date may start with: month and weekday names.
    openers: frozenset[str]




def _file() -> resources.abc.Traversable:
    return resources.files("provenance").joinpath(*INDEX_DATA)


def read(locales: tuple[str, ...] | None) -> Shipped | None:
    """The shipped file, when it is readable and made for ``locales`` (any locales when None); else None."""
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        if locales is not None and (data["locales"] != list(locales) or set(data["names"]) != set(locales)):
            return None
        return _parse(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _parse(data: dict[str, Any]) -> Shipped:
    def numbered(value: dict[str, list[str]]) -> Numbered:
        return {int(number): tuple(names) for number, names in value.items()}

    names = {
        name: LocaleNames(
            months=numbered(entry["months"]),
            wide_months=numbered(entry["wide_months"]),
            days=numbered(entry["days"]),
            wide_days=numbered(entry["wide_days"]),
            eras=tuple(entry["eras"]),
            date_patterns=tuple(entry["date_patterns"]),
            partial_patterns=tuple(entry["partial_patterns"]),
            numeric_order=str(entry["numeric_order"]),
        )
        for name, entry in data["names"].items()
    }
    tokens = {
        pattern: tuple((kind, tuple(value) if kind == "field" else value) for kind, value in items)
        for pattern, items in data["tokens"].items()
    }
    owners = {word: tuple(found) for word, found in data["owners"].items()}
    return Shipped(tuple(data["built_from"]), names, tokens, owners, frozenset(data["openers"]))
