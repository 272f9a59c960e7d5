"""``provenance audit``: the checks of ``check`` over an archive, fast, visible and resumable.

Inputs are files, folders, globs, lists (``-`` on standard input, ``--from-file``), URLs,
sitemaps and WARC files (``provenance.sources``). Each becomes one FileReport, an unreadable
one a report with ``error`` set; one bad input never stops the rest. Articles are checked on a
process pool (``provenance.engines.local``) or on Apache Spark (``--engine spark``), and each
result is written as it completes: ``text``, ``line``, ``jsonl`` and ``csv`` are streamed, the
other formats are written at the end. ``--state FILE`` makes a run resumable
(``provenance.state``); ``--report FILE`` adds the self-contained HTML report.

The audit's machinery (engines, sources, the progress bar, the state, the HTML report) is
imported by the functions that run an audit, not here: the command line imports this module
for its parser, and ``provenance check`` should not pay for a process pool, rich or warcio.

Exit codes: 0; 1 when a finding reached ``--fail-on``; 2 usage error, or inputs that hold no
article at all (a folder of other files, a glob matching nothing, an empty list); 3 when some
input could not be read (and no finding reached ``--fail-on``); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from provenance.fetch import DEFAULT_MAX_BYTES, DEFAULT_PER_HOST, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Fetcher
from provenance.formats import csv_format, jsonl, render
from provenance.formats.summary import Tally
from provenance.formats.text import render_summary_lines
from provenance.model import ConfigError, FileReport, Report, Severity
from provenance.options import Options
from provenance.output import (
    EXIT_INPUT_FAILED,
    audit_exit_code,
    input_error_line,
    is_regular_file,
    no_article,
    rules_url,
    use_color,
)

if TYPE_CHECKING:
    from types import FrameType

    from provenance.engines.local import Result
    from provenance.engines.progress import Progress
    from provenance.formats.html_report import HtmlReport
    from provenance.sources import Item
    from provenance.state import State

__all__ = ["EXIT_INPUT_FAILED", "EXIT_INTERRUPTED", "STREAMED", "adapt_parser", "add_parser", "audit_paths", "run"]

EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE: what a shell reports for a program stopped by a closed pipe.
EXIT_PIPE_CLOSED = 141
#: Formats written one article at a time; the others need every article and are written at the end.
STREAMED = ("text", "line", "jsonl", "csv")

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
    """Add the ``audit`` subcommand and its own options to the command line's subparsers."""
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
    return parser


def adapt_parser(parser: argparse.ArgumentParser) -> None:
    """Let the audit's inputs all come from ``--from-file``: PATH becomes optional."""
    for action in parser._actions:
        if action.dest == "paths":
            action.nargs = "*"
            action.required = False
            action.help = "articles, folders, globs, URLs, sitemaps, WARC files; - for a list on standard input"


def audit_paths(paths: Iterable[str], options: Options, jobs: int = 1) -> Iterator[FileReport]:
    """One report per article under ``paths`` (any input ``audit`` takes), as each is checked."""
    from provenance.engines.local import LocalEngine  # noqa: PLC0415 - see the module's docstring
    from provenance.sources import Sources  # noqa: PLC0415

    with Fetcher() as fetcher:
        sources = Sources(fetcher, max_bytes=DEFAULT_MAX_BYTES, reads=options.reads, gitignore=options.gitignore)
        for result in LocalEngine(options, fetcher, jobs).run(sources.items(paths)):
            yield result.report


class PipeClosed(Exception):
    """Standard output was closed by its reader (``provenance audit … | head``)."""


