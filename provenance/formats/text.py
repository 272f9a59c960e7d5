"""The text format: one line per finding, ``path:line:col: severity CODE name: message``, then a summary.

The severity leads, as compilers and ruff print it, so an editor scanning a log sees what
blocks first, and the rule's name ends at a colon, so the message reads on its own.

Inputs that could not be read are not findings: the command line reports them on standard error.
File names and messages are written log-safe (``provenance.logsafe``): no control character,
escape sequence or CI command from an article reaches the terminal or the log.
``render_summary_lines`` is the longer summary that ``audit`` ends with; its last line is the
same one-line count that ``check`` ends with.
"""

from __future__ import annotations

from provenance.formats.summary import AGE_BUCKETS, AGE_LABELS, Summary, summarize
from provenance.logsafe import log_safe
from provenance.model import Report, Severity

__all__ = ["render", "render_summary", "render_summary_lines"]

#: Characters of the longest bar in the post-age histogram: fits an 80-column terminal
#: beside the bucket label and the count.
BAR_WIDTH = 40
#: The label column of the multi-line summary.
LABEL_WIDTH = 12


#: ANSI colours of the severities when the text goes to a terminal (``--format text`` only).
COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def render(report: Report, *, color: bool = False, summary: bool = True) -> str:
    """Findings one per line, then the summary (unless ``summary`` is false); ANSI colours if ``color``."""
    lines = []
    for file, finding in report.findings():
        # The article's text is made log-safe before the colours, which are ours, are put around it.
        where = log_safe(f"{file.source}:{finding.line}:{finding.column}:")
        severity = str(finding.severity)
        if color:
            where, severity = f"{BOLD}{where}{RESET}", f"{COLORS[finding.severity]}{severity}{RESET}"
        lines.append(f"{where} {severity} {finding.code} {finding.name}: {log_safe(finding.message, 'text')}")
    if summary:
        lines.append(render_summary(report))
    return "".join(f"{line}\n" for line in lines)


def render_summary(report: Report) -> str:
    """One line counting files, citations and findings."""
    return _totals(summarize(report))


def _totals(summary: Summary) -> str:
    severities = ", ".join(f"{count} {name}" for name, count in summary.by_severity.items()) or "none"
    platforms = ", ".join(f"{count} {name}" for name, count in summary.by_platform.items()) or "none"
    if mentions := summary.by_kind.get("mention", 0):
        platforms += f"; {mentions} of them cited in prose without a link"
    text = (
        f"{summary.files} file(s), {summary.citations} citation(s) ({platforms}), "
        f"{summary.findings} finding(s) ({severities})"
    )
    if summary.failed:
        text += f", {summary.failed} unreadable"
    return text


def _percent(summary: Summary, count: int) -> str:
    return f"{count:,} ({summary.share(count):.1%})"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in counts.items()) or "none"


def _block(label: str, rows: list[str]) -> list[str]:
    """Rows under one label: the label on the first row, the others indented to match. A row may
    name an input (the slowest, the unreadable): it is made log-safe, as a line that starts there."""
    return [f"{(label if i == 0 else ''):<{LABEL_WIDTH}}{log_safe(row)}" for i, row in enumerate(rows)]


def _age_rows(summary: Summary) -> list[str]:
    most = max(summary.by_age.values(), default=0)
    width = max(len(AGE_LABELS[key]) for key in AGE_BUCKETS)
    count_width = len(f"{most:,}")
    rows = []
    for key in AGE_BUCKETS:
        count = summary.by_age.get(key, 0)
        # A non-zero bucket always shows at least one mark, so that rare cases stay visible.
        bar = "#" * max(round(BAR_WIDTH * count / most), 1 if count else 0) if most else ""
        rows.append(f"{AGE_LABELS[key]:<{width}} {count:>{count_width},} {bar}".rstrip())
    return rows


def render_summary_lines(summary: Summary) -> str:
    """A readable multi-line summary of an audit, ending with the one-line count."""
    lines = [
        *_block("articles", [
            f"{summary.files:,} input(s): {summary.readable():,} read, {summary.failed:,} unreadable",
            f"{_percent(summary, summary.with_citations)} cite a post, "
            f"{_percent(summary, summary.with_embeds)} embed one, "
            f"{_percent(summary, summary.with_findings)} have findings",
        ]),
        *_block("citations", [f"{summary.citations:,}: {_counts(summary.by_kind)}"]),
        *_block("platforms", [_counts(summary.by_platform)]),
        *_block("findings", [f"{summary.findings:,}: {_counts(summary.by_severity)}"]),
    ]
    if summary.by_rule:
        width = len(f"{max(summary.by_rule.values()):,}")
        lines += _block("rules", [f"{count:>{width},} {rule}" for rule, count in summary.by_rule.items()])
    if summary.citations:
        lines += _block("post age", _age_rows(summary))
    if summary.timed:
        mean = summary.seconds / summary.timed
        timing = f"{summary.seconds:,.1f} s over {summary.timed:,} input(s), {mean * 1000:,.1f} ms each"
        lines += _block("time", [timing])
        lines += _block("slowest", [f"{timing.seconds:8.3f} s  {timing.source}" for timing in summary.slowest])
    if summary.failed:
        rows = [f"{failure.source}: {failure.error}" for failure in summary.failures]
        if summary.failed > len(summary.failures):
            rows.append(f"… and {summary.failed - len(summary.failures):,} more")
        lines += _block("unreadable", rows)
    lines.append(_totals(summary))
    return "\n".join(lines) + "\n"
