"""The progress bar of an audit on standard error: articles done, rate, failures and time left.

Shown only on a terminal (and not with ``--quiet``); elsewhere every method is silent except
``print``, which writes the input-error lines. The total is counted in a background thread when
the inputs are local files, folders, globs and page URLs (a walk, no reading); sitemaps, WARC files
and lists on standard input are counted only as they are read, so the bar shows a rate but no time
left.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from provenance.fetch import is_url
from provenance.logsafe import log_safe
from provenance.sources.files import is_article_name
from provenance.sources.inputs import glob_matches, is_sitemap_name, list_entry
from provenance.sources.warc import is_warc_name
from provenance.walk import walk_files

__all__ = ["Progress", "count_inputs"]


class _Rate(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "–/s", style="progress.data.speed")


def count_inputs(paths: Sequence[str], lists: Sequence[str], reads: Callable[[str], bool] | None = None,
                 gitignore: bool = True) -> int | None:
    """How many items the inputs give, when that is cheap to know (nothing to read), else None.

    Inputs are told apart as ``Sources.resolve`` tells them (the same sitemap, WARC and glob
    tests), so the total is what the run will count; nothing is read but folder listings.
    """
    total = 0
    entries: list[str] = list(paths)
    reads = reads or (lambda path: True)
    for name in lists:
        if name == "-":
            return None
        try:
            with open(name, encoding="utf-8", errors="surrogateescape") as handle:
                entries.extend(entry for line in handle if (entry := list_entry(line)) is not None)
        except OSError:
            continue
    for raw in entries:
        count = None if raw == "-" else _count_input(raw, reads, gitignore)
        if count is None:
            return None
        total += count
    return total


def _count_input(raw: str, reads: Callable[[str], bool], gitignore: bool) -> int | None:
    """The items of one input that is not a list, or None when only reading it would tell."""
    if is_url(raw):
        return None if is_sitemap_name(raw) else 1
    if os.path.isdir(raw):
        return _count_folder(raw, reads, gitignore)
    matches = glob_matches(raw)
    if matches is None:
        return _count_file(raw, reads)
    total = 0 if matches else 1  # a glob that matches nothing is one error item
    for match in matches:
        count = _count_folder(match, reads, gitignore) if os.path.isdir(match) else _count_file(match, reads)
        if count is None:
            return None
        total += count
    return total


def _count_file(path: str, reads: Callable[[str], bool]) -> int | None:
    if not reads(path):
        return 0
    return None if is_warc_name(path) or is_sitemap_name(path) else 1


def _count_folder(top: str, reads: Callable[[str], bool], gitignore: bool) -> int | None:
    total = 0
    for path, error in walk_files(top, gitignore):
        if error is not None:
            total += 1  # a folder that cannot be listed is one error item
        elif not reads(path):
            continue
        elif is_warc_name(path):
            return None
        else:
            total += is_article_name(path)
    return total


class Progress:
    """A live progress display, or a silent stand-in for one."""

    def __init__(self, bar: RichProgress | None) -> None:
        self._bar = bar
        self._task = bar.add_task("auditing", total=None) if bar is not None else None
        self._skipped = 0
        self._failed = 0
        self._counted: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def start(cls, enabled: bool) -> Progress:
        """A started bar on standard error when ``enabled``, else a silent one."""
        if not enabled:
            return cls(None)
        bar = RichProgress(
            SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
            MofNCompleteColumn(), _Rate(), TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=False,
        )
        progress = cls(bar)
        assert progress._task is not None
        bar.update(progress._task, failed=0)
        bar.start()
        return progress

    def count_in_background(self, paths: Sequence[str], lists: Sequence[str],
                            reads: Callable[[str], bool] | None = None, gitignore: bool = True) -> None:
        """Count the inputs in a daemon thread and set the bar's total when known."""
        if self._bar is None:
            return

        def count() -> None:
            total = count_inputs(paths, lists, reads, gitignore)
            with self._lock:
                self._counted = total
                self._update_total()

        threading.Thread(target=count, name="provenance-count", daemon=True).start()

    def _update_total(self) -> None:
        if self._bar is not None and self._task is not None and self._counted is not None:
            self._bar.update(self._task, total=max(self._counted - self._skipped, 0))

    def skip(self) -> None:
        """An input already done (resumed): it leaves the total."""
        with self._lock:
            self._skipped += 1
            self._update_total()

    def advance(self, failed: bool = False) -> None:
        """One more article done."""
        if self._bar is not None and self._task is not None:
            self._failed += failed
            self._bar.update(self._task, advance=1, failed=self._failed)

    def print(self, line: str) -> None:
        """One line on standard error, above the bar when there is one; log-safe (it names an input)."""
        line = log_safe(line)
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def stop(self) -> None:
        """Take the bar down (idempotent)."""
        if self._bar is not None:
            self._bar.stop()
