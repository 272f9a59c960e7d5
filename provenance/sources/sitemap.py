"""Sitemaps: the page URLs a ``urlset`` lists, and the child sitemaps a ``sitemapindex`` names.

A news sitemap (``xmlns:news``) gives each page's ``news:publication_date``; it is kept as the
article's publication date for pages that state none themselves, marked as coming from the
sitemap. ``lastmod`` is when the entry changed, not when the article appeared, and is ignored.
Sitemaps may be gzipped (told by their first bytes, not their name). XML is parsed
incrementally, with entities and DTDs refused, so memory stays flat and a hostile sitemap can
neither expand nor reach the network.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

from provenance.model import ArticleDate, one_line
from provenance.published import parse_stamp
from provenance.published.evidence import NEWS_SITEMAP

__all__ = ["SITEMAP_MAX_BYTES", "SitemapEntry", "SitemapError", "is_gzip", "read_sitemap"]

#: The sitemap protocol caps a sitemap at 50 MB uncompressed (and 50,000 URLs); a little more
#: is tolerated, much more is not a sitemap.
SITEMAP_MAX_BYTES = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_READ_CHUNK = 64 * 1024


class SitemapError(Exception):
    """A sitemap that cannot be read; the message is one line."""


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<loc>``: a page (with its news publication date, if any) or a child sitemap."""

    url: str
    is_sitemap: bool = False
    published: ArticleDate | None = None


def is_gzip(head: bytes) -> bool:
    """Whether data starting with ``head`` is gzip-compressed."""
    return head.startswith(_GZIP_MAGIC)


class _Bounded(io.RawIOBase):
    """A reader that raises SitemapError once more than ``limit`` bytes were read."""

    def __init__(self, stream: io.BufferedIOBase, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), _READ_CHUNK))
        self._size += len(data)
        if self._size > self._limit:
            raise SitemapError(f"larger than {self._limit} bytes uncompressed: not a sitemap")
        buffer[: len(data)] = data
        return len(data)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def read_sitemap(stream: IO[bytes], name: str, limit: int = SITEMAP_MAX_BYTES) -> Iterator[SitemapEntry]:
    """The entries of one sitemap read from ``stream``, in document order; SitemapError if it is none."""
    head = stream.read(2)
    raw: io.BufferedIOBase = io.BufferedReader(_Prefixed(head, stream))
    if is_gzip(head):
        raw = gzip.GzipFile(fileobj=raw, mode="rb")
    source = io.BufferedReader(_Bounded(raw, limit))
    parser = etree.iterparse(
        source, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    )
    root: str | None = None
    loc: str | None = None
    published: ArticleDate | None = None
    try:
        for event, element in parser:
            tag = _local(element.tag)
            if event == "start":
                if root is None:
                    root = tag
                    if root not in ("urlset", "sitemapindex"):
                        raise SitemapError(f"not a sitemap (its root element is <{root}>)")
                continue
            if tag == "loc":
                loc = (element.text or "").strip() or None
            elif tag == "publication_date" and element.text:
                published = NEWS_SITEMAP.tag(parse_stamp(element.text.strip(), f"news-sitemap {name}"))
            elif tag in ("url", "sitemap"):
                if loc is not None:
                    yield SitemapEntry(loc, is_sitemap=tag == "sitemap", published=published)
                loc, published = None, None
                element.clear()  # keep memory flat over 50,000 entries
    except etree.XMLSyntaxError as error:
        raise SitemapError(f"malformed XML: {one_line(error)}") from None
    except (OSError, EOFError, zlib.error) as error:
        raise SitemapError(f"corrupt gzip data: {one_line(error)}") from None
    if root is None:
        raise SitemapError("empty: no XML in it")


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: lets the magic bytes be read twice."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
