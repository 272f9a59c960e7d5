"""Sitemaps: the page URLs a ``urlset`` lists, and the child sitemaps a ``sitemapindex`` names.

A news sitemap (``xmlns:news``) gives each page's ``news:publication_date``; it is kept as the
article's publication date for pages that state none themselves, marked as coming from the
sitemap. ``lastmod`` is when the entry changed, not when the article appeared, and is ignored.
Sitemaps may be gzipped (told by their first bytes, not their name). XML is parsed
incrementally, with no tree built, so memory stays flat. A DOCTYPE is refused before its
declarations are read (sitemaps have none), so a hostile sitemap can neither expand entities nor
reach the disk or the network.

A sitemap broken part way (cut off, or malformed XML after some entries) gives every entry whose
``</url>`` or ``</sitemap>`` came before the break, then the error. The entries come from the
parser's callbacks as it reads, and libxml2 makes none after a fatal error, so what is kept does
not depend on how much data the parser holds back before it reports: the same on every lxml and
libxml2, for any chunking of the input.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, cast

from lxml import etree

from provenance.model import ArticleDate, one_line
from provenance.published import parse_stamp
from provenance.published.evidence import NEWS_SITEMAP

if TYPE_CHECKING:
    from lxml.etree import ParserTarget

__all__ = ["SITEMAP_MAX_BYTES", "SitemapEntry", "SitemapError", "is_gzip", "read_sitemap"]

#: The sitemap protocol caps a sitemap at 50 MB uncompressed (and 50,000 URLs); a little more
#: is tolerated, much more is not a sitemap.
SITEMAP_MAX_BYTES = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
#: zlib's window-bits value for gzip data (a gzip header and trailer around deflate data).
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_READ_CHUNK = 64 * 1024
#: The elements whose text is kept: a page's URL and its news publication date.
_TEXT_TAGS = ("loc", "publication_date")
_ROOTS = ("urlset", "sitemapindex")


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


class _Entries:
    """The parser's target: turns its callbacks into SitemapEntry values, kept in ``ready``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root: str | None = None
        self.ready: list[SitemapEntry] = []
        self._text: list[str] | None = None  # the text of the <loc> or date being read
        self._loc: str | None = None
        self._published: ArticleDate | None = None

    def doctype(self, name: str | None, public: str | None, system: str | None, /) -> None:
        """Refuse a DOCTYPE: called before its declarations (entities, a DTD to load) are read."""
        raise SitemapError(f"a DOCTYPE <!DOCTYPE {name}> (sitemaps have none; its entities are not read)")

    def _check_root(self) -> None:
        # Checked at the callback after the root's: only then is its start tag known to be whole
        # (libxml2 reports a start tag cut off by the end of the data before it finds the cut).
        if self.root not in _ROOTS:
            raise SitemapError(f"not a sitemap (its root element is <{self.root}>)")

    def start(self, tag: str, attrib: dict[str, str], /) -> None:
        """Note the root; start collecting the text of a <loc> or publication date."""
        local = _local(tag)
        if self.root is None:
            self.root = local
            return
        self._check_root()
        if local in _TEXT_TAGS:
            self._text = []

    def data(self, text: str, /) -> None:
        """Keep character data inside a <loc> or publication date."""
        self._check_root()
        if self._text is not None:
            self._text.append(text)

    def end(self, tag: str, /) -> None:
        """Take a <loc> or date once it ends; make an entry once its <url> or <sitemap> ends."""
        self._check_root()
        local = _local(tag)
        text = ""
        if local in _TEXT_TAGS:
            text = "".join(self._text or ()).strip()
            self._text = None
        if local == "loc":
            self._loc = text or None
        elif local == "publication_date" and text:
            self._published = NEWS_SITEMAP.tag(parse_stamp(text, f"news-sitemap {self.name}"))
        elif local in ("url", "sitemap"):
            if self._loc is not None:
                self.ready.append(SitemapEntry(self._loc, is_sitemap=local == "sitemap", published=self._published))
            self._loc, self._published = None, None

    def close(self) -> None:
        """Nothing to build: the entries were handed on as they ended."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def read_sitemap(stream: IO[bytes], name: str, limit: int = SITEMAP_MAX_BYTES) -> Iterator[SitemapEntry]:
    """The entries of one sitemap read from ``stream``, in document order; SitemapError if it is none.

    A sitemap broken part way yields the entries that ended before the break, then raises.
    """
    entries = _Entries(name)
    # lxml calls only the callbacks a target has; the stubs' protocol lists every one.
    parser = etree.XMLParser(
        target=cast("ParserTarget[None]", entries),
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    )
    pieces = _pieces(stream, limit)
    read_any = False
    problem: SitemapError | None = None
    done = False
    while not done:
        try:
            piece = next(pieces, b"")
            if piece:
                read_any = True
                parser.feed(piece)
            else:
                done = True
                if read_any:
                    parser.close()
        except SitemapError as error:  # from the target (not a sitemap, a DOCTYPE) or the size limit
            problem = error
        except etree.XMLSyntaxError as error:
            problem = SitemapError(f"malformed XML: {one_line(error)}")
        except (EOFError, zlib.error) as error:
            problem = SitemapError(f"corrupt gzip data: {one_line(error)}")
        except OSError as error:
            problem = SitemapError(f"cannot read: {error.strerror or error}")
        # What ended before a break is handed on before the break is reported.
        yield from entries.ready
        entries.ready.clear()
        done = done or problem is not None
    if problem is not None:
        raise problem
    if entries.root is None:
        raise SitemapError("empty: no XML in it")


def _pieces(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """The sitemap's bytes in pieces, gunzipped if they are gzip; SitemapError past ``limit`` bytes."""
    first = stream.read(_READ_CHUNK)
    size = 0
    for piece in _gunzip(stream, first) if is_gzip(first) else _plain(stream, first):
        size += len(piece)
        if size > limit:
            raise SitemapError(f"larger than {limit} bytes uncompressed: not a sitemap")
        yield piece


def _plain(stream: IO[bytes], first: bytes) -> Iterator[bytes]:
    piece = first
    while piece:
        yield piece
        piece = stream.read(_READ_CHUNK)


def _gunzip(stream: IO[bytes], first: bytes) -> Iterator[bytes]:
    """The data of the gzip members in ``first`` and the rest of ``stream``, a piece at a time.

    Every byte that decompresses is handed on before the error: EOFError when the data ends inside
    a member, zlib.error at the first corrupt byte. (GzipFile drops what it decompressed in a read
    that then fails, and zlib's decompress returns nothing when it fails part way.)
    """
    inflate = zlib.decompressobj(_GZIP_WBITS)
    pending = first
    while pending or (pending := stream.read(_READ_CHUNK)):
        if inflate.eof:
            inflate = zlib.decompressobj(_GZIP_WBITS)  # another member follows, as gzip allows
        before = inflate.copy()
        try:
            piece = inflate.decompress(pending, _READ_CHUNK)  # bounded: a small bomb stays small
        except zlib.error as error:
            if good := _up_to_corruption(before, pending):
                yield good
            raise error from None
        pending = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
        if piece:
            yield piece
    if not inflate.eof:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")


def _up_to_corruption(inflate: zlib._Decompress, data: bytes) -> bytes:
    """What ``data`` decompresses to before its first corrupt byte (fed to ``inflate`` byte by byte)."""
    good = bytearray()
    for index in range(len(data)):
        try:
            good += inflate.decompress(data[index : index + 1])
        except zlib.error:
            break
    return bytes(good)
