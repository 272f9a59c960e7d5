"""Bytes → Document: read, decode, tell HTML / Markdown / text apart, find the article's dates.

Every problem with an input is an ``InputError`` whose message is one line naming the input
and the problem; nothing else escapes ``load_path`` and ``load_bytes``.

Decoding order: a byte-order mark, then the charset the document declares (HTML ``<meta>``
or XML declaration), then UTF-8 (also when only a few bytes are broken), then the encoding
bs4's ``EncodingDetector`` guesses (charset detection, then Windows-1252).

An empty file (or one of only white space) is an article with nothing in it, not an error: a
static site's section pages (Hugo's ``_index.md``) are often empty, and they cite no post.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.model import ArticleDate, Document, DocumentKind, InputError, Item
from provenance.published import find_dates

if TYPE_CHECKING:
    from bs4.dammit import EncodingDetector

__all__ = [
    "MAX_INPUT_BYTES",
    "decode",
    "detect_kind",
    "load_bytes",
    "load_item",
    "load_path",
    "load_text",
]

logger = logging.getLogger(__name__)

#: Real article pages, inline scripts and styles included, stay below a few MB; past this an
#: input is a dump or an archive, and parsing it would cost an audit more than it can tell.
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: Binary data shows itself early: file headers put NUL and control bytes up front.
BINARY_SNIFF_BYTES = 8 * 1024
#: Text has tabs and newlines but almost no other control bytes; above this share it is binary.
MAX_CONTROL_SHARE = 0.05
#: Charset detection reads this much: a page has one charset, and guessing from the whole of
#: a 20 MB page takes seconds where this takes milliseconds.
DETECT_SAMPLE_BYTES = 256 * 1024
#: A UTF-8 text with a stray broken byte is still UTF-8; it is taken as UTF-8 (with U+FFFD)
#: when its well-formed non-ASCII characters outnumber the broken sequences this many times.
#: Legacy 8-bit text almost never forms a valid multi-byte sequence, so it stays below this.
UTF8_GOOD_PER_BAD = 20
#: Content sniffing reads this much: the start of a page shows what it is.
KIND_SNIFF_CHARS = 4096
#: Markdown markers (headings, links, fences, quotes) needed to call unmarked text Markdown.
MIN_MARKDOWN_SIGNS = 2
#: HTML tags needed to call unmarked text HTML when it does not start with markup.
MIN_HTML_TAGS = 3

_EXTENSIONS: dict[str, DocumentKind] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".xht": "html", ".shtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".mkdn": "markdown", ".mdx": "markdown",
    ".txt": "text", ".text": "text",
}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"
_MARKUP_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|\?xml|!--|[a-z][a-z0-9]*[\s/>])", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|script|meta|link|article|section|blockquote|iframe|br|img"
    r"|ul|ol|li|table|tr|td|h[1-6]|strong|em)\b[^>]*>",
    re.I,
)
_MARKDOWN_SIGN = re.compile(
    r"^#{1,6}[ \t]+\S|\[[^\]\n]+\]\([^)\s]+\)|^```|^~~~|^>[ \t]|^\[[^\]\n]+\]:[ \t]+\S|^(?:=+|-+)[ \t]*$"
    r"|\*\*\S[^*\n]*\*\*",
    re.M,
)
# WHATWG: these labels mean Windows-1252 in practice. UTF-16/32 labels in an ASCII-compatible
# document are wrong (a real UTF-16 file starts with a BOM, handled before), and UTF-7 is
# refused because decoding ASCII as UTF-7 silently rewrites every "+…-" run.
_DECLARED_ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "latin1": "windows-1252",
                     "us-ascii": "windows-1252", "ascii": "windows-1252"}
# Both spellings: Python's codec names ("utf-16-le") and the labels bs4 compares ("utf-16le").
_REFUSED_ENCODINGS = (
    "utf-16", "utf-16-le", "utf-16le", "utf-16-be", "utf-16be",
    "utf-32", "utf-32-le", "utf-32le", "utf-32-be", "utf-32be", "utf-7",
)


def detect_kind(data: bytes | str, name: str | None = None) -> DocumentKind:
    """'html', 'markdown' or 'text': by the name's extension when it has a known one, else by content."""
    if name:
        path = name.split("?", 1)[0].split("#", 1)[0]
        kind = _EXTENSIONS.get(os.path.splitext(path)[1].lower())
        if kind is not None:
            return kind
    sample = data[: KIND_SNIFF_CHARS * 4].decode("utf-8", "replace") if isinstance(data, bytes) else data
    sample = sample[:KIND_SNIFF_CHARS].lstrip("\ufeff")
    if _MARKUP_START.match(sample):
        return "html"
    if sample.startswith(("---\n", "---\r\n", "+++\n", "+++\r\n")):
        return "markdown"
    if len(_MARKDOWN_SIGN.findall(sample)) >= MIN_MARKDOWN_SIGNS:
        return "markdown"
    if len(_HTML_TAG.findall(sample)) >= MIN_HTML_TAGS:
        return "html"
    return "text"


