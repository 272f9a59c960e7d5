"""``provenance audit``: the checks of ``check`` over an archive, fast, visible and resumable.

Inputs are files, folders, globs, lists (``-`` on standard input, ``--from-file``), URLs,
sitemaps and WARC files (``provenance.sources``). Each becomes one FileReport, an unreadable
one a report with ``error`` set; one bad input never stops the rest. Articles are checked on a
process pool (``provenance.engines.local``) or on Apache Spark (``--engine spark``), and each
result is written as it completes: ``text``, ``line``, ``jsonl`` and ``csv`` are streamed, the
other formats are written at the end. ``--state FILE`` makes a run resumable
(``provenance.state``); ``--report FILE`` adds the self-contained HTML report.

The command (``provenance.commands.audit``) turns the arguments into :class:`AuditSettings`
once. The audit's machinery (engines, sources, the progress bar, the state, the HTML report) is
imported by the functions that run an audit, not here: the command line imports this module
for that record, and ``provenance check`` should not pay for a process pool, rich or warcio.

Exit codes: 0; 1 when a finding reached ``--fail-on``; 2 usage error, or inputs that hold no
article at all (a folder of other files, a glob matching nothing, an empty list); 3 when some
input could not be read (and no finding reached ``--fail-on``); 130 when interrupted.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from provenance.fetch import DEFAULT_MAX_BYTES, DEFAULT_PER_HOST, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Fetcher
from provenance.formats import csv_format, jsonl, render
from provenance.formats.summary import Tally
from provenance.formats.text import render_summary_lines
from provenance.logsafe import log_safe
from provenance.model import ConfigError, FileReport, Report, Severity
from provenance.options import Options
from provenance.output import (
    EXIT_INPUT_FAILED,
    Output,
    PipeClosed,
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
    from provenance.sources.item import Item
    from provenance.state import State

__all__ = ["EXIT_INPUT_FAILED", "EXIT_INTERRUPTED", "STREAMED", "AuditSettings", "audit_paths", "run"]

EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE: what a shell reports for a program stopped by a closed pipe.
EXIT_PIPE_CLOSED = 141
#: Formats written one article at a time; the others need every article and are written at the end.
STREAMED = ("text", "line", "jsonl", "csv")

@dataclass(frozen=True)
class AuditSettings:
    """What one audit is asked to do, settled once from its arguments (``provenance.commands.audit``)."""

    #: The inputs: files, folders, globs, URLs, sitemaps, WARC files; ``-`` for a list on standard input.
    paths: tuple[str, ...]
    options: Options
    #: The output format, settled (``github`` under GitHub Actions when none is given).
    format: str
    #: The lowest severity that fails the run, settled.
    fail_on: str
    #: Lists of inputs, one a line (``-``: standard input).
    from_file: tuple[str, ...] = ()
    output: str | None = None
    #: The state file that makes the audit resumable.
    state: str | None = None
    #: The self-contained HTML report to write.
    report: str | None = None
    quiet: bool = False
    jobs: int = 1
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    per_host: int = DEFAULT_PER_HOST
    retries: int = DEFAULT_RETRIES
    #: Where the checks run: ``local`` or ``spark``.
    engine: str = "local"
    spark_master: str | None = None
    #: What Spark writes into ``output``: ``jsonl`` or ``parquet``.
    spark_format: str = "jsonl"


def audit_paths(paths: Iterable[str], options: Options, jobs: int = 1) -> Iterator[FileReport]:
    """One report per article under ``paths`` (any input ``audit`` takes), as each is checked."""
    from provenance.engines.local import LocalEngine  # noqa: PLC0415 - see the module's docstring
    from provenance.sources.inputs import Sources  # noqa: PLC0415

    with Fetcher() as fetcher:
        sources = Sources(fetcher, max_bytes=DEFAULT_MAX_BYTES, reads=options.reads, gitignore=options.gitignore)
        for result in LocalEngine(options, fetcher, jobs).run(sources.items(paths)):
            yield result.report


class _Output:
    """Where reports go: written one at a time for streamed formats, else collected for the end."""

    def __init__(self, settings: AuditSettings, state: State | None) -> None:
        self.format: str = settings.format
        self.fail_on: str = settings.fail_on
        self.rules_url: str | None = rules_url()
        self.collected: list[FileReport] | None = None if self.format in STREAMED else []
        self.color = use_color(settings.output)
        self.out = Output(settings.output, resume_at=state.resume_at if state is not None else None)
        if self.format == "csv" and (state is None or state.resume_at == 0):
            self.write(csv_format.HEADER)

    @property
    def pipe_closed(self) -> bool:
        """Whether standard output's reader has gone."""
        return self.out.pipe_closed

    def size(self) -> int | None:
        """The output's size in bytes so far, when it is a regular file."""
        return self.out.size()

    def write(self, text: str) -> None:
        """Write and flush ``text``: a killed run keeps everything written before the kill."""
        self.out.write(text)

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
        """Make the output durable (before the state that points into it)."""
        self.out.sync()

    def close(self) -> None:
        """Sync and close the output file."""
        if self.out.handle is not None and not self.out.handle.closed:
            self.out.sync()
            self.out.close()


