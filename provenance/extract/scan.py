"""One multi-pattern pass over a page: where the literals the readers look for stand.

The readers of embed markup start from a few sets of ASCII literals (the platforms' words, the
embed openers' tag names). ``re`` finds an alternation of literals a character at a time, and a
page is some hundred thousand characters; hyperscan (an optional compiled dependency, the
``fast`` extra) finds every literal of a set in one pass, some ten times faster. The readers
then confirm only the places found, exactly as before.

:func:`literal_matches` gives what ``re.finditer`` of the set's alternation, longest literal
first, gives on the lower-cased page: non-overlapping matches, each the longest literal that
starts at the first place one does. The pass runs on the page's lower-case text written as
ASCII bytes, a ``?`` for each other character, so that offsets in the bytes are offsets in the
text. Without hyperscan, or with ``PROVENANCE_NO_HYPERSCAN=1`` in the environment, the same
alternation runs through ``re``: the results are the same either way (tests/test_scan.py runs
both).

:func:`literal_occurrences` gives every occurrence of every literal, overlapping ones too (one
hyperscan pass reports them all; without it, a ``str.find`` loop per literal). A reader that
asks of many spans of a page whether a literal stands in them finds them once and then looks
up the span. Such a reader often case-folds its spans with ``str.casefold``: the caseless view
(:func:`caseless`) reads an ASCII literal where the case-folded text holds it, except across the
characters of :data:`FOLDS_APART`, so a span without one is answered from the page's
occurrences in the caseless view, and a span with one as before.

A reader that starts from the page itself asks :func:`page_matches` and :func:`page_occurrences`:
with hyperscan they scan the view's bytes made from the page's own bytes (:func:`_view_bytes`),
so that the page is never lower-cased as a ``str``, which costs three times as much.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

from provenance import caches

__all__ = [
    "ENV_NO_HYPERSCAN",
    "FOLDS_APART",
    "LiteralSet",
    "ascii_gate",
    "backend",
    "caseless",
    "literal_matches",
    "literal_occurrences",
    "lowered",
    "page_literals",
    "page_matches",
    "page_occurrences",
]

#: Set to 1 to use the pure-Python scan even where hyperscan is installed.
ENV_NO_HYPERSCAN = "PROVENANCE_NO_HYPERSCAN"
#: The literal sets made with ``every_page``, in the order they were made.
_EVERY_PAGE: list[LiteralSet] = []


class LiteralSet:
    """A set of ASCII literals, lower case, found as ``re`` finds their alternation, longest first.

    A set that every page of markup is scanned for says so (``every_page``): with hyperscan, one
    pass finds the literals of all such sets (:func:`_all_matches`), for about the cost of one.
    """

    def __init__(self, literals: Sequence[str], *, every_page: bool = False) -> None:
        if not all(literal and literal.isascii() and literal == literal.lower() and "?" not in literal
                   for literal in literals):
            raise ValueError("literals must be non-empty, ASCII, lower case and without '?' (see _ascii)")
        self.literals = tuple(sorted(set(literals), key=len, reverse=True))
        self.pattern = re.compile("|".join(re.escape(literal) for literal in self.literals))
        if every_page:
            _EVERY_PAGE.append(self)

    def __repr__(self) -> str:
        return f"LiteralSet({len(self.literals)} literals)"


@caches.register
@cache
def backend() -> str:
    """``"hyperscan"`` when the compiled scan is installed and not switched off, else ``"re"``."""
    if os.environ.get(ENV_NO_HYPERSCAN, "") not in ("", "0"):
        return "re"
    try:
        import hyperscan  # noqa: F401, PLC0415 - optional, and loaded with the first HTML page only
    except ImportError:
        return "re"
    return "hyperscan"


# The caches hold the page being read (two, as a page's copy may be checked next): every reader
# of one page asks for the same views, and a page's views are a few times its size.
@caches.register
@lru_cache(maxsize=2)
def lowered(text: str) -> str | None:
    """``text`` lower-cased, when that keeps every offset (no character lower-cases to two); else None."""
    lower = text.lower()
    return lower if len(lower) == len(text) else None


#: The characters other than ASCII letters that ``re.IGNORECASE`` takes for an ASCII letter and
#: lower-casing does not make one: dotless i and long s (the Kelvin sign lower-cases to "k",
#: and dotted capital I to two characters, which :func:`lowered` refuses).
_CASELESS_EXTRA = {"\u0131": "i", "\u017f": "s"}


@caches.register
@lru_cache(maxsize=2)
def caseless(text: str) -> str | None:
    """``text`` as ``re.IGNORECASE`` reads it against ASCII literals: lower-cased, dotless i and
    long s made "i" and "s"; None when lower-casing changes an offset."""
    lower = lowered(text)
    if lower is None:
        return None
    for char, letter in _CASELESS_EXTRA.items():
        if char in lower:
            lower = lower.replace(char, letter)
    return lower


#: The characters that :func:`caseless` does not read as ``str.casefold`` does, one for one, as
#: far as ASCII literals go: those that fold to more than one character, an ASCII one among them
#: ("\u00df" to "ss", the ligatures, "j" with a combining caron), and dotless i, which the view
#: makes "i" and folding keeps. Every other character folds to one character, the one the view
#: has when that is ASCII, and to no ASCII character when the view has none: tests/test_scan.py
#: checks every code point.
FOLDS_APART = ("\u00df\u0130\u0131\u0149\u01f0\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e"
               "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")


#: The one character that lower-cases to two (:func:`lowered` refuses a text with it), and the
#: one non-ASCII character that lower-cases to an ASCII one: tests/test_scan.py checks every
#: code point.
_LOWERS_TO_TWO = "\u0130"
_LOWERS_TO_ASCII = {"\u212a": "k"}


@caches.register
@lru_cache(maxsize=4)  # both views of the two pages of lowered()
def _view_bytes(text: str, folded: bool) -> bytes | None:
    """``_ascii(caseless(text))`` when ``folded``, else ``_ascii(lowered(text))``, made without
    lower-casing the text: its ASCII bytes lower-cased, a "?" for every other character, and
    then the few non-ASCII characters the view reads as ASCII letters put in; None where the
    view is None."""
    if folded:
        data = _view_bytes(text, False)
        return None if data is None else _put(text, data, _CASELESS_EXTRA)
    if _LOWERS_TO_TWO in text:
        return None
    return _put(text, text.encode("ascii", "replace").lower(), _LOWERS_TO_ASCII)


def _put(text: str, data: bytes, letters: dict[str, str]) -> bytes:
    """``data`` with each of ``letters``' characters that ``text`` holds made its letter."""
    if text.isascii():  # known without reading the text
        return data
    changed: bytearray | None = None
    for char, letter in letters.items():
        at = text.find(char)
        while at != -1:
            changed = bytearray(data) if changed is None else changed
            changed[at] = ord(letter)
            at = text.find(char, at + 1)
    return data if changed is None else bytes(changed)


