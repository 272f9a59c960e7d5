"""Where an audit's checks run, and the one per-document function every engine runs.

``check_item`` takes an Item (a file to read, or bytes in hand) to a FileReport; ``fetch_item``
turns a URL Item into bytes in hand. The ``local`` engine runs them on a process pool on this
machine (``provenance.engines.local``), the ``spark`` engine on Apache Spark executors over
WARC files (``provenance.engines.spark``): the same function, so the same results.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from provenance.fetch import Fetcher, FetchError
from provenance.linter import check_document
from provenance.load import MAX_INPUT_BYTES, load_bytes, load_path, load_text
from provenance.model import Document, FileReport, InputError
from provenance.options import Options
from provenance.sources.item import ARTICLE_TYPES, Item

__all__ = ["ACCEPT_ARTICLE", "check_item", "fetch_item", "timed_check"]

#: What a page request asks for: HTML first, text that may be an article after.
ACCEPT_ARTICLE = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, text/markdown;q=0.5"
#: Binary data shows itself in its first bytes; a declared charset is tried only on text.
_SNIFF_BYTES = 8 * 1024


def fetch_item(item: Item, fetcher: Fetcher) -> Item:
    """The Item with its page's bytes in hand, or failed with the one-line reason."""
    if item.url is None or item.error is not None:
        return item
    try:
        response = fetcher.get(item.url, accept=ACCEPT_ARTICLE)
    except FetchError as error:
        return item.failed(error.problem)
    media = response.content_type
    if media not in ARTICLE_TYPES:
        return item.failed(f"not an article page (Content-Type {media})")
    return dataclasses.replace(item, data=response.content, kind=ARTICLE_TYPES[media], charset=response.charset)


def _load(item: Item) -> Document:
    data = item.data or b""
    charset = item.charset
    if charset and len(data) <= MAX_INPUT_BYTES and b"\x00" not in data[:_SNIFF_BYTES]:
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


def check_item(item: Item, options: Options) -> FileReport:
    """Read, check and report one Item; an unreadable one is a report with ``error`` set."""
    if item.error is not None:
        return FileReport(source=item.source, error=item.error)
    try:
        if item.path is not None:
            document = load_path(Path(item.path))
        elif item.data is not None:
            document = _load(item)
        else:
            raise InputError(item.source, "nothing to read (a URL must be fetched first)")
    except InputError as error:
        return FileReport(source=item.source, error=error.problem)
    # A news sitemap states the publication date of the URL: it fills a gap, and it beats a
    # date the page only shows or that was guessed from it.
    if item.published is not None and (
        document.published is None or document.published.confidence < item.published.confidence
    ):
        document = dataclasses.replace(document, published=item.published)
    return check_document(document, options, item.path)


def timed_check(item: Item, options: Options) -> tuple[FileReport, float]:
    """``check_item`` and the seconds it took."""
    started = time.perf_counter()
    report = check_item(item, options)
    return report, time.perf_counter() - started
