"""WARC and WARC.gz files, streamed record by record with warcio.

Only ``response`` records with a 2xx HTML answer are articles; requests, metadata, revisits,
redirects, images and the like are skipped. The record's ``WARC-Target-URI`` is the article's
source name; ``WARC-Date`` says when the crawler saw the page, never when it was published,
and is not used as a date.

A file that does not begin with a ``WARC/`` line (after decompression, for a WARC.gz) is one
error item, "not a WARC file"; only its first bytes are decompressed to tell, so a gzip bomb is
never unpacked. A truncated or corrupt record (cut off in its headers or its block, its block
shorter or longer than its ``Content-Length``, a digest that does not match, a header that does
not parse, headers over 1 MiB, no ``Content-Length``, an HTTP record without a target URI,
a broken gzip member) is one error item, and reading goes on from the next record: the file is
scanned forward for the next gzip member or ``WARC/1.x`` line. A record is handed on only once
the next one has started cleanly, because in an uncompressed WARC a wrong length shows only
there. warcio does the parsing, hardened by :mod:`provenance.sources.warc_records`.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Generator, Iterator
from typing import Any, BinaryIO

from provenance.fetch import parse_content_type
from provenance.load import detect_kind
from provenance.model import one_line
from provenance.sources.item import HTML_TYPES, Item
from provenance.sources.sitemap import is_gzip
from provenance.sources.warc_records import WarcRecords

__all__ = ["WARC_SUFFIXES", "is_warc_name", "iter_warc", "read_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
#: How much of the file a resync reads at a time while looking for the next record.
SCAN_CHUNK = 1024 * 1024
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
_WARC_LINE = re.compile(rb"(?:^|\n)(WARC/\d\.\d+\r?\n)")
#: Bytes kept between scanned chunks, so that a marker split between two is still found.
_OVERLAP = 16
#: An error message quotes at most this much of what warcio could not parse.
_MESSAGE_CHARS = 100
#: Every record starts with these bytes (after decompression, in a WARC.gz).
_WARC_MAGIC = b"WARC/"
#: How much of a gzip member is read to decompress the first bytes of the record in it.
_PROBE = 64 * 1024


def is_warc_name(name: str) -> bool:
    """Whether a file name says WARC (``.warc`` or ``.warc.gz``)."""
    return name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str, max_bytes: int) -> Iterator[Item]:
    """One Item per HTML response record of the WARC file at ``path``; errors as error Items."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator ends
    except OSError as error:
        yield Item(key=path, source=path, error=f"cannot open: {error.strerror or error}")
        return
    with handle:
        try:
            yield from read_warc(handle, path, max_bytes)
        except Exception as error:  # an I/O error, or bytes warcio fails on in a way not foreseen
            # The rest of this file is lost, not the audit: one error, and the next input is read.
            yield Item(key=path, source=path, error=f"cannot read the rest of the file: {_one_line(error)}")


def read_warc(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Item]:
    """The article Items of a seekable WARC stream; per-record errors as error Items, then go on."""
    head = stream.read(2)
    if not head:
        yield Item(key=name, source=name, error="empty file, not a WARC file")
        return
    gzipped = is_gzip(head)
    size = stream.seek(0, io.SEEK_END)
    problem = _start_problem(stream, 0, gzipped)
    if problem is not None:
        yield Item(key=name, source=name, error=f"not a WARC file ({problem})")
        return
    position: int | None = 0
    while position is not None:
        resync = yield from _records_from(stream, name, position, size, max_bytes)
        position = None if resync is None else _next_record(stream, resync, gzipped)