class _Output:
    """Where reports go: written one at a time for streamed formats, else collected for the end.

    ``--output`` may also name what is no regular file (``/dev/null``, a named pipe): it is
    written as standard output is, never sized, cut back, sought or synced."""

    def __init__(self, args: argparse.Namespace, state: State | None) -> None:
        self.format: str = args.format
        self.path: str | None = args.output
        self.fail_on: str = args.fail_on or args.default_fail_on
        self.rules_url: str | None = rules_url()
        self.collected: list[FileReport] | None = None if self.format in STREAMED else []
        self.color = use_color(self.path)
        self.pipe_closed = False
        self.handle: IO[bytes] | None = None
        #: Whether the output is a regular file: one that a resumed run cuts back and appends to.
        self.regular = False
        fresh = state is None or state.resume_at == 0
        if self.path is not None:
            try:
                if state is None or not is_regular_file(self.path):
                    self.handle = open(self.path, "wb")  # noqa: SIM115 - closed in close()
                else:
                    self.handle = open(self.path, "r+b")  # noqa: SIM115 - closed in close()
                    self.handle.truncate(state.resume_at)  # what the state does not record goes
                    self.handle.seek(state.resume_at)
                self.regular = stat.S_ISREG(os.fstat(self.handle.fileno()).st_mode)
            except OSError as error:
                raise ConfigError(f"--output: cannot write {self.path}: {error.strerror or error}") from None
        if self.format == "csv" and fresh:
            self.write(csv_format.HEADER)

    def size(self) -> int | None:
        """The output's size in bytes so far, when it is a regular file."""
        return self.handle.tell() if self.handle is not None and self.regular else None

    def write(self, text: str) -> None:
        """Write and flush ``text``: a killed run keeps everything written before the kill."""
        if not text:
            return
        if self.handle is None:
            if self.pipe_closed:
                return
            try:
                sys.stdout.write(text)
                sys.stdout.flush()
            except BrokenPipeError:
                self.pipe_closed = True
                with contextlib.suppress(OSError, ValueError):
                    # As Python's documentation advises: the exit's own flush must not fail again.
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise PipeClosed from None
        else:
            self.handle.write(text.encode("utf-8", "surrogateescape"))
            self.handle.flush()

    def add(self, report: FileReport) -> None:
        """Write one article's report, in a streamed format (the others are collected by the run)."""
        if self.format == "jsonl":
            self.write(jsonl.render_file(report))
        elif self.format == "csv":
            self.write(csv_format.rows(report))
        else:
            self.write(render(Report((report,)), self.format, color=self.color, quiet=True))

    def finish(self, summary: str) -> None:
        """Write what comes at the end: the collected reports, or the text format's summary."""
        if self.collected is not None:
            self.write(render(Report(tuple(self.collected)), self.format, fail_on=self.fail_on,
                              rules_url=self.rules_url))
        elif self.format == "text":
            self.write(summary + "\n")

    def sync(self) -> None:
        """Make the output durable (before the state that points into it); a device or a pipe has
        nothing to make durable (and fsync refuses them)."""
        if self.handle is not None:
            self.handle.flush()
            if self.regular:
                os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Sync and close the output file."""
        if self.handle is not None and not self.handle.closed:
            self.sync()
            self.handle.close()


class _Run:
    """One audit's bookkeeping: what was seen, written, counted and recorded."""

    def __init__(self, args: argparse.Namespace, state: State | None, progress: Progress) -> None:
        from provenance.formats.html_report import HtmlReport  # noqa: PLC0415 - see the module's docstring

        self.args = args
        self.state = state
        self.progress = progress
        self.output = _Output(args, state)
        self.tally = Tally()
        self.html: HtmlReport | None = HtmlReport() if args.report else None
        # One set of keys for the whole run: those the state recorded (in earlier runs, and in this
        # one as articles finish) and those this run has started, so a repeated key is skipped too.
        self._seen: set[bytes] = state.done if state is not None else set()
        if state is not None:
            for report in state.replay():
                self._count(report, None)

    @property
    def worst(self) -> Severity | None:
        """The most severe finding counted so far (the tally counts findings by severity)."""
        return max((Severity.parse(name) for name, count in self.tally.severities.items() if count), default=None)

    def new(self, items: Iterable[Item]) -> Iterator[Item]:
        """The items not yet done: neither recorded by an earlier run nor met earlier in this one."""
        from provenance.state import key_digest  # noqa: PLC0415 - see the module's docstring

        for item in items:
            digest = key_digest(item.key)
            if digest in self._seen:
                self.progress.skip()
                continue
            self._seen.add(digest)
            yield item

    def _count(self, report: FileReport, seconds: float | None) -> None:
        self.tally.add(report, seconds)
        if self.html is not None:
            self.html.add(report)
        if self.output.collected is not None:
            self.output.collected.append(report)

    def add(self, result: Result) -> None:
        """Take one finished article: report its error, write it, record it, count it."""
        report = result.report
        if report.error is not None:
            self.progress.print(input_error_line(report))
        if self.output.collected is None:
            self.output.add(report)
        self._count(report, result.seconds)
        if self.state is not None:
            self.state.record(result.item.key, report, self.output.size())
            if self.state.due():
                self.output.sync()
                self.state.sync()
        self.progress.advance(report.error is not None)

    def finish(self) -> None:
        """Write the summary and the end of the output; close the output and the state."""
        summary = self.tally.summary()
        lines = render_summary_lines(summary).rstrip("\n")
        try:
            self.output.finish(lines)
            if self.html is not None:
                try:
                    self.html.write(Path(self.args.report), summary)
                except OSError as error:
                    raise ConfigError(f"--report: cannot write {self.args.report}: {error.strerror}") from None
        finally:
            self.output.close()
            if self.state is not None:
                self.state.close()
        if self.args.format != "text" and not self.args.quiet and not self.output.pipe_closed:
            print(lines, file=sys.stderr)