def _check_binary(data: bytes, name: str) -> None:
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError(name, "binary data (NUL bytes), not text")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(head):
        raise InputError(name, f"binary data ({controls} control bytes in the first {len(head)})")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return text if bad > 0 and good >= UTF8_GOOD_PER_BAD * bad else None


#: What a declared charset bs4 reads starts with (``encoding=`` in an XML declaration, ``charset=``
#: in a ``<meta>``): bs4 costs more to import than a short article costs to check, so it is loaded
#: only for an input that has one (or needs its guess of the encoding).
#: One pattern per keyword, matched on the lower-cased bytes: a case-sensitive pattern that
#: starts with a literal word is searched some ten times faster than ``re.I`` or an alternation
#: (6 ms a page of the corpus before, 0.6 ms then; each match is tried where ``bytes.find``
#: finds its keyword, 0.25 ms now), and ``bytes.lower`` folds ASCII letters only,
#: as ``re.I`` does on bytes. The two keywords' matches cannot overlap, so the counts add up.
_KEYWORDS = (b"charset", b"encoding")
_DECLARATIONS = tuple(re.compile(rb"%s\s*=" % word) for word in _KEYWORDS)
#: A declaration of UTF-8 (``charset="utf-8"``, also escaped in a script). When every declaration
#: is one, bs4 can find UTF-8 or nothing, and UTF-8 is what is tried next either way: such an
#: input (most pages) is not shown to bs4 either.
_UTF8_DECLARATIONS = tuple(
    re.compile(rb"""%s\s*=\s*\\?["']?utf[-_]?8(?=[\s\\"'/;>])""" % word) for word in _KEYWORDS
)
#: Byte-order marks and their encodings, UTF-32's before UTF-16's: the UTF-32 LE mark begins with
#: UTF-16 LE's (bs4 before 4.13 read it as UTF-16, so these are read here, without bs4).
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _detector() -> type[EncodingDetector]:
    from bs4.dammit import EncodingDetector  # noqa: PLC0415 - see _DECLARATIONS

    return EncodingDetector


def _declared(data: bytes) -> str | None:
    lowered = data.lower()  # see _DECLARATIONS
    declarations = utf8 = 0
    for word, declaration, utf8_declaration in zip(_KEYWORDS, _DECLARATIONS, _UTF8_DECLARATIONS, strict=True):
        # Every match starts at its keyword, which ``bytes.find`` finds faster than ``re`` does.
        at = lowered.find(word)
        while at != -1:
            if declaration.match(lowered, at) is not None:
                declarations += 1
                utf8 += utf8_declaration.match(lowered, at) is not None
            at = lowered.find(word, at + 1)
    if declarations in (0, utf8):
        return None  # nothing declared, or only UTF-8 (see _UTF8_DECLARATIONS)
    label = _detector().find_declared_encoding(data, is_html=True)
    if label is None:
        return None
    label = _DECLARED_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec in _REFUSED_ENCODINGS else codec


