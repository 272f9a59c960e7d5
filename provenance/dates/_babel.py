"""CLDR data read through Babel: locales, month and weekday names, eras, date patterns.

``provenance.dates._cldr`` asks this module only for what the shipped data does not hold (a
locale beyond the supported ones), and the shipped data is built from it; importing Babel costs
more than a short run's whole work, so nothing imports this module before it is needed.

Names are read straight from Babel's per-locale data files and inherited by hand, because
Babel 2.18 memoizes resolved aliases into locale data that several locales share
(python-babel/babel#1234): once any code formats a Hebrew ``LLLL`` date, ``ja``'s
stand-alone month names read back as Hebrew. Patterns and skeletons have no such aliases
and come through Babel's public ``Locale``.
"""

from __future__ import annotations

import pickle
from functools import cache, lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import tokenize_pattern
from babel.localedata import Alias, locale_identifiers, resolve_locale_filename

from provenance import caches
from provenance.dates._shipped import LocaleNames, Token

__all__ = [
    "date_patterns",
    "day_names",
    "era_names",
    "locale_id",
    "locale_names",
    "month_forms",
    "numeric_order",
    "partial_patterns",
    "regional_variants",
    "tokenize",
    "wide_day_names",
    "wide_month_forms",
]

_MONTH_WIDTHS = ("wide", "abbreviated")
_DAY_WIDTHS = ("wide", "abbreviated", "short")
_CONTEXTS = ("format", "stand-alone")


