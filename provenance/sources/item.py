"""The media types an article may have; the Item record itself is in the model (re-exported here)."""

from __future__ import annotations

from provenance.model import DocumentKind, Item

__all__ = ["ARTICLE_TYPES", "HTML_TYPES", "Item"]

#: The media types of HTML pages: the only records of a WARC that are articles.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Media types a fetched URL may have, with the kind each is (None: told apart by content).
#: Anything else (images, PDF, JSON, feeds) is a per-input error.
ARTICLE_TYPES: dict[str, DocumentKind | None] = {
    **dict.fromkeys(HTML_TYPES, "html"),
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": None,  # a scraper's text or Markdown
    "": None,  # no Content-Type sent: the bytes tell (binary data is refused when read)
}
