"""warcio's record iterator, hardened for archives that may be broken or hostile.

warcio trusts its input: it reads a header "line" of any length (a gzip member of zeros has no
line break, and a 20 KB ``.warc.gz`` holding 20 MB of them takes a gigabyte to read as one line),
treats a record cut off before its block as the clean end of the file, and fails with an
``AttributeError`` on a record without ``WARC-Target-URI``. :class:`WarcRecords` is warcio's
iterator with three parts swapped:

- :class:`BoundedReader` reads at most :data:`MAX_HEADER_BYTES` of header lines per record and
  raises :class:`BrokenRecord` past that, so memory stays flat whatever the bytes are;
- :class:`StrictLoader` parses WARC records only (never the ARC fallback) and raises
  :class:`BrokenRecord` for a record warcio would misread: no ``WARC/1.x`` line, no valid
  ``Content-Length``, an HTTP record without a target URI, a block that is missing;
- :attr:`BoundedReader.cut_short` tells whether the last record's headers ran into the end of the
  data, so that the error can say the record was cut off.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecordLoader
from warcio.utils import BUFF_SIZE

__all__ = ["MAX_HEADER_BYTES", "BoundedReader", "BrokenRecord", "StrictLoader", "WarcRecords"]

#: The most bytes the non-blank header lines of one record (its WARC and HTTP headers together)
#: may take; real headers are a few kilobytes.
MAX_HEADER_BYTES = 1024 * 1024
_DIGITS = re.compile(r"[0-9]+")


class BrokenRecord(ValueError):
    """A WARC record that cannot be read; the message says why, in a few words."""


class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's (decompressing) buffered reader with a bounded ``readline``.

    ``readline`` never returns more than what is left of the header budget; a line that does not
    end within it raises :class:`BrokenRecord`. ``read`` (a record's block being read) and
    :meth:`start_record` renew the budget. Blank lines are not counted: warcio keeps none.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream, block_size=BUFF_SIZE)
        self.header_bytes = 0
        #: Whether a line was cut short by the end of the data since :meth:`start_record`.
        self.cut_short = False

    def start_record(self) -> None:
        """Renew the header budget: the next lines read are a new record's headers."""
        self.header_bytes = 0
        self.cut_short = False

    def read(self, length: int | None = None) -> bytes:
        self.header_bytes = 0
        return bytes(super().read(length))

    def readline(self, length: int | None = None) -> bytes:
        allowed = MAX_HEADER_BYTES - self.header_bytes
        limit = allowed if length is None or length < 0 or length > allowed else length
        if limit <= 0:
            if length == 0:
                return b""
            raise BrokenRecord(f"its headers are over {MAX_HEADER_BYTES:,} bytes")
        parts: list[bytes] = []
        size = 0
        while size < limit:
            self._fillbuff()
            if self.empty():
                self.cut_short = True
                break
            part: bytes = self.buff.readline(limit - size)
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
        line = b"".join(parts)
        if line.strip():
            self.header_bytes += size
        if size >= allowed and limit == allowed and not line.endswith(b"\n"):
            if size == MAX_HEADER_BYTES:
                raise BrokenRecord(f"a header line over {MAX_HEADER_BYTES:,} bytes (no line break)")
            raise BrokenRecord(f"its headers are over {MAX_HEADER_BYTES:,} bytes")
        return line


class StrictLoader(ArcWarcRecordLoader):  # type: ignore[misc]  # warcio is untyped
    """warcio's record loader for WARC records only, refusing headers it would misread."""

    def __init__(self) -> None:
        super().__init__(verify_http=False, arc2warc=False)
        #: The WARC headers of the record being read, once they are parsed.
        self.headers: Any = None

    def _detect_type_load_headers(self, stream: Any, statusline: Any = None,
                                  known_format: Any = None) -> tuple[str, Any]:
        self.headers = None
        try:
            kind, headers = super()._detect_type_load_headers(stream, statusline, "warc")
        except (EOFError, BrokenRecord):
            raise
        except Exception as error:  # warcio's ArchiveLoadFailed quotes the line it could not parse
            raise BrokenRecord(f"no WARC/1.x line where a record should start ({error})") from error
        if not headers.protocol:
            raise BrokenRecord("a blank line where a WARC/1.x line should be")
        length = headers.get_header("Content-Length")
        if length is None:
            raise BrokenRecord("no Content-Length header")
        if not _DIGITS.fullmatch(length.strip()):
            raise BrokenRecord(f"Content-Length is not a number ({length.strip()[:20]})")
        record_type = headers.get_header("WARC-Type")
        if record_type in self.HTTP_RECORDS and not (headers.get_header("WARC-Target-URI") or "").strip():
            raise BrokenRecord(f"a {record_type} record without WARC-Target-URI")
        self.headers = headers
        return kind, headers

    def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:
        try:
            return super().load_http_headers(rec_type, uri, stream, length)
        except EOFError as error:  # warcio would take this for the end of the file
            raise BrokenRecord("its block is missing") from error


class WarcRecords(WARCIterator):  # type: ignore[misc]  # warcio is untyped
    """warcio's WARC record iterator (digests checked) over a :class:`BoundedReader` and a
    :class:`StrictLoader`. Call :meth:`start_record` before each ``next()``."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream, check_digests=True)
        # Swapped before the first next(): warcio's generator looks both up as it goes.
        self.loader: StrictLoader = StrictLoader()
        self.reader: BoundedReader = BoundedReader(self.fh)

    def start_record(self) -> None:
        """Forget the last record's headers and renew the header budget for the next one."""
        self.reader.start_record()
        self.loader.headers = None
        # In an uncompressed WARC the next record's first line was read with the last record's
        # trailing blank lines: if the data ended inside it, this record is cut short.
        pending: bytes = getattr(self, "next_line", None) or b""
        self.reader.cut_short = bool(pending) and not pending.endswith(b"\n")

    @property
    def target(self) -> str | None:
        """The ``WARC-Target-URI`` of the record being read, if its WARC headers were parsed."""
        headers = self.loader.headers
        target = str(headers.get_header("WARC-Target-URI") or "").strip() if headers is not None else ""
        return target or None
