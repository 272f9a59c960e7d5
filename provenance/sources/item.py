"""One article to check, as an input names it, before it is read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from provenance.model import ArticleDate, DocumentKind

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


@dataclass(frozen=True)
class Item:
    """An article to check: a file to read, a URL to fetch, or bytes in hand; or why it failed."""

    #: Unique within a run and the same in every run over the same inputs: what ``--state`` records.
    key: str
    #: The name its report carries (a path, a URL, a WARC record's target URI).
    source: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None
    kind: DocumentKind | None = None
    #: The charset the server declared for ``data``, which wins over the page's own ``<meta>``.
    charset: str | None = None
    #: A publication date from outside the page (a news sitemap), used when the page states none
    #: (or only shows or guesses one: a sitemap is the publisher's statement).
    published: ArticleDate | None = None
    #: Set when the input failed before it could be checked: the problem alone, on one line;
    #: ``source`` names the input (as with ``InputError.problem`` and ``FileReport.error``).
    error: str | None = None

    def failed(self, error: str) -> Item:
        """The same input, failed for ``error`` (its bytes dropped)."""
        return dataclasses.replace(self, data=None, error=error)
