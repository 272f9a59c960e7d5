"""The Markdown format: a summary of the run, then a table of findings per article.

Written for a GitHub job summary (``--summary "$GITHUB_STEP_SUMMARY"``, which the Action does),
and readable wherever Markdown is (a merge-request note, a chat message). A heading counts the
findings and the articles; each article with findings gets a table of them (position, severity,
rule, message); inputs that could not be read get a table of their own.

GitHub refuses a step summary over 1 MiB and shows none of it, so the text is kept under
``MAX_BYTES``: past it, findings are counted instead of listed, with a line saying how many.

Names and messages come from articles. Each is made log-safe first (``provenance.logsafe``:
control characters shown as escapes), then every character that Markdown or HTML act on is
escaped with a backslash, so an article's text shows as text: it cannot close a table cell,
open a link, an image or an HTML tag, or start a heading.
"""

from __future__ import annotations

import re
from itertools import groupby

from provenance.formats.summary import summarize
from provenance.logsafe import log_safe
from provenance.model import FileReport, Finding, Report, Severity

__all__ = ["MAX_BYTES", "escape", "render"]

#: GitHub's limit for one step's summary is 1 MiB (it rejects a larger one whole); the margin
#: leaves room for the closing note and for whatever else the step writes.
MAX_BYTES = 1024 * 1024 - 16 * 1024
#: The characters that open inline markup within a line of GitHub's Markdown: code, emphasis,
#: links and images, HTML tags and entities, table cells, strikethrough and math. A backslash
#: before any of them makes it a literal character. (Every piece of an article's text stands in a
#: table cell or after a heading's ``#``, where no block such as a list or a quote can begin.)
_MARKUP = re.compile(r"([\\`*_\[\]<>|~$&])")
#: Column headers of a file's table of findings.
_HEADER = "| line | severity | rule | message |\n| ---: | --- | --- | --- |\n"


def escape(text: str) -> str:
    """``text`` made log-safe, then shown literally in Markdown, also inside a table cell."""
    return _MARKUP.sub(r"\\\1", log_safe(text, "text"))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _headline(report: Report) -> str:
    summary = summarize(report)
    read = summary.readable()
    if not summary.findings:
        text = f"**No findings** in {_count(read, 'article')}"
    else:
        severities = ", ".join(
            _count(summary.by_severity[str(severity)], str(severity)) if severity != Severity.INFO
            else f"{summary.by_severity[str(severity)]} info"
            for severity in sorted(Severity, reverse=True) if summary.by_severity.get(str(severity))
        )
        text = (f"**{_count(summary.findings, 'finding')}** ({severities}) in "
                f"{summary.with_findings} of {_count(read, 'article')}")
    text += f", {_count(summary.citations, 'citation')}."
    if summary.failed:
        text += f" {_count(summary.failed, 'input')} could not be read."
    return f"### provenance\n\n{text}\n"


def _row(finding: Finding) -> str:
    rule = escape(f"{finding.code} {finding.name}")
    return f"| {finding.line}:{finding.column} | {finding.severity} | {rule} | {escape(finding.message)} |\n"


def render(report: Report, max_bytes: int = MAX_BYTES) -> str:
    """The headline, a table of findings per article and the unreadable inputs, within ``max_bytes``."""
    parts = [_headline(report)]
    size = len(parts[0].encode())
    left_out = 0
    findings = report.findings()
    for source, group in groupby(findings, key=lambda pair: pair[0].source):
        rows = [_row(finding) for _, finding in group]
        section = f"\n#### {escape(source)}\n\n{_HEADER}"
        if left_out or size + len(section.encode()) + len(rows[0].encode()) > max_bytes:
            left_out += len(rows)
            continue
        parts.append(section)
        size += len(section.encode())
        for index, row in enumerate(rows):
            if size + len(row.encode()) > max_bytes:
                left_out += len(rows) - index
                break
            parts.append(row)
            size += len(row.encode())
    failed: list[FileReport] = [file for file in report.files if file.error is not None]
    if failed and not left_out:
        rows = [f"| {escape(file.source)} | {escape(file.error or '')} |\n" for file in failed]
        section = "\n#### Inputs that could not be read\n\n| input | problem |\n| --- | --- |\n"
        if size + len(section.encode()) + sum(len(row.encode()) for row in rows) <= max_bytes:
            parts += [section, *rows]
    if left_out:
        parts.append(f"\n{_count(left_out, 'more finding')} not listed here: GitHub keeps at most 1 MiB of a step "
                     "summary (the log, or --format json, lists every finding).\n")
    return "".join(parts)
