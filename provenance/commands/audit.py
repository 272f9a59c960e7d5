"""``provenance audit``: the checks of ``check`` over an archive (the run itself: ``provenance.audit``).

Exit codes: 0; 1 when a finding reached ``--fail-on``; 2 usage error, or inputs that hold no
article at all (a folder of other files, a glob matching nothing, an empty list); 3 when some
input could not be read (and no finding reached ``--fail-on``); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import math
import os
from typing import Any

from provenance import audit
from provenance.audit import AuditSettings
from provenance.commands.common import add_common, run_fields
from provenance.fetch import DEFAULT_MAX_BYTES, DEFAULT_PER_HOST, DEFAULT_RETRIES, DEFAULT_TIMEOUT
from provenance.output import check_distinct, check_not_input, check_regular, check_writable

__all__ = ["DESCRIPTION", "EPILOG", "MAX_JOBS", "MAX_TIMEOUT", "add_parser", "main", "settings_from"]

DESCRIPTION = """\
Run the same checks as 'check' over an archive of articles and end with a summary: post ages,
platforms, rules, slowest and failed inputs. Articles are checked on all cores and each result
is written as soon as it is ready.
"""

EPILOG = """\
inputs: files, folders (read recursively for articles and WARC files), globs, http(s) URLs of
pages, sitemaps (.xml, .xml.gz: files or URLs; news:publication_date is used when a page states
no date), WARC files (.warc, .warc.gz: HTML responses), and - for a list of any of these on
standard input (one per line); --from-file LIST reads such a list from a file.

resuming: with --state FILE an interrupted audit (Ctrl-C, a crash, a killed job) rerun with the
same options skips what is done; --output is then appended to, never truncated, and each article
appears in it exactly once.

exit codes: 0; 1 a finding reached --fail-on (default: never); 2 usage error, or the inputs
hold no article; 3 an input could not be read; 130 interrupted.

examples:
  provenance audit --format jsonl --output audit.jsonl --state audit.state archive/
  provenance audit --format csv -o posts.csv --report audit.html https://example.com/sitemap.xml
  find /crawl -name '*.warc.gz' | provenance audit --jobs 8 --format jsonl -o crawl.jsonl -
  provenance audit --engine spark --output results/ --from-file warc-paths.txt
"""


#: The most a pool may hold: more processes is a typo (and the count must fit in a C int).
MAX_JOBS = 1024
#: The longest wait on a silent host: a socket cannot wait 2**63 ns, and no host worth waiting
#: for is silent for a day.
MAX_TIMEOUT = 86_400


def _count(kind: type[int] | type[float], least: float, most: float | None = None) -> Any:
    """An argparse type: a number of ``kind`` from ``least`` to ``most``, never nan or infinite."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
        if value < least:
            raise argparse.ArgumentTypeError(f"{text!r} is below {least:g}")
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(f"{text!r} is above {most:g}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``audit`` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "audit", help="audit an archive of articles and summarize", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--from-file", action="append", default=[], metavar="LIST",
                        help="read inputs from LIST, one path or URL per line (- for standard input); repeatable")
    parser.add_argument("--jobs", "-j", type=_count(int, 1, MAX_JOBS), default=_default_jobs(), metavar="N",
                        help=f"check N articles at a time (default: all cores; at most {MAX_JOBS}); "
                        "1 keeps input order")
    parser.add_argument("--state", metavar="FILE", help="record what is done in FILE; a rerun resumes from it")
    parser.add_argument("--report", metavar="FILE", help="also write a self-contained HTML report to FILE")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary on stderr")
    network = parser.add_argument_group("fetching (only for URL inputs)")
    network.add_argument("--timeout", type=_count(float, 0.001, MAX_TIMEOUT), default=DEFAULT_TIMEOUT,
                         metavar="SECONDS",
                         help=f"give up on a host silent this long (default: {DEFAULT_TIMEOUT:g}; "
                         f"at most {MAX_TIMEOUT})")
    network.add_argument("--max-bytes", type=_count(int, 1), default=DEFAULT_MAX_BYTES, metavar="N",
                         help=f"largest page read, decoded (default: {DEFAULT_MAX_BYTES})")
    network.add_argument("--per-host", type=_count(int, 1), default=DEFAULT_PER_HOST, metavar="N",
                         help=f"requests at a time to one host (default: {DEFAULT_PER_HOST})")
    network.add_argument("--retries", type=_count(int, 0), default=DEFAULT_RETRIES, metavar="N",
                         help=f"retries of a 429 or 5xx answer, with backoff (default: {DEFAULT_RETRIES})")
    spark = parser.add_argument_group("Apache Spark (--engine spark: WARC inputs, --output is a folder)")
    spark.add_argument("--engine", choices=("local", "spark"), default="local",
                       help="where to check: this machine (default) or Spark")
    spark.add_argument("--spark-master", metavar="URL",
                       help="Spark master (default: spark-submit's, else local[*])")
    spark.add_argument("--spark-format", choices=("jsonl", "parquet"), default="jsonl",
                       help="what Spark writes into --output (default: jsonl)")
    add_common(parser, "never")
    _adapt(parser)  # audit's inputs may all come from --from-file
    return parser


def _adapt(parser: argparse.ArgumentParser) -> None:
    """Let the audit's inputs all come from ``--from-file``: PATH becomes optional."""
    for action in parser._actions:
        if action.dest == "paths":
            action.nargs = "*"
            action.required = False
            action.help = "articles, folders, globs, URLs, sitemaps, WARC files; - for a list on standard input"


def settings_from(args: argparse.Namespace) -> AuditSettings:
    """The settings of ``audit`` from its parsed arguments; ConfigError for a bad flag or configuration."""
    return AuditSettings(
        **run_fields(args),
        from_file=tuple(args.from_file),
        output=args.output,
        state=args.state,
        report=args.report,
        quiet=args.quiet,
        jobs=args.jobs,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        per_host=args.per_host,
        retries=args.retries,
        engine=args.engine,
        spark_master=args.spark_master,
        spark_format=args.spark_format,
    )


def _check_files(settings: AuditSettings) -> None:
    """Usage errors in the files ``audit`` writes, before any input is read."""
    check_distinct({"--output": settings.output, "--state": settings.state, "--report": settings.report})
    if settings.report is not None:
        check_writable("--report", settings.report)
    if settings.state is not None:
        check_regular("--state", settings.state)
    for flag, name in (("--output", settings.output), ("--state", settings.state), ("--report", settings.report)):
        check_not_input(flag, name, settings.paths)


def main(args: argparse.Namespace) -> int:
    """``provenance audit`` with parsed arguments: settle them, check the files it writes, run."""
    settings = settings_from(args)
    _check_files(settings)
    return audit.run(settings)
