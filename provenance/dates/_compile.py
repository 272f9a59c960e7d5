"""CLDR date patterns → one compiled ``regex`` per locale, built on first use and cached.

A pattern such as ``d. MMMM y`` becomes a regex whose named groups say what was read:
``d`` (day), ``y`` (year), ``m1``…``m12`` (an empty group closing the month's name, so
the month is the group that took part) or ``mo`` (the month, by number), ``be`` (a
Buddhist-era marker) and ``be_ok`` (the locale is Thai, whose writers often give
Buddhist-era years without a marker). Every locale uses the same group names, so one
reader serves them all.

Tolerance for what scrapers and writers do: spaces may be missing, doubled or non-breaking;
bidi marks are ignored; literal words and punctuation between the parts ("de", "г.", the
German day's dot) are optional except between two numbers, where they are the only
separator; any name of a month (wide or abbreviated, format or stand-alone) stands for
any width the pattern asks for, with or without its trailing dot; weekday names and eras
are optional.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import regex

from provenance import caches
from provenance.dates import _cldr
from provenance.dates._shipped import LocaleNames

__all__ = [
    "BUDDHIST_ERA_NAMES",
    "FLAGS",
    "GAP",
    "ORDINAL_SUFFIXES",
    "Branches",
    "alternation",
    "branches",
    "escape_name",
    "locale_regex",
    "month_regex",
    "pattern_words",
    "trie",
]

#: Case-insensitive; V0 keeps simple case folding, which is all month names need and
#: keeps matching fast.
FLAGS = regex.IGNORECASE | regex.VERSION0
#: What may stand between two parts of a date: any spacing, including none, and the
#: invisible marks (zero-width space, joiners, LRM/RLM, Arabic letter mark, isolates)
#: that bidi text and CMS editors leave behind.
GAP = r"[\s\u200b-\u200f\u061c\u2066-\u2069\ufeff]*"
_LETTER = r"[\p{L}\p{M}]"
#: After a name: the next character does not continue the word (a letter after a letter,
#: a digit after a digit — "tháng 1" must not read the start of "tháng 12").
_NAME_END = rf"(?:(?<=\d)(?!\d)|(?<!\d)(?!{_LETTER}))"
#: Before a name: it does not start inside a word or a number.
_NAME_START = rf"(?:(?=\d)(?<!\d)|(?!\d)(?<!{_LETTER}))"
_APOSTROPHES = "'’ʼ"

#: Ordinal endings writers put after the day ("August 25th", "1er août", "1º de junio")
#: that CLDR's date patterns do not contain.
ORDINAL_SUFFIXES: Mapping[str, str] = {
    "en": "st|nd|rd|th", "fr": "er|e", "es": "º|°|o", "pt": "º|°|o", "gl": "º|°", "it": "º|°",
}  # fmt: skip
#: Thai writes years in the Buddhist era (Gregorian + 543), marked "พ.ศ." or unmarked;
#: Babel exposes only the Gregorian calendar, whose era names ("ค.ศ.") CLDR does give.
BUDDHIST_ERA_NAMES: Mapping[str, tuple[str, ...]] = {"th": ("พ.ศ.", "พุทธศักราช")}

_NUMERIC = frozenset({"d", "mo", "y"})


@dataclass(frozen=True)
class Branches:
    """One locale's regex sources: full dates, and day-month dates with any or wide names."""

    full: tuple[str, ...]
    partial: tuple[str, ...]
    partial_wide: tuple[str, ...]


def _atoms(name: str) -> list[str]:
    atoms: list[str] = []
    for char in name:
        if char.isspace():
            if not atoms or atoms[-1] != r"\s+":
                atoms.append(r"\s+")
        elif char in _APOSTROPHES:
            atoms.append(f"[{_APOSTROPHES}]")
        else:
            # Lower-cased so that case variants share a path; the regex ignores case anyway.
            lower = char.lower()
            atoms.append(regex.escape(lower if len(lower) == 1 else char))
    return atoms


def escape_name(name: str) -> str:
    """A regex for ``name``: any run of spaces for its spaces, any apostrophe for its apostrophe."""
    return "".join(_atoms(name))


class _Node:
    __slots__ = ("children", "marker")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.marker: str | None = None

    def source(self) -> str:
        # Longer names first, so a name that is the start of another ("červen", "červenec")
        # is tried last; the end-of-name check that follows makes the engine back off.
        alternatives = [atom + child.source() for atom, child in self.children.items()]
        if self.marker is not None:
            alternatives.append(self.marker)
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"


def trie(entries: Iterable[tuple[str, str]]) -> str:
    """A regex matching any of the names, shared prefixes factored out; each name ends in its marker.

    Trying forty month names one after another at every position is what made matching
    slow; a trie fails on the first character that no name continues with.
    """
    root = _Node()
    for name, marker in entries:
        bare = name.strip().rstrip(".").strip()
        if not bare:
            continue
        node = root
        for atom in _atoms(bare):
            node = node.children.setdefault(atom, _Node())
        if node.marker is None:
            node.marker = marker
    return root.source() if root.children else "(?!)"


