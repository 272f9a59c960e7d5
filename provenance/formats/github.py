"""GitHub Actions workflow commands: each finding an annotation on the file and line it is about.

``::error file=PATH,line=L,col=C,title=CODE name::message``, with ``::warning`` for warnings and
``::notice`` for info findings. Chosen by default when ``GITHUB_ACTIONS=true``.

GitHub shows at most ``ANNOTATIONS_PER_TYPE`` (10) annotations of each type per step, and 50 per
job over all its steps (actions/toolkit, docs/problem-matchers.md, "Limitations"); further
commands are dropped without a word. So past 10 of a type, findings are printed as plain
``path:line:col: CODE name severity message`` log lines, and the run ends with the summary line
and, when annotations were cut, a notice saying how many (one notice is kept free for it).
For every finding in the pull request's code-scanning view, upload ``--format sarif`` instead.

Everything from an article goes through ``provenance.logsafe.log_safe``: a command's properties
and message are escaped as the runner unescapes them, and a plain line can never be, or start,
a command of its own (a file named ``::error title=x::y.md`` is printed ``./::error title=x::y.md``).
"""

from __future__ import annotations

from collections import Counter

from provenance.formats.text import render_summary
from provenance.logsafe import log_safe
from provenance.model import Report, Severity

__all__ = ["ANNOTATIONS_PER_TYPE", "render"]

#: GitHub's limit of annotations of one type (error, warning, notice) in one step.
ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


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
                f"file={log_safe(file.source, 'property')}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"title={log_safe(f'{finding.code} {finding.name}', 'property')}",
            ])
            lines.append(f"::{command} {properties}::{log_safe(finding.message, 'data')}")
        else:
            lines.append(log_safe(f"{file.source}:{finding.line}:{finding.column}: {finding.severity} {finding.code} "
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