@caches.register
@lru_cache(maxsize=256)
def locale_id(tag: str) -> str | None:
    """Babel's identifier for a language tag (``en-gb`` → ``en_GB``), or None if Babel knows none."""
    try:
        return str(Locale.parse(tag.replace("_", "-"), sep="-"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def tokenize(pattern: str) -> tuple[Token, ...]:
    """A CLDR date pattern as Babel reads it: ``("field", (letter, count))`` and ``("chars", text)`` items."""
    return tuple((str(kind), value) for kind, value in tokenize_pattern(pattern))


def locale_names(name: str) -> LocaleNames:
    """Everything the date reader takes from CLDR for locale ``name``, read from Babel."""
    return LocaleNames(
        months=month_forms(name),
        wide_months=wide_month_forms(name),
        days=day_names(name),
        wide_days=wide_day_names(name),
        eras=era_names(name),
        date_patterns=date_patterns(name),
        partial_patterns=partial_patterns(name),
        numeric_order=numeric_order(name),
    )


def _parent(name: str) -> str:
    # The inheritance Babel's own loader follows (localedata.load), including CLDR's
    # rule that ``lang_Script`` with an unusual script inherits from root, not ``lang``.
    explicit: str | None = get_global("parent_exceptions").get(name)
    if explicit:
        return explicit
    lang, territory, script, variant, *_ = parse_locale(name)
    if script and not territory and not variant:
        likely = parse_locale(get_global("likely_subtags").get(lang, lang))
        if likely[2] != script:
            return "root"
    parts = name.split("_")
    return "root" if len(parts) == 1 else "_".join(parts[:-1])


#: The parts of a locale's data read here; CLDR's aliases inside them stay inside them.
_KEPT = ("months", "days", "eras")


@caches.register
@cache
def _own_data(name: str) -> dict[str, Any]:
    with open(resolve_locale_filename(name), "rb") as file:
        data: dict[str, Any] = pickle.load(file)
    # Keep only what is read: all regional locales of every supported language are loaded.
    return {key: data[key] for key in _KEPT if key in data}


def _chain(name: str) -> list[dict[str, Any]]:
    chain = [_own_data(name)]
    while name != "root":
        name = _parent(name)
        chain.append(_own_data(name))
    return chain


def _lookup(name: str, path: tuple[str, ...], depth: int = 0) -> dict[Any, Any]:
    """The dict at ``path`` with CLDR inheritance: child keys win, aliases resolve in ``name``."""
    merged: dict[Any, Any] = {}
    for data in _chain(name):
        node: Any = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                break
        if isinstance(node, Alias):
            if depth < 8:  # CLDR alias chains are short; this only guards against a loop
                for key, value in _lookup(name, tuple(node.keys), depth + 1).items():
                    merged.setdefault(key, value)
            break
        if isinstance(node, dict):
            for key, value in node.items():
                merged.setdefault(key, value)
    return merged


def _script(lang: str, script: str | None) -> str | None:
    if script:
        return script
    likely = get_global("likely_subtags").get(lang)
    return parse_locale(likely)[2] if likely else None


@caches.register
@lru_cache(maxsize=128)
def regional_variants(name: str) -> tuple[str, ...]:
    """``name`` and every CLDR locale of the same language and script (``de`` → ``de_AT``, …).

    Month names differ by region and the regions' names are in use: Austrian "Jänner",
    Levantine and Maghrebi Arabic month names, Latin American "setiembre", British "Sept".
    """
    lang, _, script, _, *_ = parse_locale(name)
    wanted = _script(lang, script)
    variants = [name]
    for other in sorted(locale_identifiers()):
        try:
            other_lang, _, other_script, variant, *rest = parse_locale(other)
        except ValueError:
            continue
        same_language = other_lang == lang and not variant and not rest
        if same_language and other not in variants and _script(other_lang, other_script) == wanted:
            variants.append(other)
    return tuple(variants)


@caches.register
@lru_cache(maxsize=128)
def month_forms(name: str) -> dict[int, tuple[str, ...]]:
    """Month number → every wide and abbreviated name, format and stand-alone, in every region."""
    return _merged(name, _MONTH_WIDTHS)


@caches.register
@lru_cache(maxsize=128)
def wide_month_forms(name: str) -> dict[int, tuple[str, ...]]:
    """Month number → its wide names only (format and stand-alone), in every region."""
    return _merged(name, ("wide",))


def _merged(name: str, widths: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    merged: dict[int, list[str]] = {}
    taken: dict[str, int] = {}
    for variant in regional_variants(name):
        for number, names in _forms(variant, "months", widths).items():
            for text in names:
                # A name that one region gives to another month than the language's own
                # locale does would make the month ambiguous; the first reading stands.
                if taken.setdefault(text.casefold(), number) == number and text not in merged.get(number, []):
                    merged.setdefault(number, []).append(text)
    return {number: tuple(names) for number, names in sorted(merged.items())}


@caches.register
@lru_cache(maxsize=128)
def day_names(name: str) -> dict[int, tuple[str, ...]]:
    """Weekday (0 = Monday) → every wide, abbreviated and short name in both contexts."""
    return _forms(name, "days", _DAY_WIDTHS)


@caches.register
@lru_cache(maxsize=128)
def wide_day_names(name: str) -> dict[int, tuple[str, ...]]:
    """Weekday (0 = Monday) → its wide names only, format and stand-alone."""
    return _forms(name, "days", ("wide",))


def _forms(name: str, kind: str, widths: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    forms: dict[int, list[str]] = {}
    for context in _CONTEXTS:
        for width in widths:
            for number, text in _lookup(name, (kind, context, width)).items():
                if isinstance(number, int) and isinstance(text, str) and text.strip():
                    names = forms.setdefault(number, [])
                    if text not in names:
                        names.append(text)
    return {number: tuple(names) for number, names in sorted(forms.items())}


@caches.register
@lru_cache(maxsize=128)
def era_names(name: str) -> tuple[str, ...]:
    """The names of the current era (AD/CE), wide and abbreviated."""
    names: list[str] = []
    for width in ("wide", "abbreviated"):
        text = _lookup(name, ("eras", width)).get(1)
        if isinstance(text, str) and text not in names:
            names.append(text)
    return tuple(names)


@caches.register
@lru_cache(maxsize=128)
def date_patterns(name: str) -> tuple[str, ...]:
    """The locale's full, long and medium date patterns, without repeats."""
    formats = Locale.parse(name).date_formats
    patterns: list[str] = []
    for width in ("full", "long", "medium"):
        pattern = formats[width].pattern
        if pattern not in patterns:
            patterns.append(pattern)
    return tuple(patterns)


@caches.register
@lru_cache(maxsize=128)
def partial_patterns(name: str) -> tuple[str, ...]:
    """The locale's day-and-month patterns (CLDR skeletons ``MMMMd`` and ``MMMd``)."""
    skeletons = Locale.parse(name).datetime_skeletons
    patterns: list[str] = []
    for skeleton in ("MMMMd", "MMMd"):
        if skeleton in skeletons:
            pattern = skeletons[skeleton].pattern
            if pattern not in patterns:
                patterns.append(pattern)
    return tuple(patterns)


@caches.register
@lru_cache(maxsize=128)
def numeric_order(name: str) -> str:
    """``"DM"`` or ``"MD"``: which comes first when the locale writes a numeric date.

    The short date pattern decides; for locales whose short date starts with the year
    (ja ``y/MM/dd``, sv ``y-MM-dd``) the ``Md`` skeleton says how they write day and month
    without one (sv ``d/M``, ja ``M/d``).
    """
    locale = Locale.parse(name)
    pattern = locale.date_formats["short"].pattern
    if pattern.lstrip("'").startswith("y") and "Md" in locale.datetime_skeletons:
        pattern = locale.datetime_skeletons["Md"].pattern
    day, month = pattern.find("d"), pattern.find("M")
    return "MD" if 0 <= month < day else "DM"
