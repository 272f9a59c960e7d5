"""The JSON format, version 1: every file with its dates, citations, findings and error.

Stable: fields are only ever added within a format version. ``format`` names the version.
Times are ISO 8601; ``id_time`` is UTC with a ``Z``. See README.md for the field list. The text
is log-safe (``provenance.logsafe``): what a CI log would act on is written as a JSON escape.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC
from typing import Any

from provenance.formats.summary import summarize
from provenance.logsafe import log_safe
from provenance.model import ArticleDate, Citation, FileReport, Finding, Report
from provenance.version import version

__all__ = ["FORMAT_VERSION", "citation_dict", "file_dict", "render"]

FORMAT_VERSION = 1


def _date(value: ArticleDate | None) -> str | None:
    return value.isoformat() if value is not None else None


def citation_dict(citation: Citation) -> dict[str, Any]:
    """One citation as JSON-ready values."""
    id_time = citation.id_time
    moment = id_time.moment if id_time is not None else None
    entry: dict[str, Any] = {
        "platform": citation.platform,
        "kind": citation.kind,
        "form": citation.form,
        "handle": citation.handle,
        "url_handle": citation.url_handle,
        "display_name": citation.display_name,
        "post_id": citation.post_id,
        "url": citation.url,
        "shown_date": citation.shown_date.isoformat() if citation.shown_date else None,
        "shown_date_text": citation.shown_date_text,
        "shown_time": citation.shown_moment.isoformat() if citation.shown_moment else None,
        "id_time": moment.astimezone(UTC).isoformat(timespec="microseconds" if id_time and id_time.precision == "us"
                                                    else "milliseconds").replace("+00:00", "Z")
        if moment is not None else None,
        "id_time_precision": id_time.precision if id_time is not None else None,
        "id_time_estimate": id_time.estimate if id_time is not None else False,
        "id_time_error_s": id_time.error_bound.total_seconds() if id_time and id_time.error_bound else None,
        "id_time_note": id_time.note if id_time is not None else None,
        "media": list(citation.media),
        "hashtags": list(citation.hashtags),
        "mentions": list(citation.mentions),
        "text": citation.text,
        "lang": citation.lang,
        "dates_in_text": [
            {"text": d.text, "date": d.day.isoformat() if d.day else None, "kind": d.kind}
            for d in citation.dates_in_text
        ],
        "line": citation.line,
        "column": citation.column,
        "also_at": [list(place) for place in citation.also_at],
        "in_article": citation.in_article,
        "placement": citation.placement,
    }
    if citation.verification is not None:
        entry.update(_online(citation))  # only --online runs: offline reports stay as they were
    return entry


def _online(citation: Citation) -> dict[str, Any]:
    """What online verification found: the archived copy and the platform's answer."""
    verification = citation.verification
    assert verification is not None
    archived_at = citation.archived_at
    return {
        "archive_url": citation.archive_url,
        "archived_at": archived_at.astimezone(UTC).isoformat().replace("+00:00", "Z") if archived_at else None,
        "verification": asdict(verification) | {"notes": list(verification.notes)},
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON-ready values."""
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "citation": finding.citation,
        "args": dict(finding.args),
    }


def file_dict(file: FileReport) -> dict[str, Any]:
    """One file's report as JSON-ready values."""
    return {
        "source": file.source,
        "kind": file.kind,
        "lang": file.lang,
        "published": _date(file.published),
        "published_from": file.published.source if file.published else None,
        "published_evidence": file.published.basis if file.published else None,
        "published_confidence": str(file.published.confidence) if file.published else None,
        "modified": _date(file.modified),
        "modified_from": file.modified.source if file.modified else None,
        "modified_evidence": file.modified.basis if file.modified else None,
        "modified_confidence": str(file.modified.confidence) if file.modified else None,
        "dates_in_text": [
            {"text": d.text, "date": d.day.isoformat() if d.day else None, "kind": d.kind} for d in file.dates_in_text
        ],
        "citations": [citation_dict(c) for c in file.citations],
        "findings": [finding_dict(f) for f in file.findings],
        "error": file.error,
    }


def render(report: Report) -> str:
    """The whole report as one JSON document."""
    document = {
        "tool": "provenance",
        "version": version(),
        "format": FORMAT_VERSION,
        "files": [file_dict(f) for f in report.files],
        "summary": asdict(summarize(report)),
    }
    return log_safe(json.dumps(document, ensure_ascii=False, indent=2), "json") + "\n"
