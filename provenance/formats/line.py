"""The line format: ``path:line:col: CODE message``, one finding per line and nothing else.

The shape editors, ``grep`` and problem matchers read (flake8's default). Inputs that could not be
read are not findings: the command line reports them on standard error. Each line is log-safe
(``provenance.logsafe``).
"""

from __future__ import annotations

from provenance.logsafe import log_safe
from provenance.model import Report

__all__ = ["render"]


def render(report: Report) -> str:
    """Findings one per line, sorted by path, line, column and code."""
    return "".join(
        log_safe(f"{file.source}:{finding.line}:{finding.column}: {finding.code} {finding.message}") + "\n"
        for file, finding in report.findings()
    )
