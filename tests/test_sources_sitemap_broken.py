"""Broken sitemaps, cut or malformed anywhere: the entries before the break, then one error.

What a sitemap broken part way gives must not depend on how much data the XML parser holds back
before it reports an error (that changes between libxml2 versions), so every offset is tried.
"""

from __future__ import annotations

import gzip
import io
import random
import zlib

import pytest

from provenance.sources.sitemap import SitemapError, read_sitemap

NEWS = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">')
#: As many bytes as the reader hands the parser at a time: a sitemap larger than this is fed in pieces.
FEED = 64 * 1024


def sitemap(count: int) -> tuple[bytes, list[tuple[str, int]]]:
    """A news sitemap of ``count`` pages and, for each, its URL and the offset just past its ``</url>``."""
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + NEWS.encode() + b"\n"
    ends: list[tuple[str, int]] = []
    for n in range(count):
        url = f"https://news.example/{n}/{'story-' * (n % 7)}{n}.html"
        news = (f"<news:news><news:publication_date>2030-01-{n % 28 + 1:02}</news:publication_date></news:news>"
                if n % 3 else "")
        data += f"  <url><loc>{url}</loc><lastmod>2030-01-01</lastmod>{news}</url>\n".encode()
        ends.append((url, len(data) - 1))
    return data + b"</urlset>\n", ends


def read(data: bytes) -> tuple[list[str], str | None]:
    """The URLs read from ``data`` and the error after them, if any."""
    urls: list[str] = []
    try:
        for entry in read_sitemap(io.BytesIO(data), "cut.xml"):
            urls.append(entry.url)
    except SitemapError as error:
        return urls, str(error)
    return urls, None


def before(ends: list[tuple[str, int]], offset: int) -> list[str]:
    """The URLs whose ``</url>`` ends at or before ``offset``."""
    return [url for url, end in ends if end <= offset]


def test_a_sitemap_cut_at_any_offset_keeps_every_entry_before_the_cut():
    """A sitemap cut off at any byte gives the entries whose </url> came before the cut, then an error."""
    data, ends = sitemap(12)
    whole = data.rindex(b"</urlset>") + len(b"</urlset>")
    for cut in range(len(data) + 1):
        urls, error = read(data[:cut])
        assert urls == before(ends, cut), cut
        assert (error is None) == (cut >= whole), (cut, error)


@pytest.mark.parametrize("junk", [b"<<", b"&", b"</x>", b"\x00"])
def test_a_sitemap_broken_at_any_offset_keeps_every_entry_before_the_break(junk):
    """Malformed XML at any byte, with more data after it, gives the entries before it, then an error."""
    data, ends = sitemap(12)
    for offset in range(len(data) - len(b"</urlset>\n")):
        urls, error = read(data[:offset] + junk + data[offset:])
        assert urls == before(ends, offset), offset
        assert error is not None and error.startswith("malformed XML: "), (offset, error)


def test_a_sitemap_read_in_several_pieces_keeps_the_entries_before_a_break_at_any_piece():
    """A sitemap larger than one read breaks the same way wherever the break falls against the reads."""
    data, ends = sitemap(1800)
    assert len(data) > 2 * FEED
    offsets = {piece * FEED + delta for piece in (1, 2) for delta in range(-8, 9)}
    offsets |= set(random.Random(13).sample(range(len(data) - 20), 12))
    for offset in sorted(offsets):
        assert read(data[:offset])[0] == before(ends, offset), offset
        urls, error = read(data[:offset] + b"<<" + data[offset:])
        assert urls == before(ends, offset) and error is not None, offset


def test_a_gzipped_sitemap_cut_at_any_offset_keeps_every_entry_it_could_decompress():
    """A gzipped sitemap cut off anywhere gives the entries in the data that decompresses, then an error."""
    data, ends = sitemap(40)
    packed = gzip.compress(data, mtime=0)
    for cut in range(2, len(packed)):
        readable = len(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(packed[:cut]))
        urls, error = read(packed[:cut])
        assert urls == before(ends, readable), cut
        assert error is not None, cut


def inflated_before_error(data: bytes) -> bytes:
    """What gzip ``data`` decompresses to before its first error, fed byte by byte."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    good = b""
    for index in range(len(data)):
        try:
            good += inflate.decompress(data[index : index + 1])
        except zlib.error:
            break
    return good


def test_a_gzipped_sitemap_corrupt_at_any_offset_keeps_every_entry_before_the_corrupt_byte():
    """A gzipped sitemap with garbage at any byte gives the entries of the data before the garbage, then an error."""
    data, _ = sitemap(40)
    packed = gzip.compress(data, mtime=0)
    for offset in range(10, len(packed)):
        broken = packed[:offset] + b"\xff" * 8 + packed[offset:]
        urls, error = read(broken)
        # What decompresses before zlib finds the garbage (which may first inflate to copies of earlier text).
        assert urls == read(inflated_before_error(broken))[0], offset
        assert error is not None and error.startswith(("corrupt gzip data: ", "malformed XML: ")), (offset, error)