def alternation(names: Iterable[str]) -> str:
    """A regex matching any of ``names`` (trailing dots dropped, spacing and case loose)."""
    return trie((name, "") for name in names)


def month_regex(forms: Mapping[int, tuple[str, ...]]) -> str:
    """Any name of any month; the empty group ``m1``…``m12`` at its end says which month."""
    entries = [(name, f"(?P<m{number}>)") for number, names in forms.items() for name in names]
    return rf"(?:{trie(entries)})\.?"


def _kind(field: str, count: int) -> str | None:
    if field == "d":
        return "d"
    if field in "ML":
        return "mo" if count <= 2 else "month"
    if field in "yYu":
        return None if count == 2 else "y"  # two-digit years are too easily something else
    if field == "G":
        return "era"
    if field == "E" or (field in "ce" and count >= 3):
        return "weekday"
    return None


def _tokens(pattern: str) -> list[tuple[str, str]] | None:
    """``(kind, text)`` items: fields by kind, literal text merged and stripped of bidi marks."""
    items: list[tuple[str, str]] = []
    for token_type, value in _cldr.pattern_tokens(pattern):
        if token_type == "field" and isinstance(value, tuple):
            field, count = value
            kind = _kind(str(field), int(count))
            if kind is None:
                return None
            items.append((kind, ""))
            continue
        text = "".join(c for c in str(value) if unicodedata.category(c) != "Cf")
        if items and items[-1][0] == "chars":
            items[-1] = ("chars", items[-1][1] + text)
        elif text:
            items.append(("chars", text))
    return items


def _literal(text: str, required: bool, glued_field_after: bool) -> str:
    runs = regex.findall(r"\s+|\S+", text)
    if required:
        exact = "".join(GAP if run.isspace() else regex.escape(run) for run in runs)
        body = GAP + exact + GAP
        if any(run.isspace() for run in runs):
            return rf"(?:{body}|\s+)"
        return body
    parts: list[str] = []
    for index, run in enumerate(runs):
        if run.isspace():
            parts.append(GAP)
            continue
        chars = "".join(
            regex.escape(c) + "?" if unicodedata.category(c).startswith("P") else regex.escape(c) for c in run
        )
        last = index == len(runs) - 1
        if run[-1].isalpha() and not (last and glued_field_after):
            chars += f"(?!{_LETTER})"
        parts.append(f"(?:{chars})?")
    if not parts or parts[0] != GAP:
        parts.insert(0, GAP)
    if parts[-1] != GAP:
        parts.append(GAP)
    return "".join(parts)


class _Builder:
    """Turns one CLDR pattern of one locale into a regex source."""

    def __init__(self, name: str, month: str) -> None:
        self.name = name
        self.month = month
        lang = name.split("_", maxsplit=1)[0]
        suffix = ORDINAL_SUFFIXES.get(lang)
        # A number followed by ":MM" is an hour, not a day ("Mayo 9:00").
        self.day = r"(?<!\d)(?P<d>\d{1,2})(?!\d|:\d\d)" + (f"(?:{suffix})?" if suffix else "")
        self.weekday = alternation(n for names in _cldr.day_names(name).values() for n in names)
        eras = alternation(_cldr.era_names(name))
        buddhist = BUDDHIST_ERA_NAMES.get(lang)
        if buddhist:
            eras = f"(?P<be>{alternation(buddhist)})|{eras}"
        self.era = eras

    def field(self, kind: str, glued_before: bool, glued_after: bool) -> str:
        start = "" if glued_before else _NAME_START
        end = "" if glued_after else _NAME_END
        if kind == "d":
            return self.day
        if kind == "mo":
            return r"(?<!\d)(?P<mo>\d{1,2})(?!\d)"
        if kind == "y":
            return r"(?<!\d)(?P<y>\d{4})(?!\d)"
        if kind == "month":
            return f"{start}{self.month}{end}"
        if kind == "era":
            return f"(?:{start}(?:{self.era})\\.?{end})?"
        return f"{start}(?:{self.weekday})\\.?{end}"

    def build(self, pattern: str) -> str | None:
        items = _tokens(pattern)
        if items is None:
            return None
        kinds = [kind for kind, _ in items if kind != "chars"]
        has_letters = any(kind == "chars" and any(c.isalpha() for c in text) for kind, text in items)
        if "mo" in kinds and not has_letters:
            return None  # all-number dates are read by the numeric reader, by the locale's order
        if "d" not in kinds or ("month" not in kinds and "mo" not in kinds):
            return None
        # A leading weekday travels with the literal that joins it to the date, so that the
        # literal is not left dangling at the start when the weekday is absent. Elsewhere
        # the weekday is optional on its own; a dangling ", " at the end is trimmed later.
        prefix = ""
        if items[0][0] == "weekday":
            end = 2 if len(items) > 1 and items[1][0] == "chars" else 1
            prefix = f"(?:{self._span(items[:end], optional_weekday=False)})?"
            items = items[end:]
        marker = "(?P<be_ok>)" if self.name.split("_", maxsplit=1)[0] in BUDDHIST_ERA_NAMES else ""
        return marker + prefix + self._span(items, optional_weekday=True)

    def _span(self, items: list[tuple[str, str]], optional_weekday: bool) -> str:
        out: list[str] = []
        for index, (kind, text) in enumerate(items):
            before = items[index - 1] if index > 0 else None
            after = items[index + 1] if index + 1 < len(items) else None
            if kind == "chars":
                # Between two numbers the literal is the only separator, so it must be there.
                required = before is not None and after is not None and {before[0], after[0]} <= _NUMERIC
                glued_after = after is not None and not text[-1].isspace()
                out.append(_literal(text, required, glued_after))
                continue
            glued_before = before is not None and before[0] == "chars" and before[1][-1].isalpha()
            glued_after = after is not None and after[0] == "chars" and after[1][0].isalpha()
            regex_source = self.field(kind, glued_before, glued_after)
            if kind == "weekday" and optional_weekday:
                regex_source = f"(?:{regex_source})?"
            out.append(regex_source)
        return "".join(out)


