"""The one way provenance parses HTML: lxml's C parser (libxml2), leniently, never raising.

Used for embed regions (:mod:`provenance.extract.html`), the head's metadata
(:mod:`provenance.published.html`) and the article's prose (:mod:`provenance.extract.prose`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["parse_html"]


def parse_html(markup: str, *, comments: bool = True, instructions: bool = True) -> etree._Element | None:
    """The root of ``markup`` parsed as HTML, or None when nothing is left to parse.

    ``comments`` and ``instructions`` keep comments and processing instructions in the tree.
    The markup goes in as UTF-8 bytes with the encoding fixed (lxml refuses a str that carries
    an XML declaration; a lone surrogate becomes "?"); the plain etree parser builds the same
    tree as lxml.html's without a Python call per element to pick its class. A parser is made
    per call: lxml wants one per thread.
    """
    from lxml import etree  # noqa: PLC0415 - a check of a text file does not load lxml

    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=not comments, remove_pis=not instructions, collect_ids=False
    )
    try:
        return etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
