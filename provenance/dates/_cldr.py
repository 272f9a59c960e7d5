"""CLDR data for reading dates: locales, month and weekday names, eras, date patterns.

The supported locales' data is shipped (``_shipped``, built from Babel) and read from there;
Babel (``_babel``) is imported only for a locale beyond them (a page declaring ``de-AT`` or
Lithuanian), or when the shipped file is missing, broken or made for other locales.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

from provenance import caches
from provenance.dates._shipped import LocaleNames, Shipped, Token, read

__all__ = [
    "LANG_ALIASES",
    "SUPPORTED_LOCALES",
    "date_patterns",
    "day_names",
    "era_names",
    "locale_id",
    "locale_names",
    "month_forms",
    "numeric_order",
    "partial_patterns",
    "pattern_tokens",
    "shipped",
    "wide_day_names",
    "wide_month_forms",
]

#: The locales every search tries, in the order ties between them are settled. These are
#: the languages X offers for its interface and embed code (an embed's date is written in
#: the language its code was generated in), plus ``en_GB`` (day-first English, X's
#: "English (UK)") and ``sr_Latn`` (Serbian is written in both scripts). English comes first
#: because it is what most mislabelled embeds carry; Polish precedes Croatian and Czech
#: because "listopada" is November in Polish and October in Croatian.
SUPPORTED_LOCALES: tuple[str, ...] = (
    "en", "en_GB", "de", "es", "fr", "pt", "it", "tr", "ja", "el", "nl", "pl", "ru", "uk",
    "ar", "fa", "he", "hi", "bn", "gu", "kn", "mr", "ta", "ur", "id", "ms", "fil", "th",
    "vi", "ko", "zh", "zh_Hant", "cs", "sk", "hr", "sr", "sr_Latn", "hu", "ro", "sv",
    "da", "nb", "fi", "ca", "eu", "gl", "ga", "cy",
)  # fmt: skip

#: Language codes that embed code and HTML use but Babel does not resolve the way we want:
#: X writes ``msa`` for Malay and ``zh-cn``/``zh-tw`` for Chinese; ``iw``, ``in`` and ``tl``
#: are the retired codes some sites still declare.
LANG_ALIASES: Mapping[str, str] = {
    "msa": "ms", "iw": "he", "in": "id", "tl": "fil", "no": "nb",
    "zh-cn": "zh", "zh-sg": "zh", "zh-tw": "zh_Hant", "zh-hk": "zh_Hant_HK",
}  # fmt: skip

#: The tags that name a supported locale exactly (``en-gb``, ``zh-hant``): Babel's identifier
#: for them is the locale itself (tests/test_dates_index.py checks it), so Babel is not asked.
_SUPPORTED_TAGS: Mapping[str, str] = {name.replace("_", "-").lower(): name for name in SUPPORTED_LOCALES}


@caches.register
@cache
def shipped() -> Shipped | None:
    """The shipped data of ``SUPPORTED_LOCALES``; None when it is missing, broken or for other locales."""
    return read(SUPPORTED_LOCALES)


@caches.register
@lru_cache(maxsize=256)
def locale_id(lang: str) -> str | None:
    """Babel's identifier for a language tag (``en-GB`` → ``en_GB``), or None if unknown."""
    tag = lang.strip().replace("_", "-").lower()
    if not tag or tag in {"und", "x-default", "mul", "zxx"}:
        return None
    tag = LANG_ALIASES.get(tag, LANG_ALIASES.get(tag.split("-")[0], tag))
    supported = _SUPPORTED_TAGS.get(tag.replace("_", "-").lower())
    if supported is not None:
        return supported
    from provenance.dates import _babel  # noqa: PLC0415 - Babel is loaded only when needed

    return _babel.locale_id(tag)


@caches.register
@lru_cache(maxsize=128)
def locale_names(name: str) -> LocaleNames:
    """Everything the date reader takes from CLDR for locale ``name`` (a Babel identifier)."""
    found = shipped()
    if found is not None and name in found.names:
        return found.names[name]
    from provenance.dates import _babel  # noqa: PLC0415 - Babel is loaded only when needed

    return _babel.locale_names(name)


def pattern_tokens(pattern: str) -> tuple[Token, ...]:
    """A CLDR date pattern's fields and literal text, as Babel's tokenizer reads it."""
    found = shipped()
    if found is not None and pattern in found.tokens:
        return found.tokens[pattern]
    from provenance.dates import _babel  # noqa: PLC0415 - Babel is loaded only when needed

    return _babel.tokenize(pattern)


def month_forms(name: str) -> Mapping[int, tuple[str, ...]]:
    """Month number → every wide and abbreviated name, format and stand-alone, in every region."""
    return locale_names(name).months


def wide_month_forms(name: str) -> Mapping[int, tuple[str, ...]]:
    """Month number → its wide names only (format and stand-alone), in every region."""
    return locale_names(name).wide_months


def day_names(name: str) -> Mapping[int, tuple[str, ...]]:
    """Weekday (0 = Monday) → every wide, abbreviated and short name in both contexts."""
    return locale_names(name).days


def wide_day_names(name: str) -> Mapping[int, tuple[str, ...]]:
    """Weekday (0 = Monday) → its wide names only, format and stand-alone."""
    return locale_names(name).wide_days


def era_names(name: str) -> tuple[str, ...]:
    """The names of the current era (AD/CE), wide and abbreviated."""
    return locale_names(name).eras


def date_patterns(name: str) -> tuple[str, ...]:
    """The locale's full, long and medium date patterns, without repeats."""
    return locale_names(name).date_patterns


def partial_patterns(name: str) -> tuple[str, ...]:
    """The locale's day-and-month patterns (CLDR skeletons ``MMMMd`` and ``MMMd``)."""
    return locale_names(name).partial_patterns


def numeric_order(name: str) -> str:
    """``"DM"`` or ``"MD"``: which comes first when the locale writes a numeric date."""
    found = shipped()
    if found is not None and name in found.names:
        return found.names[name].numeric_order
    from provenance.dates import _babel  # noqa: PLC0415 - Babel is loaded only when needed

    return _babel.numeric_order(name)
