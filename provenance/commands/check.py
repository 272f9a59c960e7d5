"""``provenance check``: lint articles before publication (CI).

Exit codes: 0 when nothing reached ``--fail-on``; 1 when a finding did, or when an input could
not be read, whatever ``--fail-on`` says (``--exit-zero`` makes both 0); 2 for usage and
configuration errors, and when the inputs hold no article at all (an empty folder, a folder of
other files: a gate that checked nothing has passed nothing).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from provenance.baseline import Baseline, load_baseline, pruned, updated, write_baseline
from provenance.checking import check_item
from provenance.commands.common import add_common, run_fields
from provenance.formats import markdown, render, sarif
from provenance.linter import apply_baseline
from provenance.logsafe import log_safe
from provenance.model import ConfigError, FileReport, Report
from provenance.options import Options
from provenance.output import (
    EXIT_FINDINGS,
    EXIT_OK,
    check_distinct,
    check_not_input,
    check_writable,
    exit_code,
    is_regular_file,
    no_article,
    report_input_errors,
    rules_url,
    use_color,
    write_output,
)
from provenance.sources.files import ARTICLE_SUFFIXES, file_items, iter_inputs
from provenance.sources.item import Item

__all__ = ["EPILOG", "URL_INPUT", "CheckSettings", "add_parser", "main", "run", "settings_from"]

EPILOG = f"""\
inputs: files or folders (read recursively: {' '.join(sorted(ARTICLE_SUFFIXES))};
hidden files and, inside a git work tree, what .gitignore names are skipped), or - for
standard input. Nothing is ever modified, and nothing is fetched from the network
unless --online is given. URLs are not read: 'provenance audit' fetches them.

exit codes: 0 nothing reached --fail-on; 1 a finding did, or an input could not be read (also
with --fail-on never); 2 usage error, or the inputs hold no article. --exit-zero: 0 unless 2.

configuration: [tool.provenance] in pyproject.toml, or .provenance.toml, found upward from the
working directory; flags override it. Accept a finding in the article with
<!-- provenance: ignore RULE --> before the embed, or in a --baseline file (docs/ci.md).

examples:
  provenance check article.html
  provenance check --published 2025-08-21 seeds/
  provenance check --format json --output report.json content/