class _Run:
    """One audit's bookkeeping: what was seen, written, counted and recorded."""

    def __init__(self, settings: AuditSettings, state: State | None, progress: Progress) -> None:
        from provenance.formats.html_report import HtmlReport  # noqa: PLC0415 - see the module's docstring

        self.settings = settings
        self.state = state
        self.progress = progress
        self.output = _Output(settings, state)
        self.tally = Tally()
        self.html: HtmlReport | None = HtmlReport() if settings.report else None
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
            if self.html is not None and self.settings.report:
                try:
                    self.html.write(Path(self.settings.report), summary)
                except OSError as error:
                    raise ConfigError(f"--report: cannot write {self.settings.report}: {error.strerror}") from None
        finally:
            self.output.close()
            if self.state is not None:
                self.state.close()
        if self.settings.format != "text" and not self.settings.quiet and not self.output.pipe_closed:
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


def _open_state(settings: AuditSettings) -> State | None:
    if settings.state is None:
        return None
    from provenance.state import State  # noqa: PLC0415 - see the module's docstring

    output = os.path.abspath(settings.output) if settings.output else None
    size = None
    if output is not None and (is_regular_file(output) or not os.path.exists(output)):
        size = os.path.getsize(output) if os.path.exists(output) else 0
    return State.open(Path(settings.state), {"format": settings.format, "output": output}, size)


def _run_on_spark(settings: AuditSettings) -> int:
    """``provenance audit --engine spark``: check, write ``--output DIR``, print a summary line."""
    from provenance.engines.spark import local_path, run_spark, warc_paths  # noqa: PLC0415 - pyspark is optional
    from provenance.sources.inputs import list_entry  # noqa: PLC0415 - see the module's docstring

    if settings.state is not None:
        raise ConfigError("--state is for the local engine; Spark retries failed tasks itself")
    if settings.report is not None:
        raise ConfigError("--report is for the local engine; with --engine spark, read the JSON lines it writes")
    if settings.output is None:
        raise ConfigError("--engine spark needs --output DIR (a folder that does not exist yet)")
    if urlsplit(settings.output).scheme in ("", "file") and os.path.exists(local_path(settings.output)):
        raise ConfigError(f"--output: {settings.output} exists; Spark writes a new folder")
    inputs = list(settings.paths)
    for name in [*settings.from_file, *(["-"] if "-" in inputs else [])]:
        try:
            if name == "-":
                lines = sys.stdin.readlines()
            else:
                with open(name, encoding="utf-8", errors="surrogateescape") as handle:
                    lines = handle.readlines()
        except OSError as error:
            raise ConfigError(f"--from-file: cannot read {name}: {error.strerror or error}") from None
        inputs.extend(entry for line in lines if (entry := list_entry(line)) is not None)
    inputs = [raw for raw in inputs if raw != "-"]
    try:
        import pyspark  # noqa: F401, PLC0415 - only to tell a missing install apart
    except ImportError:
        raise ConfigError("--engine spark needs pyspark: pip install 'provenance[spark]'") from None
    paths = warc_paths(inputs, settings.options.gitignore)
    if not paths:
        raise no_article(inputs, "WARC files with --engine spark")
    result = run_spark(paths, settings.options, settings.output, output_format=settings.spark_format,
                       max_bytes=settings.max_bytes, master=settings.spark_master)
    if not settings.quiet:
        print(log_safe(f"{result.files} article(s) from {len(paths)} WARC file(s), {result.failed} unreadable, "
                       f"written to {settings.output} ({settings.spark_format})"), file=sys.stderr)
    worst = Severity.parse(result.worst) if result.worst is not None else None
    return audit_exit_code(worst, result.failed, settings.fail_on)


def run(settings: AuditSettings) -> int:
    """Run an audit; return the exit code."""
    options = settings.options
    if not settings.paths and not settings.from_file:
        raise ConfigError("audit: no input given (paths, URLs, - for a list on standard input, or --from-file)")
    if settings.engine == "spark":
        return _run_on_spark(settings)
    from provenance.engines.local import LocalEngine  # noqa: PLC0415 - see the module's docstring
    from provenance.engines.progress import Progress  # noqa: PLC0415
    from provenance.sources.files import ARTICLE_SUFFIXES  # noqa: PLC0415
    from provenance.sources.inputs import Sources  # noqa: PLC0415

    state = _open_state(settings)
    fetcher = Fetcher(timeout=settings.timeout, max_bytes=settings.max_bytes, retries=settings.retries,
                      per_host=settings.per_host)
    sources = Sources(fetcher, max_bytes=settings.max_bytes, stdin=sys.stdin, reads=options.reads,
                      gitignore=options.gitignore)
    progress = Progress.start(enabled=not settings.quiet and sys.stderr.isatty())
    progress.count_in_background(settings.paths, settings.from_file, options.reads, options.gitignore)
    interrupted = closed = False
    try:
        audit = _Run(settings, state, progress)
    except BaseException:
        progress.stop()
        fetcher.close()
        if state is not None:
            state.close()
        raise
    try:
        with _interrupt_on_sigterm():
            try:
                for result in LocalEngine(options, fetcher, settings.jobs).run(audit.new(sources.items(settings.paths,
                                                                                                   settings.from_file))):
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
        resume = " (rerun with the same --state to resume)" if settings.state else ""
        print(f"provenance: interrupted after {done} article(s); what was done is written{resume}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if sources.found_nothing:
        suffixes = " ".join(sorted(ARTICLE_SUFFIXES))
        raise no_article([*settings.paths, *settings.from_file], f"{suffixes} and WARC files")
    return audit_exit_code(audit.worst, audit.tally.failed, settings.fail_on)
