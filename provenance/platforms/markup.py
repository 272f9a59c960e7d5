"""Helpers the platform modules share to read their own embed markup (``Platform.read_embed``).

The generic reader in :mod:`provenance.extract.html` has already found the post's URL, the
date link and a ``— Name (@handle)`` attribution; a platform's reader refines that from the
element itself. These helpers keep those readers short: attribute values, the links and the
text of an lxml element, the lines of that text, exact instants in attributes, and a shown
date written after an attribution ("… (@handle) on Apr 27, 2020 at 9:24am PDT").

The text of an element is its strings in document order (:func:`strings`): the text and tails
below it (never a comment's), a line break for each ``<br>`` and one after each paragraph, so
that lines of the embed stay lines. What a script, a style sheet, a template or a ruby
annotation holds is not the text around it: it is read only as that element's own text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import regex

from provenance.dates import match_date

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

__all__ = [
    "TIME_TAIL",
    "attr",
    "clean_lines",
    "date_after",
    "inner_text",
    "instant",
    "links",
    "strings",
    "without",
]

#: A time of day after a date, as embeds write it: ``at 9:24am PDT``, ``um 0:31 Uhr``,
#: ``a la(s) 8:48 PDT``, ``à 14:43``, ``8:24午後 PDT``. Part of the shown text, not of the day.
TIME_TAIL = regex.compile(
    r"(?:\s*,)?\s*(?:(?:at|um|à|a\s+la\(s\)|a\s+las?|alle(?:\s+ore)?|om|o|kl\.?|в|saat)\s+)?"
    r"\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|午前|午後))?(?:\s*Uhr)?(?:\s+(?:[A-Z]{2,4}T|UTC|GMT)\b)?",
    regex.IGNORECASE,
)
#: Words that join an attribution to its date (``on``, ``am``, ``el``, ``le``, ``in data``, a
#: dash): at most this many characters of them are skipped before the date must start.
MAX_CONNECTOR_CHARS = 16
_CONNECTOR = regex.compile(r"[\s\u00a0]*(?:[\p{L}]{1,8}\.?|[-–—:])(?=[\s\u00a0])")
#: An ISO 8601 instant with a zone, as ``<time datetime>`` and some embeds write it.
ISO_INSTANT = regex.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})")
#: Elements whose strings are of their own kind, not the text around them.
_OWN_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


def attr(element: etree._Element, name: str) -> str | None:
    """The stripped value of attribute ``name``; None when it is missing or empty ("" when blank)."""
    value = element.get(name)
    return value.strip() if value else None


def links(element: etree._Element) -> list[etree._Element]:
    """The ``<a href>`` elements below ``element`` (an empty ``href`` too), in document order."""
    return [anchor for anchor in element.iterdescendants("a") if anchor.get("href") is not None]


def strings(element: etree._Element) -> list[str]:
    """The strings of ``element``'s text, in document order (see the module's docstring).

    The text of a script, a style sheet, a template or a ruby annotation is read only when that
    element (or one of the same kind around it) is ``element``; the line breaks of ``<br>`` and
    paragraphs are read wherever they stand, unless ``element`` is such an element itself.
    """
    tag = element.tag
    wanted = tag if isinstance(tag, str) and tag in _OWN_TEXT else None
    kind = wanted or next((str(above.tag) for above in element.iterancestors(*_OWN_TEXT)), None)
    found: list[str] = []
    _gather(element, kind, wanted, found)
    return found


def _gather(element: etree._Element, kind: str | None, wanted: str | None, found: list[str]) -> None:
    """Add the strings under ``element`` to ``found``: ``kind`` is the kind of its own text."""
    if kind == wanted and element.text is not None:
        found.append(element.text)
    for child in element:
        tag = child.tag
        if tag == "br":
            if wanted is None:
                found.append("\n")
        elif isinstance(tag, str):  # not a comment
            _gather(child, tag if tag in _OWN_TEXT else kind, wanted, found)
        if kind == wanted and child.tail is not None:
            found.append(child.tail)
    if element.tag == "p" and wanted is None:
        found.append("\n")


def inner_text(element: etree._Element, separator: str = "", *, strip: bool = False) -> str:
    """The strings of ``element``'s text joined by ``separator``; with ``strip``, each stripped
    and the blank ones left out."""
    found = strings(element)
    if strip:
        found = [stripped for piece in found if (stripped := piece.strip())]
    return separator.join(found)


def clean_lines(text: str | None) -> str | None:
    """``text`` with each line stripped and blank lines dropped; None when nothing is left."""
    if not text:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line) or None


def without(text: str | None, boilerplate: regex.Pattern[str]) -> str | None:
    """``text`` without the lines that ``boilerplate`` matches whole; None when nothing is left."""
    if not text:
        return None
    return clean_lines("\n".join(line for line in text.splitlines() if not boilerplate.fullmatch(line.strip())))


def instant(value: str | None) -> datetime | None:
    """The timezone-aware instant an ISO 8601 value names, or None (no zone, not a time)."""
    if not value or not ISO_INSTANT.fullmatch(value.strip()):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def date_after(text: str, position: int, lang: str | None = None) -> tuple[int, int] | None:
    """The (start, end) of a date, with its time of day, written at ``position`` or after a
    short connector (``on``, ``am``, ``el``, ``-``); None when no date starts there."""
    start = position
    for _ in range(3):
        found = match_date(text, start, lang)
        if found is not None:
            begin = start
            while begin < found[1] and text[begin] in " \t\n\u00a0\u202f":
                begin += 1
            end = found[1]
            if tail := TIME_TAIL.match(text, end):
                end = tail.end()
            return begin, end
        connector = _CONNECTOR.match(text, start)
        if connector is None or connector.end() - position > MAX_CONNECTOR_CHARS:
            return None
        start = connector.end()
    return None