def pattern_words(names: LocaleNames) -> set[str]:
    """Words a date in a locale with these ``names`` contains besides month names: a letter
    literal glued to the month (Hebrew "ב", Basque "-ren") joined to each month name, and every
    literal of a pattern with a numeric month (Chinese 年, 月, 日)."""
    words: set[str] = set()
    months = [n for forms in names.months.values() for n in forms]
    for pattern in (*names.date_patterns, *names.partial_patterns):
        items = _tokens(pattern) or []
        numeric_month = any(kind == "mo" for kind, _ in items)
        for index, (kind, text) in enumerate(items):
            if kind == "chars" and numeric_month:
                words.update(regex.findall(r"[\p{L}\p{M}]+", text))
            if kind != "month":
                continue
            before = items[index - 1][1] if index > 0 and items[index - 1][0] == "chars" else ""
            after = items[index + 1][1] if index + 1 < len(items) and items[index + 1][0] == "chars" else ""
            glued_before = regex.search(r"[\p{L}\p{M}]+$", before)
            glued_after = regex.match(r"[\p{L}\p{M}]+", after)
            for month in months:
                bare = month.rstrip(".")
                if glued_before:
                    words.add(glued_before.group() + bare)
                if glued_after:
                    words.add(bare + glued_after.group())
    return words


def _unique(sources: Iterable[str | None]) -> tuple[str, ...]:
    seen: list[str] = []
    for source in sources:
        if source is not None and source not in seen:
            seen.append(source)
    return tuple(seen)


#: A time of day ("9:00", "21h30", "9.30"): after a day-month date it is no year, and a number
#: it starts with is no day ("6 de Mayo<br>9:00" is 6 May at nine, not 9 May).
TIME_OF_DAY = r"\d{1,2}[:h.]\d{2}(?!\d|[:.]\d)"
#: A day-month date is not followed by something that reads as its year: a date whose year
#: failed to parse is not a day-month date. A time of day after it is no year.
_NO_YEAR_AFTER = rf"(?!{GAP}[,./-]?{GAP}(?!{TIME_OF_DAY})\d)"


@caches.register
@lru_cache(maxsize=128)
def branches(name: str) -> Branches:
    """The regex sources of locale ``name`` (a Babel identifier)."""
    builder = _Builder(name, month_regex(_cldr.month_forms(name)))
    wide = _Builder(name, month_regex(_cldr.wide_month_forms(name)))
    full = _unique(builder.build(p) for p in _cldr.date_patterns(name))
    partial = _unique(builder.build(p) for p in _cldr.partial_patterns(name))
    partial_wide = _unique(wide.build(p) for p in _cldr.partial_patterns(name))
    return Branches(
        full=full,
        partial=tuple(p + _NO_YEAR_AFTER for p in partial),
        partial_wide=tuple(p + _NO_YEAR_AFTER for p in partial_wide),
    )


@caches.register
@lru_cache(maxsize=256)
def locale_regex(name: str, own: bool) -> regex.Pattern[str]:
    """One locale's full dates, then its day-month dates.

    In the text's own language (``own``) a day-month date may use any month name; in
    the others only a wide one, because their abbreviations ("set", "mar", "lip") are
    everyday words elsewhere.
    """
    found = branches(name)
    partial = found.partial if own else found.partial_wide
    return regex.compile("|".join(f"(?:{s})" for s in (*found.full, *partial)), FLAGS)