def page_matches(literals: LiteralSet, text: str, start: int = 0, *,
                 folded: bool) -> Iterator[tuple[int, str]] | None:
    """:func:`literal_matches` on ``caseless(text)`` when ``folded``, else on ``lowered(text)``;
    None where that view is None."""
    if backend() == "re":
        lower = caseless(text) if folded else lowered(text)
        return None if lower is None else literal_matches(literals, lower, start)
    data = _view_bytes(text, folded)
    return None if data is None else _scanned_matches(literals, data, start)


def page_occurrences(literals: LiteralSet, text: str, *, folded: bool) -> list[tuple[int, int]] | None:
    """:func:`literal_occurrences` on ``caseless(text)`` when ``folded``, else on ``lowered(text)``;
    None where that view is None."""
    if backend() == "re":
        lower = caseless(text) if folded else lowered(text)
        return None if lower is None else literal_occurrences(literals, lower)
    data = _view_bytes(text, folded)
    return None if data is None else _scanned_occurrences(literals, data)


def ascii_gate(phrase: str) -> str | None:
    """The longest run of ``phrase``'s ASCII characters other than "?", lower-cased: wherever
    ``phrase`` stands in a text, this stands in its lower-cased view; None when it has none."""
    runs = "".join(char if char.isascii() and char != "?" else "\0" for char in phrase).split("\0")
    return max(runs, key=len).lower() or None


