"""Lines of plain text, and which of them read as a post's text rather than the article's.

Flattened embeds are found by an anchor (an attribution line, a fixed phrase); the post's text
around the anchor is taken line by line on evidence (see :mod:`provenance.extract.evidence`),
never by a fixed count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from provenance import caches
from provenance.extract.evidence import dominant_script, ends_post, post_evidence

__all__ = ["MAX_POST_CHARS", "Line", "article_script", "body_after", "body_before", "line_bounds", "split_lines"]

#: The longest post text taken around one attribution. X posts are at most 280 characters
#: unless the author pays for long posts (25,000); a flattened embed shows at most a few
#: thousand before the "Show more" cut, so more than this is article prose.
MAX_POST_CHARS = 4000


@dataclass
class Line:
    """One line of text: where it starts and ends, and what it says."""

    start: int
    end: int
    text: str


@caches.register
@lru_cache(maxsize=2)
def split_lines(text: str, start: int) -> tuple[Line, ...]:
    """The lines of ``text`` from ``start`` on, with their offsets (cached: the phrase and the
    attribution readers both need the lines of the same page)."""
    lines = []
    position = start
    for raw in text[start:].split("\n"):
        lines.append(Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return tuple(lines)


def line_bounds(text: str, offset: int, floor: int = 0) -> tuple[int, int]:
    """The (start, end) of the line of ``text`` that holds ``offset``, starting at ``floor`` at
    the earliest: found without splitting the text, which the readers do only around an anchor."""
    end = text.find("\n", offset)
    return max(text.rfind("\n", floor, offset) + 1, floor), len(text) if end == -1 else end


def article_script(lines: Sequence[Line], anchor_lines: set[int]) -> str | None:
    """The writing system of the article's prose: that of the lines with nothing post-like in them."""
    prose = [
        line.text for index, line in enumerate(lines)
        if index not in anchor_lines and not post_evidence(line.text, None)
    ]
    return dominant_script("\n".join(prose))


def body_before(
    lines: Sequence[Line], anchor: int, floor: int, anchor_lines: set[int], article_script: str | None,
    *, adjacent: bool,
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


def body_after(lines: Sequence[Line], start: int, stop: int, article_script: str | None) -> list[int]:
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
