"""Check one article: Document → Fragments → Citations → Findings → FileReport."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from provenance.cite import cite
from provenance.config import Options
from provenance.extract import extract
from provenance.load import load_bytes, load_path, load_text
from provenance.model import Document, DocumentKind, FileReport, Finding, InputError
from provenance.rules import Context

__all__ = ["check_bytes", "check_document", "check_path", "check_text", "iter_paths"]

#: Files a folder walk reads; other files in a folder are not articles.
ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".md", ".markdown", ".mdx", ".txt", ".text"})


def check_document(document: Document, options: Options | None = None) -> FileReport:
    """Find, cite and check every post in one loaded article."""
    options = options or Options()
    if document.lang is None and options.lang:
        document = replace(document, lang=options.lang)  # the configured language fills a gap only
    published = options.published or document.published
    fragments = extract(document)
    citations = tuple(cite(fragments, published.day if published is not None else None, document.lang))
    now = options.now or datetime.now(UTC)
    findings: list[Finding] = []
    for rule in options.rules():
        context = Context(
            document=document,
            citations=citations,
            published=published,
            modified=document.modified if options.published is None else None,
            zone=options.zone,
            now=now,
            options=options.options_for(rule),
        )
        for problem in rule.check(context):
            findings.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    severity=options.severity(rule) or problem.severity or rule.severity,
                    message=problem.message,
                    line=problem.line,
                    column=problem.column,
                    citation=problem.citation,
                    args=tuple((key, str(value)) for key, value in problem.args.items()),
                )
            )
    findings.sort(key=Finding.sort_key)
    return FileReport(
        source=document.source,
        kind=document.kind,
        lang=document.lang,
        published=published,
        modified=document.modified,
        citations=citations,
        findings=tuple(findings),
    )


def check_text(
    text: str, source: str = "<text>", kind: DocumentKind | None = None, options: Options | None = None
) -> FileReport:
    """Check an article given as a string."""
    return check_document(load_text(text, source, kind), options)


def check_bytes(data: bytes, source: str, options: Options | None = None) -> FileReport:
    """Check an article given as bytes; an unreadable one gives a report with ``error`` set."""
    try:
        document = load_bytes(data, source)
    except InputError as error:
        return FileReport(source=source, error=str(error))
    return check_document(document, options)


def check_path(path: str | Path, options: Options | None = None) -> FileReport:
    """Check one file; an unreadable one gives a report with ``error`` set, never an exception."""
    try:
        document = load_path(Path(path))
    except InputError as error:
        return FileReport(source=str(path), error=str(error))
    return check_document(document, options)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and the article files inside the folders named, sorted within each folder."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield child
        else:
            yield path  # a missing file is reported by check_path, in its place