def page_literals(literals: LiteralSet, text: str) -> frozenset[str] | None:
    """The literals that stand in ``lowered(text)``, from one hyperscan pass; None without
    hyperscan (a ``str.find`` per literal is what the caller would do) or without that view."""
    if backend() != "hyperscan":
        return None
    data = _view_bytes(text, False)
    if data is None:
        return None
    return frozenset(literals.literals[index] for _, index in _all_matches(literals, data))


@caches.register
@lru_cache(maxsize=2)
def _ascii(lower: str) -> bytes:
    # One byte per character: the offsets of the bytes are those of the text.
    return lower.encode("ascii", "replace")


def literal_matches(literals: LiteralSet, lower: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Each (offset, literal) of ``re.finditer(literals.pattern, lower, start)``; ``lower`` is a
    lower-cased text (see :func:`lowered`)."""
    if backend() == "re":
        for found in literals.pattern.finditer(lower, start):
            yield found.start(), found.group()
        return
    yield from _scanned_matches(literals, _ascii(lower), start)


def _scanned_matches(literals: LiteralSet, data: bytes, start: int) -> Iterator[tuple[int, str]]:
    end = -1
    for at, index in _all_matches(literals, data):
        if at < start or at < end:
            continue
        end = at + len(literals.literals[index])
        yield at, literals.literals[index]


def literal_occurrences(literals: LiteralSet, lower: str) -> list[tuple[int, int]]:
    """Every (start, end) of every literal in ``lower``, overlapping ones too, in order; ``lower``
    is a lower-cased text (see :func:`lowered`)."""
    found: list[tuple[int, int]] = []
    if backend() == "re":
        for literal in literals.literals:
            at = lower.find(literal)
            while at != -1:
                found.append((at, at + len(literal)))
                at = lower.find(literal, at + 1)
        found.sort()
        return found
    return _scanned_occurrences(literals, _ascii(lower))


def _scanned_occurrences(literals: LiteralSet, data: bytes) -> list[tuple[int, int]]:
    found = [(at, at + len(literals.literals[index])) for at, index in _all_matches(literals, data)]
    found.sort()
    return found


@caches.register
@lru_cache(maxsize=8)  # the readers' four literal sets, on the two pages of caseless()
def _all_matches(literals: LiteralSet, data: bytes) -> list[tuple[int, int]]:
    """Every (start, index) of every literal in ``data``, by start, the longest literal first;
    for a set of ``every_page``, taken from the one pass of all such sets."""
    if not any(member is literals for member in _EVERY_PAGE):
        return _pass(literals, data)
    index_of = {literal: index for index, literal in enumerate(literals.literals)}
    found = [(at, index_of[literal]) for at, literal in _union_matches(_union(tuple(_EVERY_PAGE)), data)
             if literal in index_of]
    found.sort()  # as _pass sorts: at one start, literals differ in length
    return found


@caches.register
@cache
def _union(members: tuple[LiteralSet, ...]) -> LiteralSet:
    """One set of the literals of ``members``."""
    return LiteralSet([literal for member in members for literal in member.literals])


@caches.register
@lru_cache(maxsize=4)  # the union, on both views of the two pages of lowered()
def _union_matches(union: LiteralSet, data: bytes) -> list[tuple[int, str]]:
    """Every (start, literal) of every literal of ``union`` in ``data``, from one pass."""
    return [(at, union.literals[index]) for at, index in _pass(union, data)]


def _pass(literals: LiteralSet, data: bytes) -> list[tuple[int, int]]:
    """Every (start, index) of every literal in ``data``, by start, the longest literal first:
    one hyperscan pass."""
    lengths = [len(literal) for literal in literals.literals]
    found: list[tuple[int, int]] = []
    add = found.append

    def on_match(index: int, _from: int, to: int, _flags: int, _context: Any) -> None:
        add((to - lengths[index], index))

    _database(literals)(data, match_event_handler=on_match)
    found.sort()  # by start; at one start, the lower index is the longer literal
    return found


@caches.register
@cache
def _database(literals: LiteralSet) -> Callable[..., Any]:
    import hyperscan  # noqa: PLC0415 - see backend()

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    expressions = ["".join(c if c.isalnum() else f"\\x{ord(c):02x}" for c in literal).encode()
                   for literal in literals.literals]
    database.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
                     flags=[0] * len(expressions))
    scan: Callable[..., Any] = database.scan
    return scan
