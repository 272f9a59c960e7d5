"""The local engine: checks on a pool of processes, pages fetched on a pool of threads.

Items are pulled from the sources only as work is taken, at most ``jobs × WINDOW_PER_JOB`` at
a time (plus the pages being fetched), so memory stays flat however long the input. Results
come out as each check completes: in completion order with several jobs, in input order with
``jobs=1`` (which runs everything in this process).

Workers are started with ``forkserver`` (``spawn`` where there is none), never ``fork``: the
parent has threads (fetching, the progress bar) and forking a threaded process can deadlock.
Each worker ignores Ctrl-C, so an interrupt reaches only the parent, which stops cleanly; a
worker is replaced after ``MAX_TASKS_PER_CHILD`` articles so that no parser leak builds up.
A worker that dies (a crash, the kernel's out-of-memory killer) costs only the articles it
held: they are tried once more on a fresh pool, then reported as errors.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

from provenance.checking import timed_check
from provenance.fetch import Fetcher
from provenance.model import FileReport
from provenance.options import Options
from provenance.sources.inputs import fetch_item
from provenance.sources.item import Item

__all__ = ["FETCH_THREADS", "WINDOW_PER_JOB", "LocalEngine", "Result"]

logger = logging.getLogger(__name__)

#: Pages fetched at once. Fetching waits on the network, not the CPU; the per-host limit of the
#: Fetcher keeps any one site from seeing more than a couple of these.
FETCH_THREADS = 8
#: Articles queued per worker: enough that no worker waits for the next one, few enough that
#: memory stays flat (an article in hand is at most ``--max-bytes``).
WINDOW_PER_JOB = 4
#: A worker checks this many articles, then is replaced, so that memory stays flat.
MAX_TASKS_PER_CHILD = 2000

#: The options of this worker process, set once when it starts.
_WORKER: dict[str, Options] = {}


def _start_worker(options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER["options"] = options


def _work(item: Item) -> tuple[FileReport, float]:
    return timed_check(item, _WORKER["options"])


@dataclass(frozen=True)
class Result:
    """One checked article: the Item it came from (without its bytes), its report and timing."""

    item: Item
    report: FileReport
    seconds: float | None = None


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported the checks once, instead of each importing them.
    context.set_forkserver_preload(["provenance.engines.local"])
    return context


class LocalEngine:
    """Runs the checks of an audit on this machine."""

    def __init__(self, options: Options, fetcher: Fetcher, jobs: int) -> None:
        self.options = options
        self.fetcher = fetcher
        self.jobs = max(1, jobs)

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One Result per Item, as each completes."""
        logger.info("checking on this machine, %d worker(s)", self.jobs)
        if self.jobs == 1:
            yield from self._serial(items)
        else:
            yield from self._parallel(items)

    def _serial(self, items: Iterable[Item]) -> Iterator[Result]:
        for item in items:
            fetched = fetch_item(item, self.fetcher)
            report, seconds = timed_check(fetched, self.options)
            yield Result(replace(fetched, data=None), report, seconds)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=_context(), initializer=_start_worker, initargs=(self.options,),
            max_tasks_per_child=MAX_TASKS_PER_CHILD,
        )

    def _parallel(self, items: Iterable[Item]) -> Iterator[Result]:
        source = iter(items)
        window = self.jobs * WINDOW_PER_JOB
        fetching: dict[Future[Item], Item] = {}
        checking: dict[Future[tuple[FileReport, float]], tuple[Item, int]] = {}
        ready: deque[tuple[Item, int]] = deque()  # fetched pages, and articles to try again
        exhausted = False
        threads = ThreadPoolExecutor(FETCH_THREADS, thread_name_prefix="provenance-fetch")
        pool = self._pool()
        try:
            while True:
                while len(checking) < window and (ready or not exhausted):
                    if ready:
                        item, tries = ready.popleft()
                    elif len(fetching) >= 2 * FETCH_THREADS:
                        break  # enough pages wait on the network
                    elif (new := next(source, None)) is None:
                        exhausted = True
                        break
                    elif new.url is not None and new.error is None:
                        fetching[threads.submit(fetch_item, new, self.fetcher)] = new
                        continue
                    else:
                        item, tries = new, 0
                    checking[pool.submit(_work, item)] = (item, tries)
                if not fetching and not checking:
                    return
                pending: list[Future[Any]] = [*fetching, *checking]
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    if future in fetching:
                        del fetching[future]
                        ready.append((future.result(), 0))
                        continue
                    item, tries = checking.pop(future)
                    try:
                        report, seconds = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if tries == 0:
                            ready.append((item, 1))
                            continue
                        yield Result(replace(item, data=None), FileReport(
                            source=item.source, error="the process checking it died"))
                        continue
                    yield Result(replace(item, data=None), report, seconds)
                if broken:
                    # Every check still on the broken pool fails too: they go to a fresh one.
                    pool.shutdown(wait=False, cancel_futures=True)
                    ready.extend(checking.values())
                    checking.clear()
                    pool = self._pool()
        finally:
            threads.shutdown(wait=False, cancel_futures=True)
            pool.shutdown(wait=False, cancel_futures=True)