def decode(data: bytes, name: str) -> str:
    """Text of ``data``: BOM, then the declared charset (HTML meta / XML decl), then UTF-8, then a
    detected encoding (bs4's EncodingDetector). Empty data is empty text; raises InputError for
    binary or undecodable data."""
    if not data.strip():
        return data.decode("ascii")  # nothing, or ASCII white space only
    for mark, bom_encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            text = _strict(data[len(mark):], bom_encoding)
            if text is None:
                problem = f"not valid {bom_encoding} despite its byte-order mark"
                raise InputError(name, f"undecodable: {problem}")
            return text
    _check_binary(data, name)
    tried: list[str] = []
    declared = _declared(data)
    if declared is not None:
        tried.append(declared)
        if (text := _strict(data, declared)) is not None:
            return text
    if (text := _strict(data, "utf-8")) is not None or (text := _mostly_utf8(data)) is not None:
        return text
    excluded = [*_REFUSED_ENCODINGS, *tried, "utf-8"]
    detector = _detector()(data[:DETECT_SAMPLE_BYTES], is_html=True, exclude_encodings=excluded)
    for encoding in detector.encodings:
        if (text := _strict(data, encoding)) is not None:
            return text
    raise InputError(name, "undecodable: no known text encoding fits")


def load_text(text: str, source: str = "<text>", kind: DocumentKind | None = None) -> Document:
    """A Document from already decoded ``text``; the kind is detected when not given."""
    text = text.removeprefix("\ufeff")
    if kind is None:
        kind = detect_kind(text, source)
    dates = find_dates(text, kind)
    logger.debug(
        "%s: read as %s, language %s, published %s, modified %s", source, kind, dates.lang or "not stated",
        _described(dates.published), _described(dates.modified),
    )
    return Document(
        source=source,
        kind=kind,
        text=text,
        lang=dates.lang,
        body_start=dates.body_start,
        published=dates.published,
        modified=dates.modified,
        front_matter=dates.front_matter,
    )


def _described(found: ArticleDate | None) -> str:
    """An article date as a log line names it: the day and where it was read."""
    return f"{found.day.isoformat()} ({found.source})" if found is not None else "not found"


def load_bytes(data: bytes, source: str, kind: DocumentKind | None = None) -> Document:
    """Decode, tell the kind apart, find the body start, the article's dates and language."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(source, f"too large ({len(data)} bytes; the limit is {MAX_INPUT_BYTES})")
    text = decode(data, source)
    return load_text(text, source, kind)


def load_path(path: Path) -> Document:
    """Read one file (never modifying it); InputError with a one-line message for a missing file,
    a directory, unreadable file, too large, binary, undecodable. An empty file is an empty article."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except ValueError:
        raise InputError(name, "not a usable file name") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device could block or never end.
        raise InputError(name, "not a regular file")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(name, f"too large ({info.st_size} bytes; the limit is {MAX_INPUT_BYTES})")
    try:
        with path.open("rb") as handle:
            # One byte more than the limit tells a file that grew since stat() apart.
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    return load_bytes(data, name)


def _load_data(item: Item) -> Document:
    """The Document of bytes in hand, decoded with the charset a server declared for them."""
    data = item.data or b""
    charset = item.charset
    if charset and len(data) <= MAX_INPUT_BYTES and b"\x00" not in data[:BINARY_SNIFF_BYTES]:
        # The server's charset wins over the page's <meta>, as in browsers, except over bytes
        # that are valid UTF-8: that is the usual server default left wrong ("iso-8859-1").
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode(charset)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                if text.strip():
                    return load_text(text, item.source, item.kind)
    return load_bytes(data, item.source, item.kind)


def load_item(item: Item) -> Document:
    """The Document of any Item: a file read, or bytes in hand; InputError (one line) for an
    Item that failed before, or that holds nothing to read (a URL not fetched)."""
    if item.error is not None:
        raise InputError(item.source, item.error)
    if item.path is not None:
        document = load_path(Path(item.path))
    elif item.data is not None:
        document = _load_data(item)
    else:
        raise InputError(item.source, "nothing to read (a URL must be fetched first)")
    # A news sitemap states the publication date of the URL: it fills a gap, and it beats a
    # date the page only shows or that was guessed from it.
    if item.published is not None and (
        document.published is None or document.published.confidence < item.published.confidence
    ):
        document = dataclasses.replace(document, published=item.published)
    return document
