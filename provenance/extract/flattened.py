"""Embeds that a scraper flattened to plain text: the dash attribution of X and Bluesky.

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

A Bluesky embed flattens the same way, with a dotted handle and the time after the date::

    TEXT [image or embed] — Display Name (@name.bsky.social) November 25, 2024 at 12:58 AM

A handle with a dot is Bluesky's (X handles have none); its shown date keeps its time of day,
the ``[image or embed]`` placeholder is dropped from the text, and the text on the attribution's
line ends the post. Other platforms' flattened forms start with a fixed phrase and are read by
:mod:`provenance.extract.phrases`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from provenance.dates import match_date
from provenance.extract.evidence import ends_post, media_links, script_lang
from provenance.extract.textlines import article_script, body_after, body_before, line_bounds, split_lines
from provenance.model import Document, Fragment
from provenance.platforms import PLATFORMS, Platform
from provenance.platforms.markup import TIME_TAIL

__all__ = ["find_flattened"]

#: The platforms whose embeds flatten to a dash attribution, and their handles' patterns
#: (``Flattened.dash_handle``: X's 1–15 of ``A–Z a–z 0–9 _``, Bluesky's domain name).
_DASH_PLATFORMS = tuple(
    (platform, regex.compile(platform.flattened.dash_handle))
    for platform in PLATFORMS.values() if platform.flattened.dash_handle is not None
)
HANDLE_PAREN = regex.compile(r"\(@(" + "|".join(p.flattened.dash_handle or "" for p, _ in _DASH_PLATFORMS) + r")\)")
#: Dashes that introduce the attribution, strongest first: an em dash (or its entity, or
#: the ``--``/``---`` Markdown converters write), then an en dash, then a spaced hyphen.
DASHES = (
    regex.compile(r"(?:—|&mdash;|&#8212;|-{2,3})"),
    regex.compile(r"–"),
    regex.compile(r"(?:^|(?<=\s))-(?=\s)"),
)


def _dash(before: str) -> regex.Match[str] | None:
    for pattern in DASHES:
        found = list(pattern.finditer(before))
        if found:
            return found[-1]
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
    line: int  # index into the lines of split_lines
    dash_start: int
    name: str | None
    handle: str
    date_start: int
    date_end: int
    date_line: int
    platform: Platform


def _owner(handle: str) -> Platform:
    """The platform whose dash-attribution handles ``handle`` is one of."""
    return next(platform for platform, pattern in _DASH_PLATFORMS if pattern.fullmatch(handle))


def _anchors(text: str, start: int, lang: str | None) -> list[_Anchor]:
    """Every attribution from ``start`` on.

    Lines are looked up only around a ``(@handle)``, and the text is split into lines (for the
    anchors' line numbers) only once an attribution is found: most pages have none, and
    splitting a whole page into lines costs more than finding them.
    """
    anchors = []
    starts: list[int] | None = None
    for match in HANDLE_PAREN.finditer(text, start):
        line_start, line_end = line_bounds(text, match.start(), start)
        dash = _dash(text[line_start : match.start()])
        if dash is None:
            continue
        date = _date_after(text, match.end(), lang)
        if date is None:
            continue
        date_end = date[1]
        owner = _owner(match.group(1))
        if owner.flattened.time_after_date and (tail := TIME_TAIL.match(text, date_end)) is not None:
            date_end = tail.end()  # Bluesky shows the time of day after the date
        if starts is None:
            starts = [line.start for line in split_lines(text, start)]
        line = bisect.bisect_left(starts, line_start)
        date_line = line + 1 if date[0] > line_end else line
        name = " ".join(text[line_start + dash.end() : match.start()].split()) or None
        anchors.append(
            _Anchor(line, line_start + dash.start(), name, match.group(1), date[0], date_end, date_line, owner)
        )
    return anchors


def _without_placeholder(text: str, placeholder: str) -> str:
    return " ".join(text.replace(placeholder, " ").split())


def find_flattened(document: Document) -> Iterator[Fragment]:
    """Every flattened X or Bluesky embed in ``document``'s text (in HTML: its attribution only)."""
    text = document.text
    anchors = _anchors(text, document.body_start, document.lang)
    if not anchors:
        return
    lines = split_lines(text, document.body_start)  # cached: _anchors split them already
    anchor_lines = {anchor.line for anchor in anchors}
    markup = document.kind == "html"
    # In HTML the lines around an attribution are markup and never read: no script is needed.
    script = None if markup else article_script(lines, anchor_lines)
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
            ended = ends_post(prefix) or anchor.platform.flattened.ends_at_attribution
            if prefix and not ended:
                # The scraper left the post's first line before the dash; the rest follows.
                parts = [prefix]
                after = body_after(lines, anchor.date_line + 1, next_anchor, script)
            else:
                # The standard layout: the text stands above, ending on the dash's line or the one before.
                before = body_before(lines, anchor.line, taken_until, anchor_lines, script, adjacent=not prefix)
                parts = [lines[i].text.strip() for i in before] + ([prefix] if prefix else [])
                if not parts:
                    after = body_after(lines, anchor.date_line + 1, next_anchor, script)
            parts.extend(lines[i].text.strip() for i in after)
            first = lines[before[0]].start if before else line.start
            while text[first] in " \t":
                first += 1
        taken_until = (after[-1] + 1) if after else anchor.date_line + 1

        if (placeholder := anchor.platform.flattened.media_placeholder) is not None:
            parts = [_without_placeholder(part, placeholder) for part in parts]
        body = "\n".join(part for part in parts if part)
        position = document.position(first)
        yield Fragment(
            kind="embed",
            form="flattened-text",
            offset=first,
            line=position[0],
            column=position[1],
            platform=anchor.platform.name,
            handle=anchor.handle,
            display_name=anchor.name,
            shown_date_text=text[anchor.date_start : anchor.date_end],
            text=body or None,
            lang=script_lang(body) if body else None,
            media=tuple(media_links(body)),
        )
