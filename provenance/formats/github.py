"""GitHub Actions workflow commands: each finding an annotation on the file and line it is about.

``::error file=PATH,line=L,col=C,title=CODE name::message``, with ``::warning`` for warnings and
``::notice`` for info findings. Chosen by default when ``GITHUB_ACTIONS=true``.

GitHub shows at most ``ANNOTATIONS_PER_TYPE`` (10) annotations of each type per step, and 50 per
job over all its steps (actions/toolkit, docs/problem-matchers.md, "Limitations"); further
commands are dropped without a word. So past 10 of a type, findings are printed as plain
``path:line:col: CODE name severity message`` log lines, and the run ends with the summary line
and, when annotations were cut, a notice saying how many (one notice is kept free for it).
For every finding in the pull request's code-scanning view, upload ``--format sarif`` instead.
"""

from __future__ import annotations

from collections import Counter

from provenance.formats.text import render_summary
from provenance.model import Report, Severity

__all__ = ["ANNOTATIONS_PER_TYPE", "escape_data", "escape_property", "render"]

#: GitHub's limit of annotations of one type (error, warning, notice) in one step.
ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value: the message escapes, and ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plain(text: str) -> str:
    # A plain log line must stay one line, or its second line could start a workflow command.
    return " ".join(text.split())


def render(report: Report) -> str:
    """One annotation (or, past GitHub's limit, one plain line) per finding, then the summary."""
    findings = report.findings()
    wanted = Counter(COMMANDS[finding.severity] for _, finding in findings)
    cut = any(count > ANNOTATIONS_PER_TYPE for count in wanted.values())
    room = dict.fromkeys(COMMANDS.values(), ANNOTATIONS_PER_TYPE)
    if cut:
        room["notice"] -= 1
    shown: Counter[str] = Counter()
    lines = []
    for file, finding in findings:
        command = COMMANDS[finding.severity]
        if shown[command] < room[command]:
            shown[command] += 1
            properties = ",".join([
                f"file={escape_property(file.source)}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"title={escape_property(f'{finding.code} {finding.name}')}",
            ])
            lines.append(f"::{command} {properties}::{escape_data(finding.message)}")
        else:
            lines.append(_plain(f"{file.source}:{finding.line}:{finding.column}: {finding.severity} {finding.code} "
                                f"{finding.name}: {finding.message}"))
    lines.append(render_summary(report))
    if cut:
        hidden = len(findings) - sum(shown.values())
        lines.append(
            f"::notice title=provenance::{hidden} of {len(findings)} findings are not annotated: GitHub shows "
            f"at most {ANNOTATIONS_PER_TYPE} annotations of each type per step; the log lists every finding "
            "(upload --format sarif to code scanning to see them all on the pull request)"
        )
    return "\n".join(lines) + "\n"
