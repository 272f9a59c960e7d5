"""Building the shipped CLDR data (``provenance/data/dates/index.json``) from the installed Babel.

``_shipped`` reads the file at run time; this module, which needs Babel and the date scanner's
index, writes it: ``pytest tests/test_dates_index.py --update-golden`` calls :func:`built` and
:func:`text`. Nothing imports it when checking articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from provenance.dates._shipped import LocaleNames, Numbered, read

__all__ = ["built", "merged", "text"]

#: The fields of a locale's entry in the file: numbered (months, weekdays) and listed.
_NUMBERED = ("months", "wide_months", "days", "wide_days")
_LISTED = ("eras", "date_patterns", "partial_patterns")


def _numbered_union(first: Numbered, second: Numbered) -> Numbered:
    merged = {number: list(names) for number, names in first.items()}
    taken = {name.casefold(): number for number, names in first.items() for name in names}
    for number, names in second.items():
        for name in names:
            # A name that a release gives to another month than the first does stays that month's.
            if taken.setdefault(name.casefold(), number) == number and name not in merged.get(number, []):
                merged.setdefault(number, []).append(name)
    return {number: tuple(names) for number, names in sorted(merged.items())}


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def merged(first: LocaleNames, second: LocaleNames) -> LocaleNames:
    """``first``'s names, then those of ``second`` that ``first`` lacks; ``first``'s numeric order."""
    return LocaleNames(
        months=_numbered_union(first.months, second.months),
        wide_months=_numbered_union(first.wide_months, second.wide_months),
        days=_numbered_union(first.days, second.days),
        wide_days=_numbered_union(first.wide_days, second.wide_days),
        eras=_union(first.eras, second.eras),
        date_patterns=_union(first.date_patterns, second.date_patterns),
        partial_patterns=_union(first.partial_patterns, second.partial_patterns),
        numeric_order=first.numeric_order,
    )


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def built(locales: tuple[str, ...]) -> dict[str, Any]:
    """The shipped file's data with the installed Babel's names merged in, ahead of older releases'."""
    import babel  # noqa: PLC0415 - building the file is the one thing here that needs Babel

    from provenance.dates import _babel, _scan  # noqa: PLC0415 - they bring Babel and the scanner

    earlier = read(None)
    fresh = {name: _babel.locale_names(name) for name in locales}
    names = dict(fresh)
    releases = [babel.__version__]
    if earlier is not None:
        newest = all(_release(babel.__version__) >= _release(other) for other in earlier.built_from)
        for name, old in earlier.names.items():
            if name in fresh:
                names[name] = merged(fresh[name], old) if newest else merged(old, fresh[name])
        releases = sorted({*earlier.built_from, babel.__version__}, key=_release, reverse=True)
    patterns = dict.fromkeys(p for entry in names.values() for p in (*entry.date_patterns, *entry.partial_patterns))
    tokens = {pattern: _babel.tokenize(pattern) for pattern in patterns}
    index = _scan.index_of({name: names[name] for name in locales})
    return {
        "built_from": releases,
        "locales": list(locales),
        "names": {
            name: {
                **{key: {str(n): list(v) for n, v in getattr(names[name], key).items()} for key in _NUMBERED},
                **{key: list(getattr(names[name], key)) for key in _LISTED},
                "numeric_order": names[name].numeric_order,
            }
            for name in locales
        },
        "tokens": {pattern: [[kind, list(value) if kind == "field" else value] for kind, value in items]
                   for pattern, items in tokens.items()},
        "owners": {word: list(found) for word, found in sorted(index.owners.items())},  # the same every build
        "openers": sorted(index.openers),
    }


def text(data: dict[str, Any]) -> str:
    """The file's text: a locale's list of names, a pattern or a word of the index a line, so a diff reads."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    def block(items: Iterable[str]) -> str:
        return ",\n".join(items)

    names = block(
        f"  {dump(name)}: {{\n" + block(f"    {dump(key)}: {dump(value)}" for key, value in entry.items()) + "\n  }"
        for name, entry in data["names"].items()
    )
    tokens = block(f"  {dump(pattern)}: {dump(items)}" for pattern, items in data["tokens"].items())
    owners = block(f"  {dump(word)}: {dump(found)}" for word, found in data["owners"].items())
    return (f'{{\n"built_from": {dump(data["built_from"])},\n"locales": {dump(data["locales"])},\n'
            f'"names": {{\n{names}\n}},\n"tokens": {{\n{tokens}\n}},\n'
            f'"owners": {{\n{owners}\n}},\n"openers": {dump(data["openers"])}\n}}\n')
