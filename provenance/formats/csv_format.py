"""The CSV format: one row per cited post, for spreadsheets and data frames.

Columns (``COLUMNS``): ``source``; ``published`` (the article's date, ISO 8601); ``platform``,
``kind`` (embed, link, mention), ``handle``, ``post_id``, ``url`` (canonical permalink),
``shown_date`` (the date the embed shows), ``id_time`` (UTC, from the post ID), ``age_days``
(calendar days from the post's day to the article's; negative when the post is later, empty when
either is unknown), ``age_bucket`` (as in the summary), ``codes`` (the codes of the findings on this
post, space-separated), ``article_codes`` (findings on the article as a whole, e.g. PV100),
``line``, ``column``, ``error`` (why the input could not be read).

An article that cites no post still gets one row, with the post's columns empty, so that every
input of an audit appears; an unreadable input gets one row with ``error`` set. Rows end with
``\\n``; ``HEADER`` is the first line, so that ``HEADER + rows(a) + rows(b)`` is a whole file.

Text cells are log-safe (``provenance.logsafe``), since a CSV printed to standard output lands in a
CI log: a control character in a file name is shown as an escape (``\\n``), so every row is one
line, and a ``source`` that starts with ``::`` is written ``./::…``, the same path.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC

from provenance.formats.summary import age_bucket, post_age_days
from provenance.logsafe import log_safe
from provenance.model import Citation, FileReport, Report

__all__ = ["COLUMNS", "HEADER", "render", "rows"]

COLUMNS = (
    "source", "published", "platform", "kind", "handle", "post_id", "url", "shown_date", "id_time",
    "age_days", "age_bucket", "codes", "article_codes", "line", "column", "error",
)
#: A cell that starts with one of these is a formula to a spreadsheet (CSV injection): such text
#: cells get a leading apostrophe. Post IDs are left alone: platforms restrict them to letters,
#: digits, ``_`` and ``-``, which no spreadsheet can run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


HEADER = _line(list(COLUMNS))


def _text(value: str | None, first: bool = False) -> str:
    """A text cell, log-safe (as the start of a line when it is the row's ``first``), and defused
    when a spreadsheet would read it as a formula."""
    if not value:
        return ""
    value = log_safe(value, "line" if first else "text")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _id_time(citation: Citation) -> str:
    id_time = citation.id_time
    if id_time is None or id_time.moment is None or id_time.problem is not None:
        return ""
    return id_time.moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def rows(file: FileReport) -> str:
    """The CSV rows of one input: one per cited post, or one for an input error or an article without posts."""
    source = _text(file.source, first=True)
    if file.error is not None:
        return _line([source, *[""] * (len(COLUMNS) - 2), _text(file.error)])
    published = file.published.isoformat() if file.published is not None else ""
    codes: dict[int, list[str]] = {}
    article_codes: list[str] = []
    for finding in file.findings:
        if finding.citation is None:
            article_codes.append(finding.code)
        else:
            codes.setdefault(finding.citation, []).append(finding.code)
    article = " ".join(sorted(set(article_codes)))
    if not file.citations:
        return _line([source, published, *[""] * 10, article, "", "", ""])
    lines = []
    for index, citation in enumerate(file.citations):
        age = post_age_days(citation, file.published)
        lines.append(_line([
            source,
            published,
            citation.platform,
            citation.kind,
            _text(citation.handle),
            citation.post_id or "",
            _text(citation.url),
            citation.shown_date.isoformat() if citation.shown_date is not None else "",
            _id_time(citation),
            str(age) if age is not None else "",
            age_bucket(citation, file.published),
            " ".join(sorted(set(codes.get(index, [])))),
            article,
            str(citation.line),
            str(citation.column),
            "",
        ]))
    return "".join(lines)


def render(report: Report) -> str:
    """The whole report as one CSV document with a header line."""
    return HEADER + "".join(rows(file) for file in report.files)
