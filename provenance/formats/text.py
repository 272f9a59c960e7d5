"""The text format: one line per finding, ``path:line:col: CODE name severity message``, then a summary.

Inputs that could not be read are not findings: the command line reports them on standard error.
"""

from __future__ import annotations

from provenance.formats.summary import summarize
from provenance.model import Report

__all__ = ["render", "render_summary"]


def render(report: Report) -> str:
    """Findings one per line, then the summary."""
    lines = []
    for file, finding in report.findings():
        lines.append(
            f"{file.source}:{finding.line}:{finding.column}: {finding.code} {finding.name} "
            f"{finding.severity} {finding.message}"
        )
    lines.append(render_summary(report))
    return "\n".join(lines) + "\n"


def render_summary(report: Report) -> str:
    """One or more lines counting files, citations and findings."""
    summary = summarize(report)
    severities = ", ".join(f"{count} {name}" for name, count in summary.by_severity.items()) or "none"
    platforms = ", ".join(f"{count} {name}" for name, count in summary.by_platform.items()) or "none"
    text = (
        f"{summary.files} file(s), {summary.citations} citation(s) ({platforms}), "
        f"{summary.findings} finding(s) ({severities})"
    )
    if summary.failed:
        text += f", {summary.failed} unreadable"
    return text
