"""Any input to a FileReport: load it (:mod:`provenance.load`), then lint it (:mod:`provenance.linter`).

``check_item`` is the one per-article function that ``check``, every audit engine and ``cite
--style`` run; an input that cannot be read is a report with ``error`` set, never an exception.
``check_text``, ``check_bytes`` and ``check_path`` are the public API's shorthands for it.
"""

from __future__ import annotations

import time
from pathlib import Path

from provenance.linter import check_document
from provenance.load import load_item, load_text
from provenance.model import DocumentKind, FileReport, InputError, Item
from provenance.options import Options

__all__ = ["check_bytes", "check_item", "check_path", "check_text", "timed_check"]


def check_item(item: Item, options: Options | None = None) -> FileReport:
    """Read, check and report one Item; an unreadable one is a report with ``error`` set."""
    try:
        document = load_item(item)
    except InputError as error:
        return FileReport(source=item.source, error=error.problem)
    return check_document(document, options, item.path)


def timed_check(item: Item, options: Options) -> tuple[FileReport, float]:
    """``check_item`` and the seconds it took."""
    started = time.perf_counter()
    report = check_item(item, options)
    return report, time.perf_counter() - started


def check_text(
    text: str, source: str = "<text>", kind: DocumentKind | None = None, options: Options | None = None
) -> FileReport:
    """Check an article given as a string."""
    return check_document(load_text(text, source, kind), options)


def check_bytes(data: bytes, source: str, options: Options | None = None) -> FileReport:
    """Check an article given as bytes; an unreadable one gives a report with ``error`` set."""
    return check_item(Item(key=source, source=source, data=data), options)


def check_path(path: str | Path, options: Options | None = None) -> FileReport:
    """Check one file; an unreadable one gives a report with ``error`` set, never an exception."""
    return check_item(Item(key=str(path), source=str(path), path=str(path)), options)