@contextlib.contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """SIGTERM (a scheduler ending the job) stops the audit as cleanly as Ctrl-C."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _open_state(args: argparse.Namespace) -> State | None:
    if args.state is None:
        return None
    from provenance.state import State  # noqa: PLC0415 - see the module's docstring

    output = os.path.abspath(args.output) if args.output else None
    size = None
    if output is not None and (is_regular_file(output) or not os.path.exists(output)):
        size = os.path.getsize(output) if os.path.exists(output) else 0
    return State.open(Path(args.state), {"format": args.format, "output": output}, size)


def run(args: argparse.Namespace, options: Options) -> int:
    """Run ``provenance audit`` with parsed arguments; return the exit code."""
    if not args.paths and not args.from_file:
        raise ConfigError("audit: no input given (paths, URLs, - for a list on standard input, or --from-file)")
    if args.engine == "spark":
        from provenance.engines.spark import run_from_args  # noqa: PLC0415 - pyspark is optional

        return run_from_args(args, options)
    from provenance.engines.local import LocalEngine  # noqa: PLC0415 - see the module's docstring
    from provenance.engines.progress import Progress  # noqa: PLC0415
    from provenance.linter import ARTICLE_SUFFIXES  # noqa: PLC0415
    from provenance.sources import Sources  # noqa: PLC0415

    state = _open_state(args)
    fetcher = Fetcher(timeout=args.timeout, max_bytes=args.max_bytes, retries=args.retries, per_host=args.per_host)
    sources = Sources(fetcher, max_bytes=args.max_bytes, stdin=sys.stdin, reads=options.reads,
                      gitignore=options.gitignore)
    progress = Progress.start(enabled=not args.quiet and sys.stderr.isatty())
    progress.count_in_background(args.paths, args.from_file, options.reads, options.gitignore)
    interrupted = closed = False
    try:
        audit = _Run(args, state, progress)
    except BaseException:
        progress.stop()
        fetcher.close()
        if state is not None:
            state.close()
        raise
    try:
        with _interrupt_on_sigterm():
            try:
                for result in LocalEngine(options, fetcher, args.jobs).run(audit.new(sources.items(args.paths,
                                                                                                   args.from_file))):
                    audit.add(result)
            except KeyboardInterrupt:
                interrupted = True
            except PipeClosed:
                closed = True
    finally:
        progress.stop()
        fetcher.close()
        audit.finish()
    if closed:
        return EXIT_PIPE_CLOSED  # whoever reads the output has seen enough: stop without a word
    if interrupted:
        done = audit.tally.summary().files
        resume = " (rerun with the same --state to resume)" if args.state else ""
        print(f"provenance: interrupted after {done} article(s); what was done is written{resume}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if sources.found_nothing:
        suffixes = " ".join(sorted(ARTICLE_SUFFIXES))
        raise no_article([*args.paths, *args.from_file], f"{suffixes} and WARC files")
    return audit_exit_code(audit.worst, audit.tally.failed, args.fail_on)
