"""``provenance audit``: the same checks over many inputs, one bad input never stopping the rest.

Each input becomes one FileReport, an unreadable one a report with ``error`` set. The run ends
with a summary by platform, rule and severity.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator

from provenance.config import Options
from provenance.formats import render
from provenance.linter import check_bytes, check_path, iter_paths
from provenance.model import FileReport, Report
from provenance.output import exit_code, report_input_errors, write_output

__all__ = ["add_parser", "audit_paths", "run"]

DESCRIPTION = """\
Run the same checks as 'check' over many articles (files and folders, or - for standard input)
and end with a summary by platform, rule and severity. Exits 0 unless --fail-on says otherwise.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``audit`` subcommand to the command line's subparsers."""
    return commands.add_parser(
        "audit", help="audit an archive of articles and summarize", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def audit_paths(paths: Iterable[str], options: Options) -> Iterator[FileReport]:
    """One report per article under ``paths``, in order, as each is checked."""
    for path in iter_paths(paths):
        yield check_path(path, options)


def run(args: argparse.Namespace, options: Options) -> int:
    """Run ``provenance audit`` with parsed arguments; return the exit code."""
    reports = []
    for raw in args.paths:
        if raw == "-":
            reports.append(check_bytes(sys.stdin.buffer.read(), "<stdin>", options))
        else:
            reports.extend(audit_paths([raw], options))
    report = Report(tuple(reports))
    report_input_errors(report)
    write_output(render(report, args.format), args.output)
    return exit_code(report, args.fail_on)