"""

#: An input that names a URL rather than a file: ``scheme://``.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
URL_INPUT = "is a URL; 'check' reads files only ('provenance audit' fetches URLs)"
#: The name standard input's article is reported under.
STDIN_SOURCE = "<stdin>"


def _ci_flags(parser: argparse.ArgumentParser) -> None:
    """The flags of a gate in CI: baselines, the exit code, a quiet report, a summary."""
    parser.add_argument(
        "--baseline", metavar="FILE",
        help="do not report the findings accepted in this baseline file (default: the configuration's)",
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE",
        help="accept every current finding: write them to this baseline file (other files' entries are kept)",
    )
    parser.add_argument(
        "--prune-baseline", action="store_true", help="remove the stale entries from the baseline file",
    )
    parser.add_argument(
        "--exit-zero", action="store_true",
        help="exit 0 even when findings reach --fail-on or an input cannot be read (usage errors still exit 2)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary (text format)")
    parser.add_argument(
        "--summary", metavar="FILE",
        help="also write a Markdown summary with a table of findings per article to FILE (the GitHub Action "
        "writes it to the job's step summary)",
    )


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``check`` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "check", help="lint articles before publication (CI)", description="Check articles and report findings.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(parser, "error")
    _ci_flags(parser)
    return parser


@dataclass(frozen=True)
class CheckSettings:
    """What one ``check`` run is asked to do, settled once from its arguments."""

    paths: tuple[str, ...]
    options: Options
    #: The output format, settled (``github`` under GitHub Actions when none is given).
    format: str
    #: The lowest severity that fails the run, settled (``never`` with ``--exit-zero``).
    fail_on: str
    output: str | None = None
    summary: str | None = None
    write_baseline: str | None = None
    prune_baseline: bool = False
    exit_zero: bool = False
    quiet: bool = False


def settings_from(args: argparse.Namespace) -> CheckSettings:
    """The settings of ``check`` from its parsed arguments; ConfigError for a bad flag or configuration."""
    return CheckSettings(
        **run_fields(args),
        output=args.output,
        summary=args.summary,
        write_baseline=args.write_baseline,
        prune_baseline=args.prune_baseline,
        exit_zero=args.exit_zero,
        quiet=args.quiet,
    )


def items(paths: Sequence[str], options: Options, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """One Item per article named or found in the folders named; ``-`` is the article on
    ``stdin``; an input that cannot be read (a URL, a folder that cannot be listed) is a failed Item."""
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield Item(key=STDIN_SOURCE, source=STDIN_SOURCE, data=data)
        elif _URL.match(raw):
            yield Item(key=raw, source=raw, error=URL_INPUT)
        else:
            yield from file_items([raw], options)


def _check_found(paths: Sequence[str], reports: Sequence[FileReport], options: Options) -> None:
    """ConfigError when the inputs hold no article at all. Files that the configuration's
    ``include`` and ``exclude`` leave out were found: a run they all leave out (pre-commit passes
    the changed files one by one) has nothing to check and passes."""
    if reports:
        return
    if options.include or options.exclude:
        everything = dataclasses.replace(options, include=(), exclude=())
        if next(iter_inputs(paths, everything), None) is not None:
            return
    raise no_article(paths, f"{' '.join(sorted(ARTICLE_SUFFIXES))} files")


def _baselined(settings: CheckSettings, report: Report) -> Report:
    """The report less the findings a baseline accepts; writes and prunes the baseline when asked."""
    options = settings.options
    if settings.prune_baseline and (options.baseline is None or settings.write_baseline):
        raise ConfigError("--prune-baseline needs a baseline (--baseline FILE or 'baseline' in the configuration) "
                          "and no --write-baseline")
    if settings.write_baseline:
        target = Path(settings.write_baseline)
        # Only a regular file holds earlier entries: /dev/null or a pipe is written, never read.
        earlier = load_baseline(target) if is_regular_file(target) else None
        baseline = Baseline(target, tuple(updated(earlier, report.files, target.resolve().parent)))
        write_baseline(target, baseline.entries)
        print(log_safe(f"{target}: baseline written: {len(baseline.entries)} entries"), file=sys.stderr)
    elif options.baseline is not None:
        baseline = load_baseline(options.baseline)
    else:
        return report
    files, stale = [], []
    for file in report.files:
        kept, unmatched = apply_baseline(file, baseline)
        files.append(kept)
        stale += unmatched
    for entry in stale:
        print(log_safe(f"{baseline.path}: stale entry: {entry.describe()} is no longer found "
                       "(--prune-baseline removes it)"), file=sys.stderr)
    if settings.prune_baseline and stale:
        write_baseline(baseline.path, pruned(baseline.entries, stale))
        print(log_safe(f"{baseline.path}: pruned {len(stale)} stale entries"), file=sys.stderr)
    return Report(tuple(files))


def _check_files(settings: CheckSettings) -> None:
    """Usage errors in the files ``check`` writes, before any article is read."""
    baseline = str(settings.options.baseline) if settings.options.baseline is not None else None
    check_distinct({"--output": settings.output, "--write-baseline": settings.write_baseline, "--baseline": baseline,
                    "--summary": settings.summary})
    for flag, name in (("--output", settings.output), ("--write-baseline", settings.write_baseline),
                       ("--summary", settings.summary)):
        if name is not None:
            check_writable(flag, name)
            check_not_input(flag, name, settings.paths)


def run(settings: CheckSettings) -> int:
    """Run ``provenance check``; return the exit code."""
    _check_files(settings)
    reports = [check_item(item, settings.options) for item in items(settings.paths, settings.options)]
    _check_found(settings.paths, reports, settings.options)
    report = Report(tuple(reports))
    report_input_errors(report)
    report = _baselined(settings, report)
    color = settings.format == "text" and use_color(settings.output)
    text = render(report, settings.format, color=color, quiet=settings.quiet, fail_on=settings.fail_on,
                  rules_url=rules_url())
    write_output(text, settings.output)
    if settings.summary is not None:
        write_output(markdown.render(report), settings.summary, flag="--summary")
    findings = sum(len(file.findings) for file in report.files)
    if settings.format == "sarif" and findings > sarif.MAX_RESULTS:
        print(f"provenance: warning: {sarif.too_many(findings - sarif.MAX_RESULTS)}", file=sys.stderr)
    if settings.exit_zero:
        return EXIT_OK
    # An unreadable input is not a finding: --fail-on (about findings) does not hide it.
    if any(file.error is not None for file in report.files):
        return EXIT_FINDINGS
    return exit_code(report, settings.fail_on)


def main(args: argparse.Namespace) -> int:
    """``provenance check`` with parsed arguments: settle them, then settings."""
    return run(settings_from(args))
