"""The progress bar of an audit on standard error: articles done, rate, failures and time left.

Shown only on a terminal (and not with ``--quiet``); elsewhere every method is silent except
``print``, which writes the input-error lines. The total is counted in a background thread when
the inputs are local files, folders, globs and page URLs (a walk, no reading); sitemaps, WARC files
and lists on standard input are counted only as they are read, so the bar shows a rate but no time
left.
"""

from __future__ import annotations

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

from provenance.logsafe import log_safe
from provenance.sources.inputs import count_inputs

__all__ = ["Progress"]


class _Rate(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "–/s", style="progress.data.speed")


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