def _records_from(stream: BinaryIO, name: str, position: int, size: int,
                  max_bytes: int) -> Generator[Item, None, int | None]:
    """Items of the records from ``position`` on; returns where to look for a record after a
    broken one, or None at the end of the file."""
    stream.seek(position)
    records = WarcRecords(stream)
    while True:
        start: int = records.offset
        records.start_record()
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                record = next(records)
        except StopIteration:
            if start >= size:
                return None
            # Bytes are left that hold no record header (a gzip member cut off in its own header).
            yield _record_error(name, start, "truncated WARC record: the file ends inside it")
            return start + 1
        except Exception as error:  # warcio raises anything on bytes it cannot parse
            if records.reader.cut_short:
                problem = "truncated WARC record: it ends inside its headers"
            else:
                problem = f"corrupt WARC record: {_one_line(error)}"
            yield _record_error(name, start, problem, records.target)
            return start + 1
        try:
            item = _article(record, name, start, max_bytes)
        except Exception as error:
            yield _record_error(name, start, f"truncated or corrupt WARC record: {_one_line(error)}", _target(record))
            return start + 1
        captured = io.StringIO()
        try:
            with contextlib.redirect_stderr(captured):  # warcio prints its length warning itself
                records.read_to_end()
            length_wrong = bool(records.err_count or captured.getvalue())
        except Exception:  # what follows the block is no blank line, nor the next record
            length_wrong = True
        if length_wrong:
            # No blank line and record after the block: the record's length is wrong.
            problem = "truncated or corrupt WARC record (its length is wrong)"
            if item is not None:
                yield item.failed(f"{item.source}: {problem}")
            else:
                yield _record_error(name, start, problem, _target(record))
            return start + 1
        if item is not None:
            yield item


def _article(record: Any, name: str, start: int, max_bytes: int) -> Item | None:
    """The Item of one record, or None when it is no article; raises when the record is broken."""
    article = record.rec_type == "response" and record.http_headers is not None
    item: Item | None = None
    if article:
        status = record.http_headers.get_statuscode() or ""
        media_type, charset = parse_content_type(record.http_headers.get_header("Content-Type") or "")
        if status.startswith("2") and (media_type in HTML_TYPES or not media_type):
            source = _target(record) or f"{name}#{start}"
            key = f"{name}#{start}"
            data = record.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                item = Item(key=key, source=source, error=f"too large (over {max_bytes} bytes)")
            elif media_type or detect_kind(data[:4096]) == "html":
                item = Item(key=key, source=source, data=data, kind="html", charset=charset)
    # Read the rest of the block: the digest is checked and a short block shows only at its end.
    while record.raw_stream.read(SCAN_CHUNK):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise ValueError("the record ends before its Content-Length")
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        raise ValueError("; ".join(checker.problems) or "digest mismatch")
    return item


def _target(record: Any) -> str | None:
    target = record.rec_headers.get_header("WARC-Target-URI") if record.rec_headers is not None else None
    return target.strip() if target else None


def _record_error(name: str, offset: int, problem: str, target: str | None = None) -> Item:
    return Item(key=f"{name}#{offset}", source=target or f"{name}#{offset}", error=problem)


def _next_record(stream: BinaryIO, start: int, gzipped: bool) -> int | None:
    """The offset of the next record at or after ``start`` (a gzip member or a ``WARC/1.x`` line
    that begins with ``WARC/``), if any."""
    while (found := _next_marker(stream, start, gzipped)) is not None:
        if _start_problem(stream, found, gzipped) is None:
            return found
        start = found + 1
    return None


def _next_marker(stream: BinaryIO, start: int, gzipped: bool) -> int | None:
    """The offset of the next gzip member or ``WARC/1.x`` line at or after ``start``, if any."""
    pattern = _GZIP_MEMBER if gzipped else _WARC_LINE
    stream.seek(start - 1)
    window = stream.read(1)  # the byte before ``start``: tells whether a line starts there
    base = start - 1  # the offset of window[0]
    while chunk := stream.read(SCAN_CHUNK):
        window += chunk
        for match in pattern.finditer(window):
            found = base + match.start(match.lastindex or 0)
            if found >= start:
                return found
        keep = min(len(window), _OVERLAP)
        base += len(window) - keep
        window = window[-keep:]
    return None


def _start_problem(stream: BinaryIO, position: int, gzipped: bool) -> str | None:
    """Why no WARC record starts at ``position``, or None if one seems to.

    Only the first few bytes are decompressed, so a gzip bomb is never unpacked: warcio would read
    all of it as one header line.
    """
    stream.seek(position)
    data = stream.read(_PROBE if gzipped else len(_WARC_MAGIC))
    if gzipped:
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, len(_WARC_MAGIC))
        except zlib.error as error:
            return f"broken gzip data: {_one_line(error)}"
    if not data.startswith(_WARC_MAGIC):
        return "it does not begin with WARC/"
    return None


def _one_line(error: BaseException) -> str:
    # warcio quotes the line it could not parse: in a broken gzip member that is binary noise.
    return one_line(error, _MESSAGE_CHARS, ascii_only=True)
