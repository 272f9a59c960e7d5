"""Embeds that a scraper flattened to plain text.

What is left of an X embed once its markup is gone is its text and its attribution line::

    TEXT … pic.twitter.com/XyZ123
    — Display Name (@handle) December 6, 2017

The attribution is the anchor: a dash (``—``, ``&mdash;``, ``--``, ``–`` or a spaced ``-``),
the display name (which may itself hold parentheses and right-to-left script), the handle as the
last parenthesised ``@name``, and the shown date, on the same line or the next. The post's text
may stand before the attribution, after it, or both: some scrapers leave the first line of the
post on the attribution's line and the rest below it. Lines are grouped with the attribution on
evidence (see :mod:`provenance.extract.evidence`), never by a fixed count, and a post ends where
X ends one, at its trailing media link.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from provenance.dates import match_date
from provenance.extract.evidence import dominant_script, ends_post, media_links, post_evidence, script_lang
from provenance.model import Document, Fragment

__all__ = ["find_flattened"]

HANDLE_PAREN = regex.compile(r"\(@([A-Za-z0-9_]{1,15})\)")
#: Dashes that introduce the attribution, strongest first: an em dash (or its entity, or
#: the ``--``/``---`` Markdown converters write), then an en dash, then a spaced hyphen.
DASHES = (
    regex.compile(r"(?:—|&mdash;|&#8212;|-{2,3})"),
    regex.compile(r"–"),
    regex.compile(r"(?:^|(?<=\s))-(?=\s)"),
)
#: The longest post text taken around one attribution. X posts are at most 280 characters
#: unless the author pays for long posts (25,000); a flattened embed shows at most a few
#: thousand before the "Show more" cut, so more than this is article prose.
MAX_POST_CHARS = 4000


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str, start: int) -> list[_Line]:
    lines = []
    position = start
    for raw in text[start:].split("\n"):
        lines.append(_Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return lines


def _dash(before: str) -> regex.Match[str] | None:
    for pattern in DASHES:
        last = None
        for last in pattern.finditer(before):
            pass
        if last is not None:
            return last
    return None


def _date_after(text: str, position: int, lang: str | None) -> tuple[int, int] | None:
    """The (start, end) of a shown date after ``position``, on that line or the next."""
    line_end = text.find("\n", position)
    line_end = len(text) if line_end == -1 else line_end
    start = position
    while start < line_end and text[start] in " \t\u00a0\u202f":
        start += 1
    if start == line_end and line_end < len(text):
        start = line_end + 1  # the date may stand on the next line
        while start < len(text) and text[start] in " \t\u00a0\u202f":
            start += 1
    found = match_date(text, start, lang)
    if found is None:
        return None
    return start, found[1]


@dataclass
class _Anchor:
    line: int  # index into lines
    dash_start: int
    name: str | None
    handle: str
    date_start: int
    date_end: int
    date_line: int


def _anchors(text: str, lines: list[_Line], lang: str | None) -> list[_Anchor]:
    anchors = []
    index = 0
    for match in HANDLE_PAREN.finditer(text, lines[0].start if lines else 0):
        while index + 1 < len(lines) and lines[index + 1].start <= match.start():
            index += 1
        line = lines[index]
        dash = _dash(text[line.start : match.start()])
        if dash is None:
            continue
        date = _date_after(text, match.end(), lang)
        if date is None:
            continue
        date_line = index + 1 if date[0] > line.end else index
        name = " ".join(text[line.start + dash.end() : match.start()].split()) or None
        anchors.append(_Anchor(index, line.start + dash.start(), name, match.group(1), *date, date_line))
    return anchors


def find_flattened(document: Document) -> Iterator[Fragment]:
    """Every flattened X embed in ``document``'s text (in HTML: its attribution only)."""
    text = document.text
    lines = _lines(text, document.body_start)
    anchors = _anchors(text, lines, document.lang)
    if not anchors:
        return
    anchor_lines = {anchor.line for anchor in anchors}
    article_script = _article_script(lines, anchor_lines)
    markup = document.kind == "html"
    taken_until = 0  # lines before this index belong to an earlier post
    for number, anchor in enumerate(anchors):
        line = lines[anchor.line]
        next_anchor = anchors[number + 1].line if number + 1 < len(anchors) else len(lines)
        before: list[int] = []
        after: list[int] = []
        parts: list[str] = []
        if markup:
            # In HTML the lines around are markup: the attribution is all that can be read.
            first = anchor.dash_start
        else:
            prefix = text[line.start : anchor.dash_start].strip()
            if prefix and not ends_post(prefix):
                # The scraper left the post's first line before the dash; the rest follows.
                parts = [prefix]
                after = _body_after(lines, anchor.date_line + 1, next_anchor, article_script)
            else:
                # The standard layout: the text stands above, ending on the dash's line or the one before.
                before = _body_before(lines, anchor.line, taken_until, anchor_lines, article_script, not prefix)
                parts = [lines[i].text.strip() for i in before] + ([prefix] if prefix else [])
                if not parts:
                    after = _body_after(lines, anchor.date_line + 1, next_anchor, article_script)
            parts.extend(lines[i].text.strip() for i in after)
            first = lines[before[0]].start if before else line.start
            while text[first] in " \t":
                first += 1
        taken_until = (after[-1] + 1) if after else anchor.date_line + 1

        body = "\n".join(part for part in parts if part)
        position = document.position(first)
        yield Fragment(
            kind="embed",
            form="flattened-text",
            offset=first,
            line=position[0],
            column=position[1],
            platform="x",
            handle=anchor.handle,
            display_name=anchor.name,
            shown_date_text=text[anchor.date_start : anchor.date_end],
            text=body or None,
            lang=script_lang(body) if body else None,
            media=tuple(media_links(body)),
        )


def _article_script(lines: list[_Line], anchor_lines: set[int]) -> str | None:
    """The writing system of the article's prose: that of the lines with nothing post-like in them."""
    prose = [
        line.text for index, line in enumerate(lines)
        if index not in anchor_lines and not post_evidence(line.text, None)
    ]
    return dominant_script("\n".join(prose))


def _body_before(
    lines: list[_Line], anchor: int, floor: int, anchor_lines: set[int], article_script: str | None,
    adjacent: bool,
) -> list[int]:
    """Lines above the attribution that read as the post's text, top first.

    With ``adjacent``, the nearest line is taken without further evidence: in the standard
    layout the attribution line directly follows the post's last line.
    """
    taken: list[int] = []
    size = 0
    index = anchor - 1
    while index >= floor and index not in anchor_lines:
        text = lines[index].text.strip()
        if text:
            evident = bool(post_evidence(text, article_script)) or (adjacent and not taken)
            if not evident or size + len(text) > MAX_POST_CHARS:
                break
            # A media link ends a post: above it stands another post or the article.
            if taken and ends_post(text):
                break
            taken.append(index)
            size += len(text)
        index -= 1
    while taken and not lines[taken[-1]].text.strip():
        taken.pop()
    return taken[::-1]


def _body_after(lines: list[_Line], start: int, stop: int, article_script: str | None) -> list[int]:
    """Lines below the attribution that read as the rest of the post's text."""
    taken: list[int] = []
    size = 0
    for index in range(start, stop):
        text = lines[index].text.strip()
        if not text:
            continue
        if not post_evidence(text, article_script) or size + len(text) > MAX_POST_CHARS:
            break
        taken.append(index)
        size += len(text)
        if ends_post(text):
            break
    return taken
